"""What the store hands back: frozen records with plain `as_dict()` documents.

Times are timezone-aware UTC `datetime`s (SQLite keeps them without a zone; they are read
back as UTC) and ISO 8601 text in the documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


def utc(value: dt.datetime) -> dt.datetime:
    """A stored time as aware UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def now() -> dt.datetime:
    """The current time, UTC, to the microsecond."""
    return dt.datetime.now(dt.UTC)


def when(value: dt.datetime) -> str:
    """A time as the documents and messages show it: ISO 8601, seconds, UTC."""
    return utc(value).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Workspace:
    """One city's budget cycle: the home of its inputs, scenarios and plan of record."""

    id: int
    name: str
    city: str
    cycle: str
    created_by: str
    created_at: dt.datetime

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "city": self.city, "cycle": self.cycle,
                "created_by": self.created_by, "created_at": when(self.created_at)}


@dataclass(frozen=True)
class StoredFile:
    """One input file as uploaded: its name, SHA-256, size (and bytes when asked for)."""

    name: str
    sha256: str
    size: int
    content: bytes | None = field(default=None, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "size": self.size}


@dataclass(frozen=True)
class StoredInputs:
    """A set of input files a scenario was planned from, in upload order."""

    id: int
    digest: str
    files: tuple[StoredFile, ...]

    def sources(self) -> list[tuple[str, bytes]]:
        """The files as (name, bytes), as `planner.load_files` takes them."""
        missing = [f.name for f in self.files if f.content is None]
        if missing:
            raise ValueError(f"these inputs were read without their bytes: {missing}")
        return [(f.name, f.content) for f in self.files]  # type: ignore[misc]

    def as_dict(self) -> dict[str, Any]:
        return {"digest": self.digest, "files": [f.as_dict() for f in self.files]}


@dataclass(frozen=True)
class Scenario:
    """One version of a saved scenario: its inputs, every choice and the computed summary."""

    workspace: str
    name: str
    version: int
    inputs: StoredInputs
    choices: dict[str, Any]
    summary: dict[str, Any]
    saved_by: str
    saved_at: dt.datetime
    created_by: str
    created_at: dt.datetime
    latest: int  # the scenario's newest version (equal to `version` unless an older one)
    plan_of_record: bool = False  # this very version is the workspace's plan of record

    def as_dict(self) -> dict[str, Any]:
        return {"workspace": self.workspace, "name": self.name, "version": self.version,
                "latest_version": self.latest, "plan_of_record": self.plan_of_record,
                "saved_by": self.saved_by, "saved_at": when(self.saved_at),
                "created_by": self.created_by, "created_at": when(self.created_at),
                "inputs": self.inputs.as_dict(), "choices": self.choices,
                "summary": self.summary}


@dataclass(frozen=True)
class PlanOfRecord:
    """The scenario version a workspace adopted, who adopted it, when and why."""

    workspace: str
    scenario: str
    version: int
    adopted_by: str
    adopted_at: dt.datetime
    note: str

    def as_dict(self) -> dict[str, Any]:
        return {"workspace": self.workspace, "scenario": self.scenario,
                "version": self.version, "adopted_by": self.adopted_by,
                "adopted_at": when(self.adopted_at), "note": self.note}


@dataclass(frozen=True)
class AuditEntry:
    """One change as it was recorded: never changed afterwards."""

    id: int
    at: dt.datetime
    user: str
    workspace: str
    action: str
    subject: str
    what: str
    before: Any
    after: Any

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "at": when(self.at), "user": self.user,
                "workspace": self.workspace, "action": self.action, "subject": self.subject,
                "what": self.what, "before": self.before, "after": self.after}
