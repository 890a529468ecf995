"""`planner template` and `planner validate`: output shape and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main
from tests.factories import workbook_bytes


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m planner` as a user would."""
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True,
                          text=True, timeout=120)


def test_template_then_validate_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert run_cli("template", str(out)).returncode == 0
    result = run_cli("validate", str(out), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"counts", "mapping", "issues"} <= set(report)
    assert report["counts"]["Candidates"] == 0


def test_validate_json_reports_rows_as_the_user_sees_them(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "in.xlsx"
    path.write_bytes(workbook_bytes({
        "Candidates": [
            ["candidate_id", "name", "one_time_cost", "requires"],
            ["C1", "Good", 100, None],
            ["C2", "Bad cost", "lots", None],
            ["C3", "Needs ghost", 50, "C9"],
            ["C1", "Duplicate", 10, None],
        ],
        "Budget": [["fiscal_year", "fund", "capital_budget"], ["FY2027", "GF", "$1,000"]],
    }))
    assert main(["validate", str(path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["counts"] == {"Candidates": 4, "Budget": 1}
    assert report["mapping"]["Budget"] == {"fiscal_year": "fiscal_year", "fund": "fund",
                                           "capital_budget": "capital_budget"}
    errors = {(i["row"], i["code"]) for i in report["issues"] if i["severity"] == "error"}
    assert errors == {(3, "type-error"), (4, "unknown-reference"), (5, "duplicate-id")}
    bad = next(i for i in report["issues"] if i["row"] == 3)
    assert bad["sheet"] == "Candidates" and bad["column"] == "one_time_cost"
    assert bad["value"] == "lots"


@pytest.mark.parametrize("content", [b"", b"not,a,workbook\n1,2,3\n", b"\xd0\xcf\x11\xe0" * 64])
def test_unreadable_files_exit_2_with_a_plain_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: broken.xlsx:")


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "nope.xlsx")]) == 2
