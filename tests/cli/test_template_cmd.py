"""`planner template OUT.xlsx`: a blank input workbook the importer reads without errors."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from planner.cli import main
from planner.service import load_paths


def test_the_template_is_a_workbook_with_every_input_sheet(tmp_path: Path, capsys) -> None:
    out = tmp_path / "blank.xlsx"
    assert main(["template", str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote {out}\n"
    sheets = load_workbook(out).sheetnames
    assert {"Systems", "Processes", "Candidates", "Budget", "Settings"} <= set(sheets)
    loaded = load_paths([out])
    assert not loaded.log.has_errors
    assert loaded.counts.get("Candidates", 0) == 0


def test_json_mode_reports_the_file_and_its_size(tmp_path: Path, capsys) -> None:
    out = tmp_path / "blank.xlsx"
    assert main(["template", str(out), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"output": str(out),
                                                   "bytes": out.stat().st_size}


def test_a_folder_that_does_not_exist_is_exit_code_two(tmp_path: Path, capsys) -> None:
    out = tmp_path / "missing" / "blank.xlsx"
    assert main(["template", str(out), "--format", "json"]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "unwritable-file"
    assert not out.exists()
