"""Every grid of the app edited by keyed cell, each edit with its plain words."""

from __future__ import annotations

import pandas as pd

from planner.views import workspace as W
from planner.views.editing import edit_budget_grid, edit_rows, edit_sheet, sheet_words
from planner.views.inputs import STAFF
from tests.views.workbooks import long_budget_book, transposed_budget_book, wide_budget_book


def read(book: bytes) -> W.Workspace:
    return W.read_workspace([("city.xlsx", book)])


def test_a_wide_budget_cell_is_said_by_its_fiscal_year_and_fund() -> None:
    ws = read(wide_budget_book())
    new, said = edit_sheet(ws, "Budget", {"edited_rows": {1: {"FY2029": 0}}}, [2, 3])
    assert said == "FY2029 Federal Grant: — → $0"
    assert new.frames["Budget"].loc[3, "FY2029"] == 0
    assert new.frames["Budget"].loc[3, "FY2028"] == ws.frames["Budget"].loc[3, "FY2028"]
    _, said = edit_sheet(ws, "Budget", {"edited_rows": {0: {"Fund": "General"}},
                                        "deleted_rows": [1]}, [2, 3])
    assert said == ("Budget row 2 (General Fund) Fund: General Fund → General; "
                    "Deleted Budget row 3 (Federal Grant)")


def test_a_transposed_budget_cell_is_said_the_same_way() -> None:
    ws = read(transposed_budget_book())
    labels = list(ws.frames["Budget"].index)
    _, said = edit_sheet(ws, "Budget", {"edited_rows": {2: {"Federal Grant": 5_000}}}, labels)
    assert said == "FY2029 Federal Grant: — → $5,000"


def test_a_long_budget_row_is_its_fiscal_year_and_fund() -> None:
    ws = read(long_budget_book())
    frame = ws.frames["Budget"]
    position = next(i for i, (_, r) in enumerate(frame.iterrows())
                    if r["fiscal_year"] == 2028 and r["fund"] == "Grants")
    new, said = edit_sheet(ws, "Budget", {"deleted_rows": [position]}, list(frame.index))
    assert said == "Deleted Budget FY2028 Grants"
    assert len(new.frames["Budget"]) == len(frame) - 1


def test_a_system_cell_is_said_by_row_number_and_id_with_units_respected() -> None:
    ws = read(wide_budget_book())
    new, said = edit_sheet(ws, "Systems", {"edited_rows": {1: {"O&M ($K)": 6}}},
                           list(ws.frames["Systems"].index))
    assert said == "Systems row 3 (S-002) O&M ($K): 5 → 6"  # thousands: not "$6"
    assert new.digest() != ws.digest()
    unchanged, nothing = edit_sheet(ws, "Systems", {"edited_rows": {1: {"O&M ($K)": 5}}},
                                    list(ws.frames["Systems"].index))
    assert nothing is None and unchanged is ws
    _, said = edit_sheet(ws, "Candidates", {"edited_rows": {0: {"one_time_cost": 450_000}}},
                         list(ws.frames["Candidates"].index))
    assert said == "Candidates row 2 (C-001) one_time_cost: $400,000 → $450,000"
    assert sheet_words(ws, "Candidates").money == frozenset({"one_time_cost"})


def test_the_caps_grid_is_edited_by_fiscal_year_and_column() -> None:
    grid = pd.DataFrame({"General": [100.0, 200.0], STAFF: [2.0, 3.0]},
                        index=pd.Index([2027, 2028], name="fiscal_year"))
    edited, said = edit_budget_grid(grid, {"edited_rows": {1: {"General": 250.0, STAFF: 4}}})
    assert said == f"FY2028 General: $200 → $250; FY2028 {STAFF}: 3 → 4"
    assert edited.loc[2027].tolist() == [100.0, 2.0]
    assert edited.loc[2028].tolist() == [250.0, 4.0]


def test_a_record_table_is_edited_by_its_numbered_rows() -> None:
    table = pd.DataFrame({"accept": [True, True], "candidate_id": ["P-1", "P-2"],
                          "one_time_cost": [10.0, 20.0]}, index=pd.Index([1, 2], name="row"))
    edited, said = edit_rows(table, {"edited_rows": {1: {"one_time_cost": 25, "accept": False}}},
                             title="Proposal", id_column="candidate_id",
                             money=["one_time_cost"])
    assert said == ("Proposal row 2 (P-2) one_time_cost: $20 → $25; "
                    "Proposal row 2 (P-2) accept: yes → no")
    assert edited.loc[1].tolist() == [True, "P-1", 10.0]
