"""`planner export` and `planner plan -o` write the same council workbook."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.cli import main
from tests.factories import workbook_bytes

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"


def test_export_command_writes_the_workbook(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "roadmap.xlsx"
    code = main(["export", str(SAMPLE), "-o", str(out), "--no-frontier", "--method", "topsis",
                 "--scenario", "Council draft"])
    assert code == 0
    assert "Wrote" in capsys.readouterr().out
    workbook = load_workbook(io.BytesIO(out.read_bytes()))
    assert workbook.sheetnames[0] == "Summary"
    assert workbook["Roadmap"].oddFooter.left.text == "Council draft"
    settings = {r[0].value: r[1].value for r in workbook["Settings"].iter_rows(min_row=2)}
    assert settings["method"] == "topsis"
    assert settings["scenario_name"] == "Council draft"


def test_export_command_needs_a_budget(tmp_path: Path) -> None:
    source = tmp_path / "no_budget.xlsx"
    source.write_bytes(workbook_bytes({"Candidates": [
        ["candidate_id", "name", "one_time_cost"], ["C-1", "Permits online", 100_000]]}))
    assert main(["export", str(source), "-o", str(tmp_path / "out.xlsx")]) == 1
    assert not (tmp_path / "out.xlsx").exists()


def test_export_command_requires_an_output_path(capsys: pytest.CaptureFixture) -> None:
    assert main(["export", str(SAMPLE)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "-o/--output" in captured.err


def test_plan_command_writes_the_workbook_with_o(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    code = main(["plan", str(SAMPLE), "-o", str(out), "--no-explain", "--no-frontier"])
    assert code == 0
    workbook = load_workbook(io.BytesIO(out.read_bytes()))
    assert "Decision Record" in workbook.sheetnames
