"""The audit trail: every change appended with who, when, what, before and after.

Entries are only ever inserted: this module has no update or delete, and the database
refuses both (triggers from the first migration). `action` is a short kebab-case word such
as those in ACTIONS; the app adds its own (a weight, a budget cell, a mapping) the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select

from planner.store.errors import StoreError
from planner.store.records import AuditEntry, now, utc
from planner.store.tables import audit_entries, workspaces

# The actions the store itself records; others follow the same spelling.
ACTIONS = ("workspace-created", "inputs-imported", "scenario-saved", "scenario-adopted",
           "scenario-deleted")
ACTION_SPELLING = re.compile(r"^[a-z][a-z0-9-]{0,49}$")


def json_document(value: Any, label: str) -> Any:
    """A value as it will be stored and read back (tuples become lists); a plain error when
    it is not JSON."""
    if value is None:
        return None
    try:
        return json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise StoreError(f"The audit entry's '{label}' cannot be stored as JSON ({exc}).") \
            from None


def append_entry(connection: Connection, workspace_id: int, *, user: str, action: str,
                 subject: str = "", what: str = "", before: Any = None, after: Any = None,
                 at: dt.datetime | None = None) -> int:
    """Append one entry inside the caller's transaction; its id."""
    if not ACTION_SPELLING.match(action):
        raise StoreError(f"The audit action '{action}' should be a short lower-case word with "
                         "dashes, such as 'weight-changed'.")
    if not user.strip():
        raise StoreError("Every audit entry names who made the change; the user is blank.")
    row = {"at": at or now(), "user_name": user.strip(), "workspace_id": workspace_id,
           "action": action, "subject": subject, "what": what,
           "before": json_document(before, "before"), "after": json_document(after, "after")}
    return connection.execute(insert(audit_entries).values(**row)
                              .returning(audit_entries.c.id)).scalar_one()


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to list: each field narrows the list when set (times are inclusive)."""

    workspace: str | None = None
    user: str | None = None
    action: str | None = None
    subject: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    limit: int | None = None
    newest_first: bool = False


def list_entries(connection: Connection, where: AuditFilter) -> list[AuditEntry]:
    """The entries that pass the filter, oldest first unless asked otherwise."""
    query = select(audit_entries, workspaces.c.name.label("workspace_name")).join(
        workspaces, workspaces.c.id == audit_entries.c.workspace_id)
    column = audit_entries.c
    tests = {"workspace": lambda v: workspaces.c.name == v,
             "user": lambda v: column.user_name == v, "action": lambda v: column.action == v,
             "subject": lambda v: column.subject == v,
             "since": lambda v: column.at >= utc(v), "until": lambda v: column.at <= utc(v)}
    for key, test in tests.items():
        value = getattr(where, key)
        if value is not None:
            query = query.where(test(value))
    order = (column.at.desc(), column.id.desc()) if where.newest_first else \
        (column.at, column.id)
    query = query.order_by(*order)
    if where.limit is not None:
        query = query.limit(where.limit)
    return [AuditEntry(id=row.id, at=utc(row.at), user=row.user_name,
                       workspace=row.workspace_name, action=row.action, subject=row.subject,
                       what=row.what, before=row.before, after=row.after)
            for row in connection.execute(query)]
