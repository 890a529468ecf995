"""Opening the store: its folder, its schema brought up to date, plain errors."""

from __future__ import annotations

import socket
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from planner.store.engine import (
    connect,
    current_revision,
    head_revision,
    make_engine,
    migrations_folder,
    reading,
    writing,
)
from planner.store.errors import StoreError

TABLES = {"workspaces", "input_sets", "input_files", "scenarios", "scenario_versions",
          "plans_of_record", "audit_entries", "computed_plans", "alembic_version"}


def test_opening_creates_the_data_folder_and_every_table(tmp_path: Path) -> None:
    path = tmp_path / "data" / "store" / "planner.sqlite3"
    engine = connect(f"sqlite:///{path}")
    assert path.is_file()
    assert set(inspect(engine).get_table_names()) == TABLES
    with reading(engine) as connection:
        assert current_revision(connection) == head_revision() == "v0002"
    engine.dispose()


def test_opening_an_up_to_date_store_again_changes_nothing(store_url: str) -> None:
    first = connect(store_url)
    with writing(first) as connection:
        connection.execute(text("INSERT INTO workspaces (name, city, cycle, created_by, "
                                "created_at) VALUES ('A', '', '', 'ana', CURRENT_TIMESTAMP)"))
    first.dispose()
    again = connect(store_url)
    with reading(again) as connection:
        assert connection.execute(text("SELECT name FROM workspaces")).scalars().all() == ["A"]
    again.dispose()


def test_a_sqlite_store_is_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    engine = connect(f"sqlite:///{path}")
    with reading(engine) as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_write_on_sqlite_takes_the_write_lock_at_once(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    engine = connect(f"sqlite:///{path}")
    other = sqlite3.connect(path, timeout=0)
    with writing(engine), pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # free again once the write committed
    other.rollback()
    engine.dispose()


def test_an_unreachable_server_is_a_plain_store_error() -> None:
    with pytest.raises(StoreError, match=r"cannot be used right now: .*") as caught:
        connect("postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "secret" not in str(caught.value) and "***" in str(caught.value)


def test_a_server_that_never_answers_is_reported_after_the_connect_timeout(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("planner.store.engine.CONNECT_SECONDS", 1)
    with socket.socket() as silent:  # accepts the connection, then says nothing
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(StoreError, match="cannot be used right now"):
            connect(f"postgresql+psycopg://nobody:secret@127.0.0.1:{port}/none")
        assert time.monotonic() - started < 20


def test_a_malformed_url_is_a_plain_store_error() -> None:
    with pytest.raises(StoreError, match="not a valid URL"):
        make_engine("not a url://")
    with pytest.raises(StoreError, match="cannot use"):
        make_engine("nosuchdb://host/db")


def test_the_migrations_ship_inside_the_package() -> None:
    folder = migrations_folder()
    assert (folder / "env.py").is_file()
    assert sorted(p.name for p in (folder / "versions").glob("v*.py")) == [
        "v0001_store.py", "v0002_computed_plans.py"]
