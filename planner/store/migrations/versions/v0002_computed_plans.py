"""Computed plans kept by the hash of their inputs (a cache shared by replicas and kept
across restarts; any row may be deleted).

Revision ID: v0002
Revises: v0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "v0002"
down_revision = "v0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "computed_plans",
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest", name="pk_computed_plans"))
    op.create_index("ix_computed_plans_created_at", "computed_plans", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_computed_plans_created_at", table_name="computed_plans")
    op.drop_table("computed_plans")
