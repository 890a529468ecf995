"""The databases the store's tests run on: a SQLite file, and a real PostgreSQL server.

PostgreSQL comes from PLANNER_TEST_POSTGRES_URL (`.ci/run` starts Debian's server and sets
it). Each test gets a schema of its own on it, dropped afterwards. In CI (CI=true) a missing
server fails the tests; elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

POSTGRES_URL = "PLANNER_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


def postgres_server() -> str:
    """The test server's URL; fails in CI and skips elsewhere when there is none."""
    url = os.environ.get(POSTGRES_URL, "").strip()
    if url:
        return url
    reason = f"no PostgreSQL server for the store's tests ({POSTGRES_URL} is not set)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason + "; CI must start one (.ci/run)")
    pytest.skip(reason)


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose connections work in a fresh schema of the test server."""
    from sqlalchemy import create_engine, text

    from planner.store.settings import database_url

    server = database_url(postgres_server())
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001 - the server named but unusable
        admin.dispose()
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            raise
        pytest.skip(f"the PostgreSQL server at {POSTGRES_URL} cannot be used: {exc}")
    joiner = "&" if "?" in server else "?"
    try:
        yield f"{server}{joiner}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    """A store URL on an empty database of that backend."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'store' / 'planner.sqlite3'}"
        return
    with postgres_schema() as url:
        yield url
