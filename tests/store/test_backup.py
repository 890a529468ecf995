"""Backups of the store, restored: every scenario, version, plan of record and audit entry
comes back (docs/store.md gives the same commands)."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.exc import DatabaseError

from planner.store.store import Store
from tests.store.databases import postgres_schema, postgres_server

TOWN = "Town FY2027"
FILES = [("city.xlsx", bytes(range(256)) * 40)]


def _fill(store: Store) -> None:
    store.open_workspace(TOWN, user="ana", city="Town")
    inputs = store.save_inputs(TOWN, FILES, user="ana")
    store.save_scenario(TOWN, "Base", inputs=inputs.id, choices={"method": "wsm"},
                        summary={"funded": ["C1"]}, user="ana")
    store.save_scenario(TOWN, "Base", inputs=inputs.id, choices={"method": "topsis"},
                        summary={"funded": ["C2"]}, user="bob", replaces=1)
    store.adopt(TOWN, "Base", user="cio", note="Council vote", version=1)


def _picture(store: Store) -> tuple:
    record = store.plan_of_record(TOWN)
    return ([(s.name, s.version, s.choices) for s in store.scenarios(TOWN)],
            store.scenario(TOWN, "Base", 1).inputs.sources(),
            (record.scenario, record.version, record.note),
            [(e.user, e.action, e.what) for e in store.audit()])


def _later_change(store: Store) -> None:
    inputs = store.save_inputs(TOWN, FILES, user="ana")
    store.save_scenario(TOWN, "Lean", inputs=inputs.id, choices={}, summary={}, user="dan")


def test_a_sqlite_backup_taken_while_open_restores_everything(tmp_path: Path) -> None:
    live = tmp_path / "data" / "store" / "planner.sqlite3"
    store = Store.open(str(live))
    _fill(store)
    before = _picture(store)
    backup = tmp_path / "backup.sqlite3"
    with sqlite3.connect(live) as source, sqlite3.connect(backup) as target:
        source.backup(target)  # what `sqlite3 planner.sqlite3 ".backup backup.sqlite3"` does
    _later_change(store)
    store.close()
    for name in ("planner.sqlite3", "planner.sqlite3-wal", "planner.sqlite3-shm"):
        (live.parent / name).unlink(missing_ok=True)
    shutil.copyfile(backup, live)  # restore: the backup file put back in place
    restored = Store.open(str(live))
    assert _picture(restored) == before
    assert [s.name for s in restored.scenarios(TOWN)] == ["Base"]
    restored.close()


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="no sqlite3 command installed")
def test_the_sqlite3_commands_backup_opens_as_a_store(tmp_path: Path) -> None:
    live = tmp_path / "planner.sqlite3"
    store = Store.open(str(live))
    _fill(store)
    before = _picture(store)
    store.close()
    copy = tmp_path / "copy.sqlite3"
    subprocess.run(["sqlite3", str(live), f".backup '{copy}'"], check=True, timeout=60)
    again = Store.open(str(copy))
    assert _picture(again) == before
    again.close()


def test_a_pg_dump_restored_with_pg_restore_gives_everything_back(tmp_path: Path) -> None:
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump and pg_restore are not installed")
    server = postgres_server()
    with postgres_schema() as url:
        schema = re.search(r"search_path%3D(\w+)", url).group(1)
        store = Store.open(url)
        _fill(store)
        before = _picture(store)
        dump = tmp_path / "planner.dump"
        subprocess.run(["pg_dump", "--format=custom", f"--schema={schema}", f"--file={dump}",
                        server], check=True, timeout=120)
        _later_change(store)
        store.close()
        subprocess.run(["psql", "-q", "-c", f'DROP SCHEMA "{schema}" CASCADE', server],
                       check=True, timeout=60)
        subprocess.run(["pg_restore", f"--dbname={server}", str(dump)], check=True,
                       timeout=120)
        restored = Store.open(url)
        assert _picture(restored) == before
        # the trigger came back too
        with pytest.raises(DatabaseError, match="append-only"), \
                restored.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM audit_entries")
        restored.close()
