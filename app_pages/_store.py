"""The lasting store behind the app: where it is, this session's workspace and inputs in it,
the session as a choices document, and the audit trail of every recorded change (queued by
`_history.record`, written by `flush_audit` as the next run starts).

The store's URL is PLANNER_DATABASE_URL when set, else `[planner] database_url` in
Streamlit's secrets, else the SQLite file in the data folder (docs/store.md). When the store
cannot be opened the app runs for this session alone and says so (`unavailable()`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from app_pages import _access, _cached
from app_pages import _state as S
from planner import (
    PlannerError,
    SessionChoices,
    Store,
    Workspace,
    audit_change,
    database_url,
    session_choices,
    user_name,
    workspace_name,
)

# SessionChoices field -> the session-state key that holds it.
FIELDS = {"workspace": S.WORKSPACE, "method": S.METHOD, "preset": S.PRESET,
          "weights": S.WEIGHTS, "weight_mode": S.WEIGHT_MODE, "judgments": S.JUDGMENTS,
          "stakeholders": S.STAKEHOLDERS, "budget": S.BUDGET, "settings": S.SETTINGS,
          "force_in": S.FORCE_IN, "force_out": S.FORCE_OUT, "pin_start": S.PIN_START,
          "propose": S.PROPOSE, "proposals": S.PROPOSALS}


def configured_url() -> str | None:
    """The store's URL as configured: the environment first, then the secrets."""
    if os.environ.get("PLANNER_DATABASE_URL", "").strip():
        return os.environ["PLANNER_DATABASE_URL"]
    try:
        section = st.secrets.get("planner")
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return None
    if isinstance(section, Mapping) and section.get("database_url"):
        return str(section["database_url"])
    return None


@st.cache_resource(show_spinner=False)
def _opened(url: str) -> Store:
    return Store.open(url)


URL = "_store_url"  # session-state key: the store's URL, looked up once per session


def store() -> Store | None:
    """The store, or None when it cannot be opened (said once, then not tried again). Its
    URL is looked up once per session: without a secrets file, every look holds Streamlit's
    secrets lock while it searches the disk for one, and a run asks for the store often."""
    if st.session_state.get(S.STORE_ERROR):
        return None
    try:
        if URL not in st.session_state:
            st.session_state[URL] = database_url(configured_url())
        return _opened(st.session_state[URL])
    except Exception as exc:  # noqa: BLE001 - any failure leaves the app usable
        said = str(exc) if isinstance(exc, PlannerError) else type(exc).__name__
        st.session_state[S.STORE_ERROR] = (
            f"The store of scenarios could not be opened ({said}). The app works for this "
            "session only: saved scenarios and the history of changes are kept until the "
            "tab is closed.")
        return None


def unavailable() -> str | None:
    """Why the store is not in use, or None when it is."""
    store()
    return st.session_state.get(S.STORE_ERROR)


def user() -> str:
    """Who the store names: the signed-in person's email, else PLANNER_USER or the login."""
    person = _access.current_user()
    return person.email or person.name or user_name()


def current_workspace(portfolio: Any = None) -> str:
    """This session's workspace in the store: the one opened, else one named after the city
    and the first fiscal year of the tables on screen."""
    name = st.session_state.get(S.STORE_WORKSPACE)
    if name:
        return name
    if portfolio is None:
        portfolio = _cached.validate(st.session_state[S.WORKSPACE].digest(),
                                     st.session_state[S.WORKSPACE]).portfolio
    name = workspace_name(portfolio.settings.city, portfolio.fiscal_years)
    st.session_state[S.STORE_WORKSPACE] = name
    return name


def _files_digest(files: tuple) -> str:
    hasher = hashlib.sha256()
    for name, data in files:
        hasher.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return hasher.hexdigest()


def inputs_id(opened: Store | None = None) -> int | None:
    """The stored inputs of the files on screen (stored on first need); None without a store
    or without files."""
    opened = opened or store()
    files = tuple(st.session_state.get(S.SOURCES) or ())
    if opened is None or not files:
        return None
    name = current_workspace()
    key = f"{name}\n{_files_digest(files)}"
    known = st.session_state.setdefault(S.STORE_INPUTS, {})
    if key not in known:
        opened.open_workspace(name, user=user(), city=_city())
        known[key] = opened.save_inputs(name, list(files), user=user()).id
    return known[key]


def _city() -> str:
    workspace = st.session_state[S.WORKSPACE]
    return _cached.validate(workspace.digest(), workspace).portfolio.settings.city


def keep_upload(files: tuple, portfolio: Any) -> None:
    """Files just opened: a workspace named after them, and the files stored in it."""
    st.session_state[S.STORE_WORKSPACE] = None
    current_workspace(portfolio)
    try:
        inputs_id()
    except PlannerError as exc:
        st.session_state[S.STORE_ERROR] = f"The files could not be kept in the store ({exc})."


def session_of(state: Mapping[str, Any]) -> SessionChoices:
    """A snapshot of session state as the session's choices (a blank as its default)."""
    defaults = SessionChoices(workspace=state.get(S.WORKSPACE))
    return SessionChoices(**{name: state.get(key) if state.get(key) is not None
                             else getattr(defaults, name) for name, key in FIELDS.items()})


def original_workspace(files: tuple | None = None) -> Workspace:
    """The tables as read from the files, before any edit."""
    return _cached.read_files(tuple(files if files is not None
                                    else st.session_state.get(S.SOURCES) or ()))


def document(weights_used: Mapping[str, float] | None = None) -> dict[str, Any]:
    """The choices document of what is on screen now."""
    state = {key: st.session_state.get(key) for key in FIELDS.values()}
    return session_choices(session_of(state), original_workspace(), dict(weights_used or {}))


def _entry(item: Mapping[str, Any]) -> dict[str, Any] | None:
    """The audit entry of one queued change: its kind given, files opened, or as compared."""
    before, after = item["before"], item["after"]
    names = [[name for name, _ in state.get(S.SOURCES) or ()] for state in (before, after)]
    if item["action"] is not None:
        return {"action": item["action"], "subject": item["subject"], "before": None,
                "after": {"files": names[1]}}
    if names[0] != names[1] or before.get(S.SOURCES) != after.get(S.SOURCES):
        return {"action": "files-opened", "subject": ", ".join(names[1]),
                "before": {"files": names[0]}, "after": {"files": names[1]}}
    change = audit_change(session_of(before), session_of(after), item["what"])
    if change is None:
        return None
    return {"action": change.action, "subject": change.subject, "before": change.before,
            "after": change.after}


def flush_audit() -> None:
    """Append the changes recorded since the last run to the store's audit trail."""
    pending = st.session_state.get(S.AUDIT_PENDING) or []
    if not pending:
        return
    st.session_state[S.AUDIT_PENDING] = []
    opened = store()
    if opened is None:
        return
    try:
        if inputs_id(opened) is None:
            opened.open_workspace(current_workspace(), user=user(), city=_city())
        for item in pending:
            entry = _entry(item)
            if entry is not None:
                opened.record(current_workspace(), user=user(), what=item["what"], **entry)
    except PlannerError as exc:
        st.toast(f"A change could not be written to the history: {exc}",
                 icon=":material/warning:")
