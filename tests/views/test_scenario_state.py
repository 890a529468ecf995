"""A session saved as a choices document and rebuilt from its files: the same tables, cell
for cell, the same mapping and the same choices."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from planner.views.editing import edit_sheet
from planner.views.mapping import edit_mapping
from planner.views.rules import edit_rules
from planner.views.scenario_state import (
    SessionChoices,
    frame_document,
    frame_from_document,
    restored_session,
    same_choices,
    session_choices,
    table_changes,
)
from planner.views.workspace import read_workspace
from tests.views.workbooks import wide_budget_book

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"


@pytest.fixture(scope="module")
def sample() -> list[tuple[str, bytes]]:
    return [("sample_city.xlsx", SAMPLE.read_bytes())]


def same_cells(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Two tables hold the same headers, row numbers, column types and cells."""
    assert list(a.columns) == list(b.columns)
    assert list(a.index) == list(b.index)
    assert [str(t) for t in a.dtypes] == [str(t) for t in b.dtypes]
    for row in a.index:
        for column in a.columns:
            x, y = a.at[row, column], b.at[row, column]
            assert (pd.isna(x) and pd.isna(y)) or x == y, (row, column, x, y)


def edited(sources: list[tuple[str, bytes]]):
    """The sample city with cells changed, a row deleted, a row added, a column remapped and
    a balance rule written, as the app's editors make those changes."""
    ws = read_workspace(sources)
    labels = list(ws.frames["Candidates"].index)
    ws, _ = edit_sheet(ws, "Candidates", {
        "edited_rows": {0: {"one_time_cost": 1_234_567}, 2: {"name": "Renamed project"},
                        3: {"notes": "See the council memo"}},
        "deleted_rows": [5],
        "added_rows": [{"candidate_id": "C-900", "name": "New idea", "one_time_cost": 50_000}],
    }, labels)
    budget_labels = list(ws.frames["Budget"].index)
    ws, _ = edit_sheet(ws, "Budget", {"edited_rows": {1: {"capital_budget": 0}}}, budget_labels)
    notes = list(ws.mapping["Systems"]).index("notes")
    ws, _ = edit_mapping(ws, "Systems", {"edited_rows": {notes: {"read as": "(ignore)"}}})
    ws, _ = edit_rules(ws, {"added_rows": [{"rule": "Police cap", "column": "department",
                                            "value": "Police", "kind": "max share",
                                            "limit": "40%"}]}, [])
    return ws


def test_a_saved_session_comes_back_table_for_table(sample) -> None:
    original = read_workspace(sample)
    current = edited(sample)
    session = SessionChoices(
        workspace=current, method="topsis", preset="balanced",
        weights={"legacy_risk": 40.0, "resident_impact": 60.0}, weight_mode="pairwise",
        judgments={"legacy_risk|resident_impact": 3.0},
        budget={"2027": {"General Fund": 1_000_000.0}}, settings={"carry_over": True},
        force_in=["C-002"], force_out=["C-010"], pin_start={"C-003": 2029})
    document = json.loads(json.dumps(session_choices(session, original, {"legacy_risk": 0.4})))
    assert document["cell_edits"]["Candidates"]["deleted"]
    assert "Rules" in document["rules"] and "Rules" not in document["cell_edits"]
    back = restored_session(read_workspace(sample), document)
    assert set(back.workspace.frames) == set(current.frames)
    for name in current.frames:
        same_cells(back.workspace.frames[name], current.frames[name])
    assert back.workspace.mapping == current.mapping
    assert back.workspace.digest() == current.digest()
    assert (back.method, back.preset, back.weight_mode) == ("topsis", "balanced", "pairwise")
    assert back.weights == session.weights and back.judgments == session.judgments
    assert back.budget == session.budget and back.settings == session.settings
    assert (back.force_in, back.force_out, back.pin_start) == (["C-002"], ["C-010"],
                                                               {"C-003": 2029})
    again = session_choices(back, read_workspace(sample), {"legacy_risk": 0.4})
    assert same_choices(again, document)


def test_an_unedited_session_records_no_edits(sample) -> None:
    original = read_workspace(sample)
    document = session_choices(SessionChoices(workspace=read_workspace(sample)), original)
    assert "cell_edits" not in document and "rules" not in document
    back = restored_session(original, document)
    assert back.workspace.digest() == original.digest()


def test_a_wide_budget_grid_edit_comes_back() -> None:
    sources = [("grid.xlsx", wide_budget_book())]
    ws = read_workspace(sources)
    new, said = edit_sheet(ws, "Budget", {"edited_rows": {1: {"FY2029": 0}}},
                           list(ws.frames["Budget"].index))
    assert said
    document = json.loads(json.dumps(session_choices(SessionChoices(workspace=new), ws)))
    back = restored_session(read_workspace(sources), document)
    same_cells(back.workspace.frames["Budget"], new.frames["Budget"])
    assert back.workspace.digest() == new.digest()


def test_text_typed_into_a_number_column_comes_back(sample) -> None:
    ws = read_workspace(sample)
    new, _ = edit_sheet(ws, "Candidates", {"edited_rows": {0: {"one_time_cost": "about 1M"}}},
                        list(ws.frames["Candidates"].index))
    document = json.loads(json.dumps(session_choices(SessionChoices(workspace=new), ws)))
    back = restored_session(read_workspace(sample), document)
    same_cells(back.workspace.frames["Candidates"], new.frames["Candidates"])
    assert back.workspace.frames["Candidates"].iloc[0]["one_time_cost"] == "about 1M"


def test_a_script_saved_scenarios_weights_become_slider_percents(sample) -> None:
    document = {"method": "wsm", "weights": {"legacy_risk": 0.25, "savings": 0.75},
                "overrides": {"force_in": ["C-001"], "force_out": [], "pin_start": {}}}
    back = restored_session(read_workspace(sample), document)
    assert back.weights == {"legacy_risk": 25.0, "savings": 75.0}
    assert back.force_in == ["C-001"] and back.method == "wsm"


def test_table_changes_name_cells_rows_and_whole_tables() -> None:
    before = pd.DataFrame({"a": pd.array([1, 2], dtype="Int64"), "b": ["x", "y"]},
                          index=pd.Index([2, 3], name="row"))
    after = before.copy()
    after.loc[3, "b"] = "z"
    assert table_changes(before, after) == {"cells": [[3, "b", "y", "z"]], "deleted": [],
                                            "added": []}
    assert table_changes(before, before.copy()) is None
    renamed = before.rename(columns={"b": "B"})
    assert "table" in table_changes(before, renamed)
    same_cells(frame_from_document(frame_document(before)), before)


def test_a_reviewed_proposals_table_comes_back_with_its_column_types() -> None:
    proposals = pd.DataFrame({"accept": [True, False], "candidate_id": ["P-S-001", "P-S-002"],
                              "one_time_cost": pd.array([120_000, None], dtype="Int64"),
                              "share": [0.25, float("nan")]},
                             index=pd.Index([1, 2], name="row"))
    session = SessionChoices(workspace=read_workspace(
        [("sample_city.xlsx", SAMPLE.read_bytes())]), propose=True, proposals=proposals)
    document = json.loads(json.dumps(session_choices(session, session.workspace)))
    back = restored_session(session.workspace, document)
    assert back.propose
    same_cells(back.proposals, proposals)
