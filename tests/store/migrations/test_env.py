"""The migration environment runs on the connection it is handed, in its transaction."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from planner.store.engine import alembic_config, make_engine, writing


def test_a_failed_upgrade_leaves_a_new_store_empty(store_url: str) -> None:
    engine = make_engine(store_url)
    try:
        with writing(engine) as connection:
            command.upgrade(alembic_config(connection), "head")
            assert "scenarios" in inspect(connection).get_table_names()
            raise RuntimeError("stop before commit")
    except RuntimeError:
        pass
    assert "scenarios" not in inspect(engine).get_table_names()
    engine.dispose()


def test_upgrade_and_downgrade_by_hand_through_the_environment(store_url: str) -> None:
    engine = make_engine(store_url)
    with writing(engine) as connection:
        command.upgrade(alembic_config(connection), "head")
    assert "audit_entries" in inspect(engine).get_table_names()
    with writing(engine) as connection:
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
