"""The app's changes as audit entries, and the audit trail as the History page shows it.

`audit_change` compares the session before and after one change and says what kind of change
it was (a weight, the method, an override, a budget cell, the mapping, an assumption, a
balance rule, a table's cells), what it was about and the values before and after, as plain
JSON. The words of the change come from the session's history (`_history.record`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from planner.views.scenario_state import SessionChoices, frame_document, workspace_edits

# Each action the app and the store record, as the History page names it.
ACTION_LABELS = {
    "weight-changed": "Weights", "method-changed": "Scoring method",
    "override-changed": "Always / never fund, pinned starts",
    "budget-cell-changed": "Budget cells", "mapping-changed": "Column mapping",
    "assumption-changed": "Assumptions and settings", "rule-changed": "Balance rules",
    "cell-changed": "Table cells", "scenario-restored": "Scenario restored",
    "scenario-saved": "Scenario saved", "scenario-adopted": "Plan of record adopted",
    "scenario-deleted": "Scenario deleted", "inputs-imported": "Files imported",
    "workspace-created": "Workspace created", "files-opened": "Files opened",
}

# Session fields in the order their kind names a change that touched several.
FIELD_ACTIONS = (
    ("method", "method-changed"), ("preset", "weight-changed"),
    ("weights", "weight-changed"), ("weight_mode", "weight-changed"),
    ("judgments", "weight-changed"), ("stakeholders", "weight-changed"),
    ("force_in", "override-changed"), ("force_out", "override-changed"),
    ("pin_start", "override-changed"), ("budget", "budget-cell-changed"),
    ("settings", "assumption-changed"), ("propose", "assumption-changed"),
    ("proposals", "assumption-changed"),
)
SHEET_ACTIONS = {"Rules": "rule-changed", "Budget": "budget-cell-changed",
                 "Settings": "assumption-changed"}


@dataclass(frozen=True)
class AuditChange:
    """One change as the audit trail keeps it."""

    action: str
    subject: str
    what: str
    before: Any
    after: Any


def _jsonable(value: Any) -> Any:
    if isinstance(value, pd.DataFrame):
        return frame_document(value)
    return json.loads(json.dumps(value, default=str))


def _differs(a: Any, b: Any) -> bool:
    if isinstance(a, pd.DataFrame) or isinstance(b, pd.DataFrame):
        return not (isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame) and a.equals(b))
    return a != b


def _workspace_change(before: SessionChoices, after: SessionChoices
                      ) -> list[tuple[str, str, Any, Any]]:
    """(action, subject, before, after) for each table whose mapping or cells changed."""
    old, new = before.workspace, after.workspace
    if old is new or (old is not None and new is not None and old.digest() == new.digest()):
        return []
    if old is None or new is None:
        return [("inputs-imported", "tables", None, None)]
    found = []
    for name in sorted(set(old.mapping) | set(new.mapping)):
        was, now = old.mapping.get(name), new.mapping.get(name)
        flipped = old.reversed.get(name, frozenset()) != new.reversed.get(name, frozenset())
        if name in old.frames and (was != now or flipped):
            found.append(("mapping-changed", name,
                          {"mapping": was, "reversed": sorted(old.reversed.get(name, ()))},
                          {"mapping": now, "reversed": sorted(new.reversed.get(name, ()))}))
    for name, changes in workspace_edits(old, new).items():
        if "table" in changes:  # recorded whole: say how large, not every cell again
            table = changes["table"]
            changes = {"table replaced": {"rows": len(table["index"]),
                                          "columns": table["columns"]}}
        found.append((SHEET_ACTIONS.get(name, "cell-changed"), name, None, changes))
    return found


def audit_change(before: SessionChoices, after: SessionChoices, what: str
                 ) -> AuditChange | None:
    """The audit entry of one change of the session (None when nothing changed)."""
    found = _workspace_change(before, after)
    for name, action in FIELD_ACTIONS:
        a, b = getattr(before, name), getattr(after, name)
        if _differs(a, b):
            found.append((action, name.replace("_", " "), _jsonable(a), _jsonable(b)))
    if not found:
        return None
    if len(found) == 1:
        action, subject, was, now = found[0]
        return AuditChange(action, subject, what, was, now)
    subjects = ", ".join(dict.fromkeys(subject for _, subject, _, _ in found))
    return AuditChange(found[0][0], subjects, what,
                       {subject: was for _, subject, was, _ in found},
                       {subject: now for _, subject, _, now in found})


def action_label(action: str) -> str:
    """How the History page names a kind of change."""
    return ACTION_LABELS.get(action, action.replace("-", " ").capitalize())


def _short(value: Any, limit: int = 160) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, default=str,
                                                          ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def audit_table(entries: Iterable[Any]) -> pd.DataFrame:
    """Audit entries as the History page lists them, one row each, in the order given."""
    rows = [{"when (UTC)": e.at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
             "user": e.user, "change": action_label(e.action), "subject": e.subject,
             "what": e.what, "before": _short(e.before), "after": _short(e.after)}
            for e in entries]
    return pd.DataFrame(rows, columns=["when (UTC)", "user", "change", "subject", "what",
                                       "before", "after"])


def record_lines(entries: Iterable[Any]) -> tuple[str, ...]:
    """Audit entries as the decision record lists them: "2027-01-12 10:04 UTC, ana: ..."."""
    return tuple(f"{e.at.astimezone(dt.UTC).strftime('%Y-%m-%d %H:%M')} UTC, {e.user}: "
                 f"{e.what or action_label(e.action)}" for e in entries)


def filter_entries(entries: Iterable[Any], *, users: Iterable[str] = (),
                   actions: Iterable[str] = (), subject: str = "",
                   since: dt.date | None = None, until: dt.date | None = None) -> list[Any]:
    """The entries by any of these users, of any of these kinds, whose subject or words
    contain `subject` (any case), on or between the dates (UTC); an empty filter passes all."""
    users, actions, needle = set(users), set(actions), subject.strip().lower()
    kept = []
    for entry in entries:
        day = entry.at.astimezone(dt.UTC).date()
        if ((users and entry.user not in users) or (actions and entry.action not in actions)
                or (needle and needle not in f"{entry.subject}\n{entry.what}".lower())
                or (since and day < since) or (until and day > until)):
            continue
        kept.append(entry)
    return kept
