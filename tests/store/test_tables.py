"""The migrations create exactly the tables the store's code defines."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from planner.store.engine import connect, reading
from planner.store.tables import metadata


def test_the_migrated_schema_matches_the_table_definitions(store_url: str) -> None:
    engine = connect(store_url)
    with reading(engine) as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    engine.dispose()
    assert differences == []


def test_every_table_the_store_uses_is_defined_once() -> None:
    assert sorted(metadata.tables) == sorted(
        ["workspaces", "input_sets", "input_files", "scenarios", "scenario_versions",
         "plans_of_record", "audit_entries", "computed_plans"])
    assert metadata.tables["scenarios"].c.version.nullable is False
