"""Who is using the app and what they may do: sign-in through Streamlit's st.login, and roles.

Sign-in is on when Streamlit's secrets have an `[auth]` section (any OpenID Connect provider:
Microsoft Entra ID, Okta, Google Workspace, Keycloak; docs/deployment.md, "Sign-in"). Then a
signed-out visitor sees only the sign-in page, and each signed-in person has the role the
roles table gives their email (`[planner.roles]` in the secrets, else the PLANNER_ROLES
environment variable as JSON). Without `[auth]` the app has one local user who may do
everything, exactly as before sign-in existed. The rule of who may do what is
`planner.views.roles`; this module only reads the configuration and the signed-in identity.

`current_user()` is the one place the rest of the app learns who is working (a saved
scenario records it); `can_change()` (or `read_only()` for a widget's `disabled=`) is what
the pages ask before offering an edit, and `may_change()` what `_session` asks at every
change. The sign-in page and the account in the sidebar are `_signin`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from app_pages import _history
from app_pages import _state as S
from planner import (
    LOCAL_USER,
    Action,
    PlannerError,
    Role,
    User,
    read_roles,
    refusal,
    roles_from_json,
)

REFUSED = "access_refused"  # the last refused change's message, shown once in the sidebar
CONFIGURED = "sign_in_configured"  # read once per session: asked by every editing widget
SIGNED_OUT = User(email=None, name="Signed out", role=Role.VIEWER, signed_in=False)


def _secret(name: str) -> Any:
    """A top-level secrets entry, or None (also when there is no secrets file at all)."""
    try:
        return st.secrets.get(name)
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return None


def sign_in_configured() -> bool:
    """True when the secrets configure sign-in (an [auth] section); read once per session,
    since looking for a secrets file that is not there costs a little every time."""
    if CONFIGURED not in st.session_state:
        st.session_state[CONFIGURED] = _secret("auth") is not None
    return bool(st.session_state[CONFIGURED])


def _plain(value: Any) -> Any:
    """A secrets section as plain dicts and lists (what the roles reader takes)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return list(value) if isinstance(value, list | tuple) else value


def role_table():
    """The roles table from the secrets or PLANNER_ROLES (raises PlannerError when it cannot
    be used; the message names the entry)."""
    planner_section = _secret("planner")
    if isinstance(planner_section, Mapping) and "roles" in planner_section:
        return read_roles(_plain(planner_section["roles"]))
    text = os.environ.get("PLANNER_ROLES", "").strip()
    if text:
        return read_roles(roles_from_json(text), source="PLANNER_ROLES")
    return read_roles(None)


def _role_of(email: str | None) -> Role | None:
    try:
        return role_table().role_for(email)
    except PlannerError:
        return None  # the gate shows the message; nobody gets a role meanwhile


def signed_in_email() -> str | None:
    """The signed-in account's email: the `email` claim, else an email-shaped
    `preferred_username` (what Microsoft Entra ID sends when the optional email claim is off)."""
    email = st.user.get("email")
    if not email:
        username = str(st.user.get("preferred_username") or "")
        email = username if "@" in username else None
    return email


def current_user() -> User:
    """Who is using the app: the signed-in person with their role, or the local user."""
    if not sign_in_configured():
        return LOCAL_USER
    if not st.user.is_logged_in:
        return SIGNED_OUT
    email = signed_in_email()
    role = _role_of(email)
    if role is None:
        return SIGNED_OUT  # an account without a role is stopped at the gate
    name = st.user.get("name") or st.user.get("preferred_username")
    return User(email=email, name=name, role=role)


def _allowed(user: User, action: Action) -> bool:
    return user is not SIGNED_OUT and user.may(action)


def can_change() -> bool:
    """True when the person using the app may change the plan (what editing widgets ask)."""
    return _allowed(current_user(), Action.CHANGE)


def can_adopt() -> bool:
    """True when the person may adopt a scenario as the plan of record."""
    return _allowed(current_user(), Action.ADOPT)


def read_only(columns: list[str] | None = None) -> bool | list[str]:
    """What an editing widget's `disabled=` takes: True for someone who may not change the
    plan; else False, or the columns of a data editor that stay read-only for everyone."""
    if not can_change():
        return True
    return list(columns) if columns is not None else False


def editor_rows() -> str:
    """What a data editor's `num_rows=` takes: rows may be added and deleted only by someone
    who may change the plan."""
    return "dynamic" if can_change() else "fixed"


def permitted(action: Action = Action.CHANGE, what: str = "") -> bool:
    """True when the person may do `action`; else a plain message says why, once."""
    user = current_user()
    if _allowed(user, action):
        return True
    message = refusal(user.role, action, what)
    if st.session_state.get(REFUSED) != message:
        st.toast(message, icon=":material/lock:")
    st.session_state[REFUSED] = message
    return False


def may_change(what: str = "") -> bool:
    """True when the person using the app may change the plan. Otherwise the change is
    refused: the session goes back to its last recorded state (whatever a widget stored is
    put back) and a plain message says why. `_session` asks this at every change."""
    if permitted(what=what):
        return True
    st.session_state[S.PENDING] = []
    _history.restore(_history.history().current)
    return False


def refuse_pending() -> None:
    """At the start of a run: choices widgets stored are put back (with a message) for
    someone who may not change the plan."""
    if st.session_state.get(S.PENDING):
        may_change()
