"""`score` and `plan` propose candidates themselves when the file has no Candidates sheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_city.xlsx"


@pytest.fixture
def inventory_only(tmp_path: Path) -> Path:
    """The sample city with its Candidates sheet removed."""
    workbook = load_workbook(SAMPLE)
    del workbook["Candidates"]
    path = tmp_path / "inventory.xlsx"
    workbook.save(path)
    return path


def test_plan_proposes_candidates_and_says_so(inventory_only: Path,
                                              capsys: pytest.CaptureFixture) -> None:
    code = main(["plan", str(inventory_only), "--format", "json", "--no-frontier",
                 "--no-explain"])
    out = capsys.readouterr()
    assert code == 0
    assert "proposed from the Systems and Processes sheets" in out.err
    plan = json.loads(out.out)
    assert plan["status"] in ("optimal", "feasible")
    assert plan["funded"] and all(item["id"].startswith("PR-") for item in plan["funded"])


def test_score_proposes_candidates_too(inventory_only: Path,
                                       capsys: pytest.CaptureFixture) -> None:
    assert main(["score", str(inventory_only), "--format", "json"]) == 0
    out = capsys.readouterr()
    assert "estimates" in out.err
    assert len(json.loads(out.out)["candidates"]) > 50
