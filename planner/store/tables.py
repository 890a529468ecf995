"""The store's tables, defined once (SQLAlchemy Core); the migrations create exactly these.

- `workspaces`: one per city and budget cycle, by a unique name.
- `input_sets` and `input_files`: the files a scenario was planned from, byte for byte, each
  with its SHA-256; a set is stored once per workspace (its digest is the hash of its files'
  names and hashes), so saving ten scenarios from one upload keeps one copy.
- `scenarios`: a named scenario of a workspace, its current version number (every save
  raises it by one; a save names the version it replaces, so a stale save is refused), who
  created it and who saved it last.
- `scenario_versions`: every saved version, never changed: the input set, every choice and
  the computed summary, who saved it and when.
- `plans_of_record`: at most one per workspace: the scenario version adopted, by whom,
  when, with a note (the version stays readable after later saves).
- `audit_entries`: append-only; who, when, which workspace, what, before and after.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

NAMING = {"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
          "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
          "pk": "pk_%(table_name)s"}
metadata = MetaData(naming_convention=NAMING)

Document = JSON().with_variant(JSONB(), "postgresql")
When = DateTime(timezone=True)
NAME = 200
USER = 200

workspaces = Table(
    "workspaces", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(NAME), nullable=False, unique=True),
    Column("city", String(NAME), nullable=False, server_default=""),
    Column("cycle", String(NAME), nullable=False, server_default=""),
    Column("created_by", String(USER), nullable=False),
    Column("created_at", When, nullable=False),
)

input_sets = Table(
    "input_sets", metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", ForeignKey("workspaces.id"), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("created_by", String(USER), nullable=False),
    Column("created_at", When, nullable=False),
    UniqueConstraint("workspace_id", "digest", name="uq_input_sets_workspace_digest"),
)

input_files = Table(
    "input_files", metadata,
    Column("id", Integer, primary_key=True),
    Column("input_set_id", ForeignKey("input_sets.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("name", String(500), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
)

scenarios = Table(
    "scenarios", metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", ForeignKey("workspaces.id"), nullable=False),
    Column("name", String(NAME), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_by", String(USER), nullable=False),
    Column("created_at", When, nullable=False),
    Column("saved_by", String(USER), nullable=False),
    Column("saved_at", When, nullable=False),
    UniqueConstraint("workspace_id", "name", name="uq_scenarios_workspace_name"),
)

scenario_versions = Table(
    "scenario_versions", metadata,
    Column("id", Integer, primary_key=True),
    Column("scenario_id", ForeignKey("scenarios.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("input_set_id", ForeignKey("input_sets.id"), nullable=False),
    Column("choices", Document, nullable=False),
    Column("summary", Document, nullable=False),
    Column("saved_by", String(USER), nullable=False),
    Column("saved_at", When, nullable=False),
    UniqueConstraint("scenario_id", "version", name="uq_scenario_versions_scenario_version"),
)

plans_of_record = Table(
    "plans_of_record", metadata,
    Column("workspace_id", ForeignKey("workspaces.id"), primary_key=True),
    Column("scenario_version_id", ForeignKey("scenario_versions.id"), nullable=False),
    Column("adopted_by", String(USER), nullable=False),
    Column("adopted_at", When, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
)

audit_entries = Table(
    "audit_entries", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", When, nullable=False),
    Column("user_name", String(USER), nullable=False),
    Column("workspace_id", ForeignKey("workspaces.id"), nullable=False),
    Column("action", String(50), nullable=False),
    Column("subject", String(NAME), nullable=False, server_default=""),
    Column("what", Text, nullable=False, server_default=""),
    Column("before", Document, nullable=True),
    Column("after", Document, nullable=True),
)
Index("ix_audit_entries_workspace_at", audit_entries.c.workspace_id, audit_entries.c.at)

# `computed_plans`: a cache of solved plans by the hash of their inputs and the engine's code
# (planner/store/computed.py), shared by replicas and kept across restarts; any row may go.
computed_plans = Table(
    "computed_plans", metadata,
    Column("digest", String(64), primary_key=True),
    Column("payload", LargeBinary, nullable=False),
    Column("size", Integer, nullable=False),
    Column("created_at", When, nullable=False),
)
Index("ix_computed_plans_created_at", computed_plans.c.created_at)
