"""Keyed cell edits: every edit changes exactly the cell, row or rows the user touched."""

from __future__ import annotations

import pandas as pd
import pytest

from planner.views import workspace as W
from planner.views.cells import (
    CellEdit,
    RowAdded,
    RowDeleted,
    apply_delta,
    apply_edits,
    plain,
    table_edits,
)
from tests.factories import workbook_bytes
from tests.views.workbooks import long_budget_book, transposed_budget_book, wide_budget_book


def budget_lines(ws: W.Workspace) -> dict[tuple[int, str], float]:
    return {(b.fiscal_year, b.fund): b.capital_budget
            for b in W.validate_workspace(ws).portfolio.budget}


def test_one_cell_of_a_wide_budget_changes_that_fund_and_year_only() -> None:
    # The reported loss: Federal Grant FY2029 '-' -> 0 set all five years of the fund to 0.
    ws = W.read_workspace([("city.xlsx", wide_budget_book())])
    frame = ws.frames["Budget"]
    assert list(frame.columns) == ["Fund", "FY2027", "FY2028", "FY2029", "FY2030", "FY2031"]
    assert list(frame.index) == [2, 3]  # the user's own rows: one per fund
    before = budget_lines(ws)
    grant = list(frame.index).index(3)
    edited = apply_delta(frame, {"edited_rows": {grant: {"FY2029": 0}}}, list(frame.index))
    assert changed_cells(frame, edited) == {(3, "FY2029"): ("-", 0)}
    after = budget_lines(ws.with_frame("Budget", edited))
    assert after == before  # the dash already read as $0; the other four years are kept
    assert [after[(y, "Federal Grant")] for y in (2027, 2028, 2030, 2031)] == \
        [150_000, 200_000, 150_000, 150_000]


def changed_cells(before: pd.DataFrame, after: pd.DataFrame) -> dict:
    """(row, column) -> (before, after) of every cell that differs (rows of both)."""
    cells = {}
    for row in before.index.intersection(after.index):
        for column in before.columns:
            a, b = plain(before.at[row, column]), plain(after.at[row, column])
            if a != b:
                cells[(int(row), column)] = (a, b)
    return cells


def test_a_new_amount_in_a_wide_budget_reaches_only_its_budget_line() -> None:
    ws = W.read_workspace([("city.xlsx", wide_budget_book())])
    frame = ws.frames["Budget"]
    before = budget_lines(ws)
    edited = apply_delta(frame, {"edited_rows": {1: {"FY2029": 90_000}}}, list(frame.index))
    after = budget_lines(ws.with_frame("Budget", edited))
    assert {k for k in before if before[k] != after[k]} == {(2029, "Federal Grant")}
    assert after[(2029, "Federal Grant")] == 90_000


def test_one_cell_of_a_transposed_budget_changes_that_year_and_fund_only() -> None:
    ws = W.read_workspace([("city.xlsx", transposed_budget_book())])
    frame = ws.frames["Budget"]
    assert list(frame.columns) == ["Fiscal year", "General Fund", "Federal Grant"]
    before = budget_lines(ws)
    position = [str(v) for v in frame["Fiscal year"]].index("FY2028")
    edited = apply_delta(frame, {"edited_rows": {position: {"General Fund": 650_000}}},
                         list(frame.index))
    after = budget_lines(ws.with_frame("Budget", edited))
    assert {k for k in before if before[k] != after[k]} == {(2028, "General Fund")}


def test_deleting_a_long_budget_row_deletes_that_year_and_fund_only() -> None:
    ws = W.read_workspace([("city.xlsx", long_budget_book())])
    frame = ws.frames["Budget"]
    before = budget_lines(ws)
    row = next(int(n) for n, r in frame.iterrows()
               if r["fiscal_year"] == 2028 and r["fund"] == "Grants")
    edited = apply_delta(frame, {"deleted_rows": [list(frame.index).index(row)]},
                         list(frame.index))
    after = budget_lines(ws.with_frame("Budget", edited))
    assert set(before) - set(after) == {(2028, "Grants")}
    assert all(after[k] == before[k] for k in after)


def test_positions_are_read_with_the_rows_the_editor_showed() -> None:
    frame = pd.DataFrame({"id": ["A", "B", "C", "D"], "cost": [1, 2, 3, 4]},
                         index=pd.Index([5, 6, 7, 8], name="row"))
    shown = [6, 8]  # a filtered view: rows 6 and 8 only
    edits = table_edits(frame, {"edited_rows": {1: {"cost": 40}}, "deleted_rows": [0]}, shown)
    assert edits == [CellEdit(8, "cost", 4, 40), RowDeleted(6, {"id": "B", "cost": 2})]
    result = apply_edits(frame, edits)
    assert result.to_dict("index") == {5: {"id": "A", "cost": 1}, 7: {"id": "C", "cost": 3},
                                       8: {"id": "D", "cost": 40}}


def test_a_position_outside_the_rows_shown_changes_nothing() -> None:
    frame = pd.DataFrame({"cost": [1, 2]}, index=pd.Index([2, 3], name="row"))
    assert table_edits(frame, {"edited_rows": {5: {"cost": 9}}, "deleted_rows": [4]},
                       [2, 3]) == []


def test_a_value_set_to_what_it_was_is_no_edit_and_added_rows_are_numbered_on() -> None:
    frame = pd.DataFrame({"id": ["A"], "cost": pd.array([7], dtype="Int64")},
                         index=pd.Index([4], name="row"))
    edits = table_edits(frame, {"edited_rows": {0: {"cost": 7.0}},
                                "added_rows": [{"id": "B"}, {}, {"id": "C", "cost": 3}]}, [4])
    assert edits == [RowAdded(5, {"id": "B", "cost": None}),
                     RowAdded(6, {"id": "C", "cost": 3})]
    result = apply_edits(frame, edits)
    assert list(result.index) == [4, 5, 6] and result.loc[6, "cost"] == 3


def test_a_table_whose_rows_share_a_key_cannot_be_edited() -> None:
    frame = pd.DataFrame({"amount": [1, 2]}, index=pd.Index([3, 3], name="row"))
    with pytest.raises(ValueError, match="unique row keys"):
        table_edits(frame, {"edited_rows": {0: {"amount": 5}}}, [3, 3])


def test_text_typed_into_a_number_column_is_kept_in_that_cell_only() -> None:
    frame = pd.DataFrame({"cost": pd.array([1, 2], dtype="Int64")},
                         index=pd.Index([2, 3], name="row"))
    result = apply_delta(frame, {"edited_rows": {0: {"cost": "lots"}}}, [2, 3])
    assert result.loc[2, "cost"] == "lots" and result.loc[3, "cost"] == 2


def test_a_grid_in_thousands_keeps_its_unit_through_an_edit() -> None:
    book = workbook_bytes({"Budget": [
        ["Capital budget, amounts in thousands"],
        ["Fund", "FY2027", "FY2028"], ["General Fund", 500, 600], ["Federal Grant", 150, "-"]]})
    ws = W.read_workspace([("city.xlsx", book)])
    frame = ws.frames["Budget"]
    assert list(frame.columns) == ["Fund", "FY2027", "FY2028"] and list(frame.index) == [3, 4]
    assert budget_lines(ws)[(2027, "General Fund")] == 500_000
    edited = apply_delta(frame, {"edited_rows": {1: {"FY2028": 90}}}, list(frame.index))
    after = budget_lines(ws.with_frame("Budget", edited))
    assert after == {(2027, "General Fund"): 500_000, (2028, "General Fund"): 600_000,
                     (2027, "Federal Grant"): 150_000, (2028, "Federal Grant"): 90_000}
