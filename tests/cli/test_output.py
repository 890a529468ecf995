"""What every subcommand prints: JSON on stdout, tables as text, notes on stderr, output files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from planner.cli.output import clean_figure, note, print_json, print_table, write_output
from planner.errors import UnwritableFileError


def test_json_is_one_indented_document_with_dates_as_text(capsys) -> None:
    print_json({"city": "Zürich", "exported": dt.date(2027, 6, 30)})
    out = capsys.readouterr().out
    assert json.loads(out) == {"city": "Zürich", "exported": "2027-06-30"}
    assert out.endswith("}\n") and "\n  " in out and "Zürich" in out


def test_tables_print_as_text_and_an_empty_one_says_none(capsys) -> None:
    print_table(pd.DataFrame({"id": ["C1"], "score": [0.5]}), title="Ranking")
    assert capsys.readouterr().out.splitlines() == ["Ranking", "id  score", "C1    0.5"]
    print_table(pd.DataFrame(), title="Unfunded")
    assert capsys.readouterr().out == "Unfunded\n  (none)\n"


def test_notes_go_to_stderr_only(capsys) -> None:
    note("warning: 2 input errors")
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "warning: 2 input errors\n")


@pytest.mark.parametrize("value, expected", [
    (-0.0, 0.0), (7.1e-15, 0.0), (0.1 + 0.2, 0.3), (1234.5678901234, 1234.567890123),
])
def test_figures_lose_their_floating_point_noise(value: float, expected: float) -> None:
    assert clean_figure(value) == expected
    assert str(clean_figure(-0.0)) == "0.0"


def test_infinite_figures_stay_as_they_are() -> None:
    assert clean_figure(float("inf")) == float("inf")


def test_output_files_are_written_as_text_or_bytes(tmp_path: Path) -> None:
    write_output(tmp_path / "plan.json", "{}")
    write_output(tmp_path / "plan.xlsx", b"PK\x03\x04")
    assert (tmp_path / "plan.json").read_text(encoding="utf-8") == "{}"
    assert (tmp_path / "plan.xlsx").read_bytes() == b"PK\x03\x04"


def test_an_output_that_cannot_be_written_is_exit_code_two_with_the_reason(
        tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.xlsx"
    with pytest.raises(UnwritableFileError) as caught:
        write_output(target, b"x")
    assert caught.value.exit_code == 2
    assert str(caught.value).startswith(f"{target}: cannot be written (")


# --- nothing from a file reaches the terminal raw ---------------------------------------

HOSTILE_NAME = "Permits \x1b[31mportal\x07 \u202eexe.fdp"


def test_control_and_direction_characters_are_written_as_visible_escapes() -> None:
    from planner.cli.output import terminal_text

    assert terminal_text(HOSTILE_NAME) == "Permits \\x1b[31mportal\\x07 \\u202eexe.fdp"
    assert terminal_text("tab\tand\nnewline kept, é and 漢字 too") == \
        "tab\tand\nnewline kept, é and 漢字 too"
    assert terminal_text("over\rwrite \x7f \x9b \u2066x\u2069") == \
        "over\\x0dwrite \\x7f \\u009b \\u2066x\\u2069"


def test_json_through_the_safe_stream_is_the_same_document(capsys) -> None:
    from planner.cli.output import terminal_safe_streams

    data = {"name": HOSTILE_NAME + "\x9b\u2069", "n": 1}
    with terminal_safe_streams():
        print_json(data)
    out = capsys.readouterr().out
    assert json.loads(out) == data
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e\u2069")


def test_commands_never_print_a_file_s_control_characters_raw(tmp_path: Path) -> None:
    from tests.cli.console import run_planner

    candidates = tmp_path / "Candidates.csv"
    candidates.write_text("candidate_id,name,one_time_cost,annual_savings,delivery_risk,notes\n"
                          f"C1,{HOSTILE_NAME},100000,40000,2,\n"
                          "C2,Records portal,90000,5000,4,\x1b]0;owned\x07\n"
                          "C3,Timesheets,\x1b[2Jlots,1000,3,\n", encoding="utf-8")
    budget = tmp_path / "Budget.csv"
    budget.write_text("fiscal_year,fund,capital_budget\n2027,General Fund,500000\n",
                      encoding="utf-8")
    raw = ("\x1b", "\x07", "\u202e")
    for command in ("plan", "validate", "score"):
        text = run_planner(command, candidates, budget, timeout=300)
        assert text.code in (0, 1), text.stderr
        assert not any(ch in text.stdout + text.stderr for ch in raw), command
        document = run_planner(command, candidates, budget, "--format", "json", timeout=300)
        assert not any(ch in document.stdout for ch in raw), command
        document.document()  # exactly one JSON document
    report = run_planner("validate", candidates, budget, "--format", "json").document()
    assert "\x1b[2Jlots" in [issue["value"] for issue in report["issues"]]  # exact, unescaped
    shown = run_planner("validate", candidates, budget)
    assert "\\x1b[2Jlots" in shown.stdout + shown.stderr  # visible, escaped
