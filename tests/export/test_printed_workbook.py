"""A real spreadsheet application opens the sample city's workbook and prints it to PDF."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from planner.export.workbook import export_workbook
from planner.score.rank_robustness import compare_methods, smaa
from planner.score.scoring import score_portfolio
from planner.service import load_paths, run_plan
from tests.export.support import TIMESTAMP

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SAMPLE = ROOT / "data" / "sample_city.xlsx"
CONVERT_TIMEOUT_S = 180


def soffice() -> str:
    """The LibreOffice binary; skipped outside CI when absent, a failure in CI."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("LibreOffice (soffice) is required in CI to check the exported workbook")
    pytest.skip("LibreOffice (soffice) is not installed; the PDF check runs only where it is")


def to_pdf(binary: str, workbook: Path) -> Path:
    """Convert with a private profile, so parallel runs never share LibreOffice's lock."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        completed = subprocess.run(
            [binary, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(workbook.parent), str(workbook)],
            capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S, check=False)
    pdf = workbook.with_suffix(".pdf")
    assert completed.returncode == 0, completed.stderr
    assert pdf.exists(), completed.stdout + completed.stderr
    return pdf


def page_count(pdf: Path) -> int:
    """Pages in a PDF, counted from its page objects (no PDF library needed)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def poppler(tool: str) -> str:
    """A poppler tool (pdftoppm, pdftotext); skipped outside CI when absent."""
    found = shutil.which(tool)
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"poppler-utils ({tool}) is required in CI to look at the printed pages")
    pytest.skip(f"{tool} is not installed; the page check runs only where it is")


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, in layout order."""
    done = subprocess.run([poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=CONVERT_TIMEOUT_S, check=True)
    return done.stdout.split("\f")[:page_count(pdf)]


def inked_shares(pdf: Path) -> list[float]:
    """Each page rendered to PNG by pdftoppm, as the share of its pixels that are not white."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="pages-") as folder:
        subprocess.run([poppler("pdftoppm"), "-r", "30", "-gray", "-png", str(pdf),
                        f"{folder}/page"], check=True, timeout=CONVERT_TIMEOUT_S)
        shares = []
        for png in sorted(Path(folder).glob("page-*.png")):
            with Image.open(png) as image:
                counts = image.convert("L").histogram()  # pixels at each grey level 0-255
            shares.append(sum(counts[:200]) / sum(counts))
    return shares


COUNCIL_SHEETS = ("Summary", "Roadmap", "By Fiscal Year", "Funded", "Unfunded", "Scores",
                  "Weighing",
                  "Robustness", "Glossary")
CANDIDATE_TABLES = ("Roadmap", "Funded", "Unfunded", "Scores")
FOOTER = re.compile(r"Page (\d+) of \d+\s+(.+?)\s*$", re.MULTILINE)


def sheet_of(page: str) -> str:
    """The sheet a printed page belongs to, from its footer ('Page 3 of 30   Roadmap')."""
    found = FOOTER.findall(page)
    return found[-1][1].strip() if found else ""


@pytest.mark.office
def test_the_sample_city_workbook_converts_to_a_pdf_with_pages() -> None:
    binary = soffice()
    loaded = load_paths([SAMPLE])
    portfolio = loaded.portfolio
    scores = score_portfolio(portfolio)
    result = run_plan(portfolio, scores.value, explain_seconds=5.0)
    data = export_workbook(portfolio, result, scores=scores, validated=loaded,
                           robustness=smaa(scores, samples=2000),
                           method_ranks=compare_methods(portfolio), timestamp=TIMESTAMP)
    ARTIFACTS.mkdir(exist_ok=True)
    workbook = ARTIFACTS / "sample_city_roadmap.xlsx"
    workbook.write_bytes(data)
    workbook.with_suffix(".pdf").unlink(missing_ok=True)
    pdf = to_pdf(binary, workbook)
    pages = page_count(pdf)
    # Summary is one page; every other sheet adds at least one.
    assert 15 <= pages <= 40, pages
    texts = page_texts(pdf)
    sheets = [sheet_of(text) for text in texts]
    assert sheets[0] == "Summary" and sheets.count("Summary") == 1, sheets
    summary = texts[0]
    for words in ("points", "Share of the best possible plan", "Choices that shaped the plan",
                  "Overrides", "Carry-over", "Restricted funds", "How timing was valued"):
        assert words in summary, words
    assert re.search(r"Planned capital spend\s+\$\d+\.\dM", summary)
    for number, (text, sheet) in enumerate(zip(texts, sheets, strict=True)):
        # A page that repeats a table's header holds rows of it, never the band alone; a
        # continuation page starts with the header row.
        if sheet in CANDIDATE_TABLES:
            assert re.search(r"\bC-\d{3}\b", text), (sheet, text[:200])
        if sheet in (*CANDIDATE_TABLES, "Robustness") and sheet != "Scores" and number \
                and sheets[number - 1] == sheet:
            top = " ".join(text.strip("\n").splitlines()[:3])  # a header may wrap
            assert "Candidate" in top.split(), (sheet, number + 1, top[:160])
        if sheet in COUNCIL_SHEETS and sheet != "Glossary":
            names = re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text)
            assert names == [], (sheet, names)
        assert not re.search(r"\$[\d,]+\.\d\d\b", text), sheet  # never cents
        assert not re.search(r"\d%[a-z]", text), sheet  # a share run into a word
    assert "Glossary" in sheets
    inked = inked_shares(pdf)
    assert len(inked) == pages
    blank = [n for n, share in enumerate(inked, start=1) if share < 0.003]
    assert blank == [], blank
