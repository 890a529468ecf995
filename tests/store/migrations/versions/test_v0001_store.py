"""The first migration: the audit trail refuses to be rewritten, in the database itself."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from planner.store.engine import connect, writing
from planner.store.store import Store
from tests.store.databases import postgres_schema


@pytest.mark.parametrize("statement", [
    "UPDATE audit_entries SET what = 'nothing happened'",
    "DELETE FROM audit_entries",
])
def test_the_database_refuses_to_change_or_delete_audit_entries(store_url: str,
                                                                 statement: str) -> None:
    store = Store.open(store_url)
    store.open_workspace("Town FY2027", user="ana")
    with pytest.raises(DatabaseError, match="append-only"), writing(store.engine) as connection:
        connection.execute(text(statement))
    entries = store.audit()
    assert [(e.action, e.what) for e in entries] == [
        ("workspace-created", "Created workspace 'Town FY2027'")]
    store.close()


def test_on_postgresql_truncate_is_refused_too() -> None:
    with postgres_schema() as url:
        engine = connect(url)
        with pytest.raises(DatabaseError, match="append-only"), writing(engine) as connection:
            connection.execute(text("TRUNCATE audit_entries CASCADE"))
        engine.dispose()
