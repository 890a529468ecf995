"""`planner brief` writes the council brief from the same inputs and options as `planner plan`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from tests.brief.pdf_checks import catalog, pdf_text
from tests.factories import workbook_bytes

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"


def test_brief_writes_a_tagged_pdf_and_says_so_in_one_json_document(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "brief.pdf"
    code = main(["brief", str(SAMPLE), "-o", str(out), "--no-frontier", "--scenario",
                 "Council draft", "--force-out", "C-047", "--pin", "C-045=2029",
                 "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    report = json.loads(captured.out)
    assert report["output"] == str(out) and report["standard"] == "PDF/UA-1"
    assert 2 <= report["pages"] <= 4 and report["bytes"] == out.stat().st_size
    assert report["city"] == "City of Riverton" and report["scenario"] == "Council draft"
    assert "Wrote" in captured.err
    pdf = out.read_bytes()
    assert catalog(pdf)["ua_part"] == "1"
    text = pdf_text(pdf)
    assert "Scenario: Council draft" in text
    assert "Left out by decision: Website: move to SaaS government web platform." in text
    assert "Public records: online request portal with redaction was set to start in FY2029" \
        in text


def test_brief_needs_a_budget(tmp_path: Path) -> None:
    source = tmp_path / "no_budget.xlsx"
    source.write_bytes(workbook_bytes({"Candidates": [
        ["candidate_id", "name", "one_time_cost"], ["C-1", "Permits online", 100_000]]}))
    assert main(["brief", str(source), "-o", str(tmp_path / "out.pdf")]) == 1
    assert not (tmp_path / "out.pdf").exists()


def test_brief_requires_an_output_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", str(SAMPLE), "--format", "json"]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "usage"
