"""The store's service API across processes: workspaces, and saves that race each other.

Two processes saving the same scenario at once: exactly one wins, the other is told who saved
in between, and no update is lost, on SQLite and on a real PostgreSQL server alike.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from planner.store.audit import AuditFilter
from planner.store.errors import NotFoundError, StaleScenarioError, StoreError
from planner.store.store import Store

TOWN = "Town FY2027"
FILES = [("city.csv", b"ID,Name\nC1,Permits\n")]
SPAWN = multiprocessing.get_context("spawn")


def test_opening_a_workspace_creates_it_once(store: Store) -> None:
    first = store.open_workspace(TOWN, user="ana", city="Town", cycle="FY2027")
    again = store.open_workspace(TOWN, user="bob", city="ignored")
    assert first == again and again.created_by == "ana" and again.city == "Town"
    assert [w.name for w in store.workspaces()] == [TOWN]
    assert [e.action for e in store.audit()] == ["workspace-created"]


def test_a_missing_workspace_names_the_ones_there_are(store: Store) -> None:
    store.open_workspace(TOWN, user="ana")
    with pytest.raises(NotFoundError, match=r"no workspace named 'Twon' \(workspaces: "
                                            r"'Town FY2027'\)"):
        store.scenarios("Twon")
    with pytest.raises(StoreError, match="1 to 200 characters"):
        store.open_workspace(" ", user="ana")


def test_the_store_hides_its_password(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.sqlite3"))
    assert store.url.startswith("sqlite:///") and store.url.endswith("s.sqlite3")
    store.close()


def test_a_store_locked_too_long_is_a_plain_error_and_changes_nothing(tmp_path: Path,
                                                                    monkeypatch) -> None:
    import sqlite3

    import planner.store.engine as engine

    path = tmp_path / "s.sqlite3"
    monkeypatch.setattr(engine, "SQLITE_BUSY_SECONDS", 0.2)
    store = Store.open(str(path))
    store.open_workspace(TOWN, user="ana")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreError, match="cannot be used right now: database is locked"):
        store.open_workspace("Village", user="bob")
    holder.rollback()
    assert [w.name for w in store.workspaces()] == [TOWN]
    store.close()


def _racer(url: str, user: str, barrier, results) -> None:  # noqa: ANN001
    """Save over version `1` at the same moment as the other racer."""
    store = Store.open(url)
    inputs = store.save_inputs(TOWN, FILES, user=user)
    barrier.wait()
    try:
        version = store.save_scenario(TOWN, "Base", inputs=inputs.id,
                                      choices={"by": user}, summary={}, user=user, replaces=1)
        results.put((user, "saved", version))
    except StaleScenarioError as exc:
        results.put((user, "stale", str(exc)))
    finally:
        store.close()


def _counter(url: str, user: str, rounds: int, results) -> None:  # noqa: ANN001
    """Add one to the scenario's counter `rounds` times, reloading whenever told to."""
    store = Store.open(url)
    inputs = store.save_inputs(TOWN, FILES, user=user)
    stale = 0
    for _ in range(rounds):
        while True:
            seen = store.scenario(TOWN, "Count")
            try:
                store.save_scenario(TOWN, "Count", inputs=inputs.id,
                                    choices={"count": seen.choices["count"] + 1}, summary={},
                                    user=user, replaces=seen.version)
                break
            except StaleScenarioError:
                stale += 1
    store.close()
    results.put((user, stale))


def _started(target, *args) -> list:  # noqa: ANN001
    workers = [SPAWN.Process(target=target, args=(*args[:1], user, *args[1:]))
               for user in ("ana", "bob")]
    for worker in workers:
        worker.start()
    return workers


def _joined(workers: list) -> None:
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0


def test_two_processes_saving_at_once_one_wins_and_the_other_is_told(store_url: str) -> None:
    store = Store.open(store_url)
    store.open_workspace(TOWN, user="ana")
    inputs = store.save_inputs(TOWN, FILES, user="ana")
    for round_ in range(2):
        name = "Base"
        if round_:
            store.delete_scenario(TOWN, name, user="ana")
        store.save_scenario(TOWN, name, inputs=inputs.id, choices={}, summary={}, user="ana")
        barrier, results = SPAWN.Barrier(2), SPAWN.Queue()
        workers = _started(_racer, store_url, barrier, results)
        outcome = sorted((results.get(timeout=120) for _ in workers), key=lambda r: r[1])
        _joined(workers)
        (winner, won, version), (loser, lost, message) = outcome
        assert (won, version, lost) == ("saved", 2, "stale")
        assert f"changed by {winner} at" in message and "reload it" in message
        kept = store.scenario(TOWN, name)
        assert (kept.version, kept.choices, kept.saved_by) == (2, {"by": winner}, winner)
    saves = store.audit(AuditFilter(action="scenario-saved"))
    assert [e.after["version"] for e in saves] == [1, 2] * 2
    store.close()


def test_two_processes_each_adding_ten_lose_no_update(store_url: str) -> None:
    store = Store.open(store_url)
    store.open_workspace(TOWN, user="ana")
    inputs = store.save_inputs(TOWN, FILES, user="ana")
    store.save_scenario(TOWN, "Count", inputs=inputs.id, choices={"count": 0}, summary={},
                        user="ana")
    results = SPAWN.Queue()
    workers = _started(_counter, store_url, 10, results)
    stale = dict(results.get(timeout=300) for _ in workers)
    _joined(workers)
    final = store.scenario(TOWN, "Count")
    assert (final.choices["count"], final.version) == (20, 21)
    saves = store.audit(AuditFilter(subject="Count", action="scenario-saved"))
    assert [e.after["choices"]["count"] for e in saves] == list(range(21))
    assert set(stale) == {"ana", "bob"}
    store.close()
