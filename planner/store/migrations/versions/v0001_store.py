"""The first store: workspaces, input files, scenarios and their versions, plans of record
and the audit trail.

The audit trail is append-only in the database too: triggers refuse UPDATE and DELETE (and,
on PostgreSQL, TRUNCATE) of `audit_entries`.

Revision ID: v0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "v0001"
down_revision = None
branch_labels = None
depends_on = None

DOC = sa.JSON().with_variant(JSONB(), "postgresql")
WHEN = sa.DateTime(timezone=True)
REFUSAL = "the audit trail is append-only: entries are never changed or deleted"

SQLITE_TRIGGERS = [
    f"CREATE TRIGGER audit_entries_no_{verb.lower()} BEFORE {verb} ON audit_entries "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
    for verb in ("UPDATE", "DELETE")
]
POSTGRES_TRIGGERS = [
    "CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$",
    "CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries "
    "FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()",
    "CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()",
]


def _who() -> list[sa.Column]:
    return [sa.Column("created_by", sa.String(200), nullable=False),
            sa.Column("created_at", WHEN, nullable=False)]


def upgrade() -> None:
    op.create_table(
        "workspaces",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("city", sa.String(200), nullable=False, server_default=""),
        sa.Column("cycle", sa.String(200), nullable=False, server_default=""),
        *_who(),
        sa.PrimaryKeyConstraint("id", name="pk_workspaces"),
        sa.UniqueConstraint("name", name="uq_workspaces_name"))
    op.create_table(
        "input_sets",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("workspace_id", sa.Integer, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        *_who(),
        sa.PrimaryKeyConstraint("id", name="pk_input_sets"),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"],
                                name="fk_input_sets_workspace_id_workspaces"),
        sa.UniqueConstraint("workspace_id", "digest", name="uq_input_sets_workspace_digest"))
    op.create_table(
        "input_files",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("input_set_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_input_files"),
        sa.ForeignKeyConstraint(["input_set_id"], ["input_sets.id"],
                                name="fk_input_files_input_set_id_input_sets"))
    op.create_index("ix_input_files_input_set_id", "input_files", ["input_set_id"])
    _scenarios_and_plans()
    _audit()


def _scenarios_and_plans() -> None:
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("workspace_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        *_who(),
        sa.Column("saved_by", sa.String(200), nullable=False),
        sa.Column("saved_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_scenarios"),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"],
                                name="fk_scenarios_workspace_id_workspaces"),
        sa.UniqueConstraint("workspace_id", "name", name="uq_scenarios_workspace_name"))
    op.create_table(
        "scenario_versions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("scenario_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("input_set_id", sa.Integer, nullable=False),
        sa.Column("choices", DOC, nullable=False),
        sa.Column("summary", DOC, nullable=False),
        sa.Column("saved_by", sa.String(200), nullable=False),
        sa.Column("saved_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_scenario_versions"),
        sa.ForeignKeyConstraint(["scenario_id"], ["scenarios.id"],
                                name="fk_scenario_versions_scenario_id_scenarios"),
        sa.ForeignKeyConstraint(["input_set_id"], ["input_sets.id"],
                                name="fk_scenario_versions_input_set_id_input_sets"),
        sa.UniqueConstraint("scenario_id", "version",
                            name="uq_scenario_versions_scenario_version"))
    op.create_table(
        "plans_of_record",
        sa.Column("workspace_id", sa.Integer, nullable=False),
        sa.Column("scenario_version_id", sa.Integer, nullable=False),
        sa.Column("adopted_by", sa.String(200), nullable=False),
        sa.Column("adopted_at", WHEN, nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("workspace_id", name="pk_plans_of_record"),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"],
                                name="fk_plans_of_record_workspace_id_workspaces"),
        sa.ForeignKeyConstraint(
            ["scenario_version_id"], ["scenario_versions.id"],
            name="fk_plans_of_record_scenario_version_id_scenario_versions"))


def _audit() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("workspace_id", sa.Integer, nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False, server_default=""),
        sa.Column("what", sa.Text, nullable=False, server_default=""),
        sa.Column("before", DOC, nullable=True),
        sa.Column("after", DOC, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_entries"),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"],
                                name="fk_audit_entries_workspace_id_workspaces"))
    op.create_index("ix_audit_entries_workspace_at", "audit_entries", ["workspace_id", "at"])
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}.get(dialect, []):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries")
        op.execute("DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries")
        op.execute("DROP FUNCTION IF EXISTS audit_entries_append_only()")
    for table in ("audit_entries", "plans_of_record", "scenario_versions", "scenarios",
                  "input_files", "input_sets", "workspaces"):
        op.drop_table(table)
