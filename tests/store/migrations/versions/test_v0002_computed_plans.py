"""The second migration adds the computed-plans cache, and going back removes only it."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from planner.store.engine import alembic_config, connect, current_revision, reading, writing


def test_the_computed_plans_table_comes_and_goes_with_its_migration(store_url: str) -> None:
    engine = connect(store_url)
    assert "computed_plans" in inspect(engine).get_table_names()
    with writing(engine) as connection:
        command.downgrade(alembic_config(connection), "v0001")
    inspector = inspect(engine)
    assert "computed_plans" not in inspector.get_table_names()
    assert "scenarios" in inspector.get_table_names()
    with writing(engine) as connection:
        command.upgrade(alembic_config(connection), "head")
    with reading(engine) as connection:
        assert current_revision(connection) == "v0002"
    assert {c["name"] for c in inspect(engine).get_columns("computed_plans")} == {
        "digest", "payload", "size", "created_at"}
    engine.dispose()
