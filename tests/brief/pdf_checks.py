"""Reading a brief back: its tagged structure (pikepdf), its text (pdftotext) and its pages as
images (pdftoppm), as a reader's software sees them."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf
import pytest


def poppler(tool: str) -> str:
    """A poppler tool's path; skipped outside CI when absent, a failure in CI."""
    found = shutil.which(tool)
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{tool} (poppler-utils) is required in CI to read the brief")
    pytest.skip(f"{tool} (poppler-utils) is not installed")


def pdf_text(pdf: bytes) -> str:
    """The brief's text as pdftotext reads it, with lines joined by spaces."""
    done = subprocess.run([poppler("pdftotext"), "-", "-"], input=pdf, capture_output=True,
                          check=True, timeout=60)
    return " ".join(done.stdout.decode("utf-8").split())


def structure_elements(pdf: bytes) -> list[tuple[str, str | None]]:
    """(type, alt text) of every structure element under the document's StructTreeRoot."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        found: list[tuple[str, str | None]] = []
        stack = [document.Root.StructTreeRoot.get("/K")]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                alt = node.get("/Alt")
                found.append((str(node.S), None if alt is None else str(alt)))
                stack.append(node.get("/K"))
        return found


def catalog(pdf: bytes) -> dict[str, object]:
    """The document catalog's accessibility entries: Lang, MarkInfo Marked, a StructTreeRoot,
    the title shown in the window, and the PDF/UA part declared in the metadata."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        root = document.Root
        meta = document.open_metadata()
        return {"lang": str(root.get("/Lang", "")),
                "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
                "struct_tree": "/StructTreeRoot" in root,
                "display_title": bool(root.get("/ViewerPreferences", {}).get(
                    "/DisplayDocTitle", False)),
                "title": str(meta.get("dc:title", "")),
                "ua_part": str(meta.get("pdfuaid:part", ""))}


def page_images(pdf: bytes, resolution: int = 40) -> list[Path]:
    """The pages as PNG images (kept in a fresh temporary folder)."""
    folder = Path(tempfile.mkdtemp(prefix="brief-pages-"))
    (folder / "brief.pdf").write_bytes(pdf)
    subprocess.run([poppler("pdftoppm"), "-r", str(resolution), "-png",
                    str(folder / "brief.pdf"), str(folder / "page")], check=True, timeout=120)
    return sorted(folder.glob("page*.png"))


def ink_share(png: Path) -> float:
    """The share of a page image's pixels that are not white."""
    from PIL import Image

    histogram = Image.open(png).convert("L").histogram()
    return sum(histogram[:230]) / sum(histogram)
