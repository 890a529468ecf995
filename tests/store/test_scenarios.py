"""Scenario versions: a stale save is refused, a failed save leaves the last one intact, the
plan of record keeps the version adopted."""

from __future__ import annotations

import pytest

import planner.store.scenarios as scenario_rows
from planner.store.audit import AuditFilter
from planner.store.errors import NotFoundError, ScenarioExistsError, StaleScenarioError, StoreError
from planner.store.store import Store

TOWN = "Town FY2027"
FILES = [("city.csv", b"ID,Name\nC1,Permits\n")]


def _save(store: Store, name: str = "Base", replaces: int | None = None, user: str = "ana",
          **choices: object) -> int:
    inputs = store.save_inputs(TOWN, FILES, user=user)
    return store.save_scenario(TOWN, name, inputs=inputs.id, choices=dict(choices),
                               summary={"funded": ["C1"]}, user=user, replaces=replaces)


@pytest.fixture
def town(store: Store) -> Store:
    store.open_workspace(TOWN, user="ana", city="Town")
    return store


def test_each_save_is_a_new_version_and_the_old_ones_stay(town: Store) -> None:
    assert _save(town, method="wsm") == 1
    assert _save(town, replaces=1, user="bob", method="topsis") == 2
    newest, first = town.scenario(TOWN, "Base"), town.scenario(TOWN, "Base", 1)
    assert (newest.version, newest.latest, newest.choices, newest.saved_by) == \
        (2, 2, {"method": "topsis"}, "bob")
    assert (first.version, first.choices, first.created_by) == (1, {"method": "wsm"}, "ana")
    assert newest.inputs.sources() == FILES


def test_a_save_from_a_stale_version_is_refused_and_loses_nothing(town: Store) -> None:
    _save(town, method="wsm")
    _save(town, replaces=1, user="bob", method="topsis")
    with pytest.raises(StaleScenarioError, match=r"changed by bob at .*reload it") as caught:
        _save(town, replaces=1, user="cy", method="vikor")
    assert caught.value.version == 2
    assert town.scenario(TOWN, "Base").choices == {"method": "topsis"}
    saves = town.audit(AuditFilter(action="scenario-saved"))
    assert [(e.user, e.after["version"]) for e in saves] == [("ana", 1), ("bob", 2)]
    assert saves[1].before["choices"] == {"method": "wsm"}


def test_a_new_scenario_under_a_taken_name_is_refused(town: Store) -> None:
    _save(town)
    with pytest.raises(ScenarioExistsError, match="already exists"):
        _save(town, user="bob")
    with pytest.raises(NotFoundError, match="no scenario named 'Other'"):
        _save(town, name="Other", replaces=1)


def test_a_failure_mid_save_leaves_the_previous_version_intact(town: Store, monkeypatch) -> None:
    _save(town, method="wsm")

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("the disk filled up")

    monkeypatch.setattr(scenario_rows, "append_entry", broken)
    with pytest.raises(RuntimeError, match="disk filled up"):
        _save(town, replaces=1, user="bob", method="topsis")
    monkeypatch.undo()
    kept = town.scenario(TOWN, "Base")
    assert (kept.version, kept.choices, kept.saved_by) == (1, {"method": "wsm"}, "ana")
    with pytest.raises(NotFoundError):
        town.scenario(TOWN, "Base", 2)
    assert _save(town, replaces=1, user="bob", method="topsis") == 2  # and it goes on


def test_the_plan_of_record_keeps_the_version_adopted(town: Store) -> None:
    _save(town, method="wsm")
    adopted = town.adopt(TOWN, "Base", user="cio", note="Council vote, 12 January")
    _save(town, replaces=1, user="bob", method="topsis")
    record = town.plan_of_record(TOWN)
    assert (record.scenario, record.version, record.adopted_by, record.note) == \
        ("Base", 1, "cio", "Council vote, 12 January")
    assert record.adopted_at == adopted.adopted_at
    assert town.scenario(TOWN, "Base", 1).plan_of_record
    assert not town.scenario(TOWN, "Base").plan_of_record
    town.adopt(TOWN, "Base", user="cio", version=2)
    entries = town.audit(AuditFilter(action="scenario-adopted"))
    assert [e.after["version"] for e in entries] == [1, 2]
    assert entries[1].before["version"] == 1


def test_the_plan_of_record_cannot_be_deleted_and_others_can(town: Store) -> None:
    _save(town)
    _save(town, name="Lean")
    town.adopt(TOWN, "Base", user="cio")
    with pytest.raises(StoreError, match="is the plan of record"):
        town.delete_scenario(TOWN, "Base", user="ana")
    with pytest.raises(StaleScenarioError):
        town.delete_scenario(TOWN, "Lean", user="ana", version=3)
    town.delete_scenario(TOWN, "Lean", user="ana", version=1)
    assert [s.name for s in town.scenarios(TOWN)] == ["Base"]
    deleted = town.audit(AuditFilter(action="scenario-deleted"))
    assert [(e.subject, e.before["version"]) for e in deleted] == [("Lean", 1)]


def test_a_scenario_needs_a_name_and_an_existing_version(town: Store) -> None:
    with pytest.raises(StoreError, match="needs a name"):
        _save(town, name="  ")
    _save(town)
    with pytest.raises(NotFoundError, match="no version 7 .*newest is version 1"):
        town.scenario(TOWN, "Base", 7)
    with pytest.raises(NotFoundError, match="no version 7"):
        town.adopt(TOWN, "Base", user="cio", version=7)
