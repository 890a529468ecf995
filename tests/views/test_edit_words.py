"""Plain words for each edit: blanks and dashes as —, dollars exact, rows by number and id."""

from __future__ import annotations

from planner.views.cells import CellEdit, RowAdded, RowDeleted
from planner.views.edit_words import (
    TableWords,
    describe,
    fiscal_year_words,
    numbered,
    value_words,
)


def test_values_read_as_the_user_would_say_them() -> None:
    assert value_words(None) == "—" and value_words("-") == "—" and value_words(" – ") == "—"
    assert value_words(15_000, money=True) == "$15,000"
    assert value_words(0, money=True) == "$0"
    assert value_words(2029) == "2029" and value_words(3.0) == "3" and value_words(0.25) == \
        "0.25"
    assert value_words(True) == "yes"
    assert value_words("$1.2M", money=True) == "$1.2M"  # text stays as typed
    assert value_words("0", money=True) == "$0"  # a number typed into a text column
    assert value_words("1,500", money=True) == "$1,500" and value_words("1,500") == "1,500"
    assert value_words("x" * 60).endswith("…") and len(value_words("x" * 60)) == 40


def test_fiscal_years_are_named_from_any_way_of_writing_them() -> None:
    assert fiscal_year_words("FY2029") == "FY2029"
    assert fiscal_year_words(2029) == "FY2029"
    assert fiscal_year_words("FY 29 Adopted") == "FY2029"
    assert fiscal_year_words("Fund") is None


def test_edits_are_said_one_by_one_then_counted() -> None:
    table = TableWords(numbered("Systems", "system_id"), money={"annual_om_cost"})
    cells = {12: {"system_id": "S-004"}, 13: {"system_id": "S-005"}}
    edits = [CellEdit(12, "annual_om_cost", 12_000, 15_000),
             RowDeleted(13, {"system_id": "S-005"}), RowAdded(31, {"system_id": None})]
    assert describe(edits, table, cells.__getitem__) == (
        "Systems row 12 (S-004) annual_om_cost: $12,000 → $15,000; "
        "Deleted Systems row 13 (S-005); Added Systems row 31")
    many = [CellEdit(12, "name", "a", f"b{i}") for i in range(5)]
    said = describe(many, table, cells.__getitem__)
    assert said.count("→") == 3 and said.endswith("and 2 more")
    assert describe([], table, cells.__getitem__) is None
