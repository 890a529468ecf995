"""The audit trail: appended with who, when, before and after; listed with filters."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.store.audit import AuditFilter
from planner.store.errors import StoreError
from planner.store.store import Store


def _changes(store: Store) -> None:
    store.open_workspace("Town FY2027", user="ana")
    store.open_workspace("Village FY2027", user="bob")
    store.record("Town FY2027", user="ana", action="weight-changed", subject="Legacy risk",
                 what="Legacy risk weight 0.30 -> 0.40", before={"Legacy risk": 0.3},
                 after={"Legacy risk": 0.4})
    store.record("Town FY2027", user="bob", action="budget-cell-changed",
                 subject="General Fund FY2028", before=1_000_000, after=1_200_000)


def test_each_change_keeps_who_when_what_before_and_after(store: Store) -> None:
    _changes(store)
    entry = store.audit(AuditFilter(action="weight-changed"))[0]
    assert (entry.user, entry.workspace, entry.subject) == ("ana", "Town FY2027", "Legacy risk")
    assert (entry.before, entry.after) == ({"Legacy risk": 0.3}, {"Legacy risk": 0.4})
    assert entry.at.tzinfo is dt.UTC
    assert abs((dt.datetime.now(dt.UTC) - entry.at).total_seconds()) < 60


def test_filters_narrow_by_workspace_user_action_subject_and_time(store: Store) -> None:
    _changes(store)
    town = store.audit(AuditFilter(workspace="Town FY2027"))
    assert [e.action for e in town] == ["workspace-created", "weight-changed",
                                        "budget-cell-changed"]
    assert [e.workspace for e in store.audit(AuditFilter(user="bob"))] == [
        "Village FY2027", "Town FY2027"]
    assert [e.before for e in store.audit(AuditFilter(subject="General Fund FY2028"))] == \
        [1_000_000]
    middle = town[1].at
    assert [e.action for e in store.audit(AuditFilter(workspace="Town FY2027",
                                                      since=middle))] == [
        "weight-changed", "budget-cell-changed"]
    assert [e.action for e in store.audit(AuditFilter(until=middle, user="ana"))] == [
        "workspace-created", "weight-changed"]
    newest = store.audit(AuditFilter(newest_first=True, limit=1))
    assert [e.action for e in newest] == ["budget-cell-changed"]


def test_record_hands_back_the_entry_as_stored(store: Store) -> None:
    store.open_workspace("Town FY2027", user="ana")
    entry = store.record("Town FY2027", user="ana", action="mapping-changed",
                         subject="Candidates", before=("Cost",), after=["Capital cost"])
    assert entry.before == ["Cost"] and entry.after == ["Capital cost"]
    assert entry.as_dict()["at"].endswith("+00:00")


@pytest.mark.parametrize(("action", "user", "after", "message"), [
    ("Weight Changed!", "ana", None, "short lower-case word"),
    ("weight-changed", " ", None, "names who made the change"),
    ("weight-changed", "ana", {"x": float("nan")}, "cannot be stored as JSON"),
    ("weight-changed", "ana", {"x": object()}, "cannot be stored as JSON"),
])
def test_an_entry_that_cannot_be_kept_is_refused_whole(store: Store, action: str, user: str,
                                                       after: object, message: str) -> None:
    store.open_workspace("Town FY2027", user="ana")
    with pytest.raises(StoreError, match=message):
        store.record("Town FY2027", user=user, action=action, after=after)
    assert len(store.audit()) == 1


def test_the_store_offers_no_way_to_change_or_remove_an_entry() -> None:
    import inspect

    import planner.store.audit as audit

    offered = {name for name in dir(Store) if not name.startswith("_")}
    assert {n for n in offered if "audit" in n or "record" in n} == {
        "audit", "record", "plan_of_record"}
    source = inspect.getsource(audit)
    assert "insert(audit_entries)" in source
    assert "update(" not in source and "delete(" not in source
