"""Undo and redo for the session: snapshots of everything that shapes a plan (`S.PLAN_KEYS`).

The history itself is `planner.History` (pure); this module takes and restores snapshots of
session state. A snapshot shares the workspace (it is never changed in place, only
replaced) and copies every other value. Restoring one puts each value back, drops the state
of the widgets that `S.bind` gave a value (so they are drawn again from the restored one)
and bumps the editor version (so every data editor shows the restored table).
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import _state as S
from planner import METHOD_LABELS, History, change_words, set_changes

AS_IMPORTED = "as imported"


def _copy(key: str, value: Any) -> Any:
    return value if key == S.WORKSPACE else copy.deepcopy(value)


def snapshot() -> dict[str, Any]:
    """The session's plan-shaping values now."""
    return {key: _copy(key, st.session_state.get(key)) for key in S.PLAN_KEYS}


def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two snapshots hold the same values (tables compared cell by cell)."""
    for key in S.PLAN_KEYS:
        x, y = a.get(key), b.get(key)
        if key == S.WORKSPACE:
            if x is not y and (x is None or y is None or x.digest() != y.digest()):
                return False
        elif isinstance(x, pd.DataFrame) or isinstance(y, pd.DataFrame):
            if not (isinstance(x, pd.DataFrame) and isinstance(y, pd.DataFrame)
                    and x.equals(y) and list(x.index) == list(y.index)):
                return False
        elif x != y:
            return False
    return True


def history() -> History:
    """This session's history, started from the current state on first use."""
    found = st.session_state.get(S.HISTORY)
    if found is None:
        found = History.start(snapshot())
        st.session_state[S.HISTORY] = found
    return found


def _for_audit(before: dict[str, Any], after: dict[str, Any], change: str,
               action: str | None = None, subject: str = "") -> None:
    """Queue a change for the store's audit trail (`_session` writes it at the next run)."""
    st.session_state.setdefault(S.AUDIT_PENDING, []).append(
        {"before": before, "after": after, "what": change, "action": action,
         "subject": subject})


def record(change: str, action: str | None = None, subject: str = "") -> None:
    """Record the current state as the result of `change` (nothing when nothing changed);
    choices a widget stored just before through `S.copy_to` are named with it. The change
    also goes to the store's audit trail (of the kind `action` when given, else as found by
    comparing the states)."""
    pending = st.session_state.get(S.PENDING) or []
    if pending:
        st.session_state[S.PENDING] = []
        change = "; ".join([*(choice_words(*item) for item in pending), change])
    found = history()
    now = snapshot()
    if same(now, found.current):
        return
    before = found.current
    found.push(now, change)
    _for_audit(before, now, change, action, subject)


def edited_tables(old: Any, new: Any) -> str:
    """A workspace change that came without words: "Edited Candidates" (the tables whose
    values or mapping changed)."""
    edited = [name for name in new.frames if old is None or name not in old.frames
              or new.frames[name] is not old.frames[name]
              or new.mapping.get(name) != old.mapping.get(name)]
    return "Edited " + (", ".join(edited) or "the tables")


def settle() -> None:
    """At the start of each run: record the choices widgets stored through `S.copy_to`, then
    fold anything else changed since (values a page derives, such as the seeded stakeholder
    table) into the current state, so that an undo never takes back more than one change."""
    found = history()
    pending = st.session_state.get(S.PENDING) or []
    if pending:
        st.session_state[S.PENDING] = []
        record("; ".join(choice_words(*item) for item in pending))
        found = history()
    now = snapshot()
    if not same(now, found.current):
        found.amend(now)


def choice_words(key: str, before: Any, after: Any) -> str:
    """A choice stored by copy_to, in plain words ("Never fund: + C-045")."""
    label = S.CHOICE_LABELS.get(key, key.replace("_", " ").capitalize())
    if isinstance(before, list | set | tuple) or isinstance(after, list | set | tuple):
        return set_changes(label, before or [], after or [])
    if key == S.METHOD:
        before, after = (METHOD_LABELS.get(m, m) if m else AS_IMPORTED for m in (before, after))
    return change_words(label, before, after)


def restore(state: dict[str, Any]) -> None:
    """Put a snapshot's values back and have every widget show them (a key the snapshot
    lacks keeps its current value)."""
    for key in S.PLAN_KEYS:
        if key in state:
            st.session_state[key] = _copy(key, state[key])
    st.session_state[S.PENDING] = []
    S.forget_widgets()
    st.session_state[S.EDITOR_VERSION] += 1


def undo() -> Any:
    """Back to the state before the last change; returns the step undone, or None."""
    before = history().current
    step = history().undo()
    if step is not None:
        restore(history().current)
        _for_audit(before, history().current, f"Undone: {step.change}")
    return step


def redo() -> Any:
    """Make the last undone change again; returns its step, or None."""
    before = history().current
    step = history().redo()
    if step is not None:
        restore(history().current)
        _for_audit(before, history().current, f"Redone: {step.change}")
    return step
