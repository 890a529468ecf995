"""The stakeholders' table of the weights page and the plain words of its changes."""

from __future__ import annotations

import pandas as pd

from planner.core.models import Stakeholder
from planner.views import stakeholders as V

NAMES = ["Legacy risk", "Net annual savings"]


def test_the_table_comes_from_the_workbooks_stakeholders_and_is_empty_without_them() -> None:
    people = [Stakeholder(name="Mayor", role="Elected",
                          weights={"legacy risk": 3.0, "Net annual savings": 1.0})]
    table = V.stakeholder_frame(people, NAMES)
    assert table.to_dict("index") == {1: {"stakeholder": "Mayor", "role": "Elected",
                                          "Legacy risk": 3.0, "Net annual savings": 1.0}}
    empty = V.stakeholder_frame([], NAMES)
    assert empty.empty and list(empty.columns) == ["stakeholder", "role", *NAMES]
    assert V.table_stakeholders(table) == (Stakeholder(
        name="Mayor", role="Elected", weights={"Legacy risk": 3.0, "Net annual savings": 1.0}),)


def test_a_new_stakeholder_starts_from_the_given_weights_and_every_change_is_worded() -> None:
    before = V.add_stakeholder(V.stakeholder_frame([], NAMES), "Mayor", {"Legacy risk": 60.0,
                                                                        "Net annual savings": 40})
    assert before.loc[1, "Legacy risk"] == 60.0 and list(before.index) == [1]
    after = V.add_stakeholder(before, "CFO", {"Legacy risk": 20.0, "Net annual savings": 80})
    assert V.stakeholder_changes(before, after) == ["Added stakeholder CFO"]
    edited = after.copy()
    edited.loc[1, "Legacy risk"] = 70.0
    edited.loc[2, "role"] = "Finance"
    assert V.stakeholder_changes(after, edited) == [
        "Stakeholder Mayor, Legacy risk: 60 → 70", "Stakeholder CFO, role: '' → 'Finance'"]
    assert V.stakeholder_changes(edited, edited.drop(index=1)) == ["Removed stakeholder Mayor"]


def test_blank_rows_take_the_weights_in_use_and_incomplete_rows_are_no_stakeholder() -> None:
    table = pd.DataFrame({"stakeholder": ["A", "B"], "role": ["", ""],
                          "Legacy risk": [None, 0.0], "Net annual savings": [None, 5.0]},
                         index=pd.Index([1, 2], name="row"))
    filled = V.fill_blank_weights(table, {"Legacy risk": 20.0, "Net annual savings": 80.0})
    assert filled.loc[1, "Legacy risk"] == 20.0 and filled.loc[2, "Legacy risk"] == 0.0
    assert [p.name for p in V.table_stakeholders(filled)] == ["A"]  # B weighs one at zero


def test_same_weights_compares_proportions() -> None:
    assert V.same_weights({"a": 1, "b": 3}, {"a": 25, "b": 75})
    assert not V.same_weights({"a": 1, "b": 3}, {"a": 1, "b": 2})
    assert not V.same_weights(None, {"a": 1}) and not V.same_weights({"a": 1}, {"b": 1})
