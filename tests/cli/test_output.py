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
