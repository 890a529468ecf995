"""`score` and `plan` propose candidates themselves when the file has no Candidates sheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from tests.factories import sample_inventory_bytes


@pytest.fixture
def inventory_only(tmp_path: Path) -> Path:
    """The sample city with its Candidates sheet removed."""
    path = tmp_path / "inventory.xlsx"
    path.write_bytes(sample_inventory_bytes())
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
