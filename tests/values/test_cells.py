"""What every cell reader shares: blanks and placeholders, stray spaces, read options."""

from __future__ import annotations

import pytest

from planner.core.schema import Kind
from planner.values.cells import (
    DEFAULT,
    MISSING,
    CellError,
    Parsed,
    ReadOptions,
    clean_text,
    is_missing,
    read_options,
)
from planner.values.parse import parse_cell


@pytest.mark.parametrize("raw", [None, "", "  ", "N/A", "n/a", "NA", "TBD", "tbc", "-", "--",
                                 "—", "–", "?", "unknown", "#N/A", "\u00a0N/A\u00a0", float("nan"),
                                 "None", "null"])
def test_placeholders_are_missing(raw: object) -> None:
    assert is_missing(raw)
    for kind in Kind:
        assert parse_cell(kind, raw).value is None


def test_text_is_trimmed_of_stray_spaces() -> None:
    assert parse_cell(Kind.TEXT, "\u00a0 Police \u200b").value == "Police"
    assert clean_text("\ufeffName") == "Name"


@pytest.mark.parametrize("raw", [0, 0.0, False, "0", "zero", "N/A please", "12", "x"])
def test_values_that_only_look_empty_are_not_missing(raw: object) -> None:
    assert not is_missing(raw)


def test_every_kind_of_unicode_space_is_cleaned_from_text() -> None:
    assert clean_text("\u2007Fund\u202fA\u00a0") == "Fund A"
    assert clean_text(12.5) == "12.5"
    assert clean_text("zero\u200bwidth") == "zerowidth"


def test_read_options_are_shared_for_the_same_settings() -> None:
    assert read_options() is read_options(False, False, False)
    assert read_options(decimal_comma=True) == ReadOptions(decimal_comma=True)
    assert read_options(1, 0, 1) is read_options(True, False, True)  # truthy values normalized
    assert ReadOptions() == DEFAULT and not DEFAULT.decimal_comma and not DEFAULT.text_file


def test_a_cell_error_carries_its_issue_code() -> None:
    assert CellError("not a number").code == "type-error"
    error = CellError("above 5", code="out-of-range")
    assert (str(error), error.code) == ("above 5", "out-of-range")
    assert isinstance(error, ValueError)


def test_a_parsed_value_without_a_note_is_not_a_change_of_meaning() -> None:
    assert Parsed(None) == MISSING and MISSING.note is None
    assert Parsed(3, "read 'three' as 3").note == "read 'three' as 3"
