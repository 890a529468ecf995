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
    assert pages >= 15, pages
