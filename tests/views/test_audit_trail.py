"""The app's changes as audit entries: their kind, subject, before and after; the History
page's table and filters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.store.records import AuditEntry
from planner.views.audit_trail import (
    action_label,
    audit_change,
    audit_table,
    filter_entries,
    record_lines,
)
from planner.views.editing import edit_sheet
from planner.views.mapping import edit_mapping
from planner.views.scenario_state import SessionChoices
from planner.views.workspace import read_workspace

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"


def sample():
    return read_workspace([("sample_city.xlsx", SAMPLE.read_bytes())])


def test_a_weight_change_is_recorded_with_before_and_after() -> None:
    ws = sample()
    before = SessionChoices(workspace=ws, weights={"legacy_risk": 30.0})
    after = SessionChoices(workspace=ws, weights={"legacy_risk": 40.0})
    change = audit_change(before, after, "Legacy risk weight 30 → 40")
    assert change.action == "weight-changed" and change.subject == "weights"
    assert change.before == {"legacy_risk": 30.0} and change.after == {"legacy_risk": 40.0}
    assert audit_change(before, SessionChoices(workspace=ws, weights={"legacy_risk": 30.0}),
                        "nothing") is None


def test_budget_cells_mapping_and_overrides_get_their_own_kinds() -> None:
    ws = sample()
    edited, _ = edit_sheet(ws, "Budget", {"edited_rows": {0: {"capital_budget": 5}}},
                           list(ws.frames["Budget"].index))
    change = audit_change(SessionChoices(workspace=ws), SessionChoices(workspace=edited), "x")
    assert change.action == "budget-cell-changed" and change.subject == "Budget"
    assert change.after["cells"][0][1:] == ["capital_budget",
                                            ws.frames["Budget"].iloc[0]["capital_budget"], 5]
    notes = list(ws.mapping["Systems"]).index("notes")
    remapped, _ = edit_mapping(ws, "Systems", {"edited_rows": {notes: {"read as": "(ignore)"}}})
    change = audit_change(SessionChoices(workspace=ws), SessionChoices(workspace=remapped), "m")
    assert change.action == "mapping-changed"
    assert change.after["mapping"]["notes"] == "(ignore)"
    both = audit_change(SessionChoices(workspace=ws),
                        SessionChoices(workspace=ws, method="topsis", force_in=["C-001"]), "b")
    assert both.action == "method-changed" and both.subject == "method, force in"
    assert both.after == {"method": "topsis", "force in": ["C-001"]}


def entry(n: int, user: str, action: str, subject: str, day: int) -> AuditEntry:
    return AuditEntry(id=n, at=dt.datetime(2027, 1, day, 10, 4, tzinfo=dt.UTC), user=user,
                      workspace="Riverton", action=action, subject=subject,
                      what=f"{subject} changed", before=1, after={"to": 2})


def test_the_history_filters_by_user_kind_subject_and_dates() -> None:
    entries = [entry(1, "ana", "weight-changed", "Legacy risk", 10),
               entry(2, "bob", "budget-cell-changed", "Budget", 11),
               entry(3, "ana", "scenario-saved", "Base", 12)]
    assert [e.id for e in filter_entries(entries, users=["ana"])] == [1, 3]
    assert [e.id for e in filter_entries(entries, actions=["budget-cell-changed"])] == [2]
    assert [e.id for e in filter_entries(entries, subject="legacy")] == [1]
    assert [e.id for e in filter_entries(entries, since=dt.date(2027, 1, 11),
                                         until=dt.date(2027, 1, 11))] == [2]
    assert len(filter_entries(entries)) == 3
    table = audit_table(entries)
    assert table["change"].tolist() == ["Weights", "Budget cells", "Scenario saved"]
    assert table.loc[1, "after"] == '{"to": 2}' and table.loc[0, "when (UTC)"] == \
        "2027-01-10 10:04:00"
    assert record_lines(entries[:1]) == ("2027-01-10 10:04 UTC, ana: Legacy risk changed",)
    assert action_label("something-new") == "Something new"
