"""Who is using the app and what they may do: sign-in through Streamlit's st.login, and roles.

Sign-in is on when Streamlit's secrets have an `[auth]` section (any OpenID Connect provider:
Microsoft Entra ID, Okta, Google Workspace, Keycloak; docs/deployment.md, "Sign-in"). Then a
signed-out visitor sees only the sign-in page, and each signed-in person has the role the
roles table gives their email (`[planner.roles]` in the secrets, else the PLANNER_ROLES
environment variable as JSON). Without `[auth]` the app has one local user who may do
everything, exactly as before sign-in existed. The rule of who may do what is
`planner.views.roles`; this module only reads the configuration and the signed-in identity.

`current_user()` is the one place the rest of the app learns who is working (a saved
scenario records it); `can_change()` is what the pages ask before offering an edit.
"""

from __future__ import annotations

import importlib.util
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

SIGN_IN_PACKAGES = ("authlib", "httpx")  # what st.login needs (Streamlit's "auth" extra)
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


def current_user() -> User:
    """Who is using the app: the signed-in person with their role, or the local user."""
    if not sign_in_configured():
        return LOCAL_USER
    if not st.user.is_logged_in:
        return SIGNED_OUT
    email = st.user.get("email")
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


def gate() -> None:
    """With sign-in configured, stop the run unless a person with a role is signed in: the
    sign-in page for a visitor, a plain message for an account without a role or for a
    roles table that cannot be used."""
    if not sign_in_configured():
        return
    missing = [name for name in SIGN_IN_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        st.title("Civic Portfolio Planner")
        st.error(f"Sign-in is set up, but this server lacks {' and '.join(missing)}, which "
                 "sign-in needs. Install them (pip install 'streamlit[auth]') and restart.",
                 icon=":material/error:")
        st.stop()
    try:
        table = role_table()
    except PlannerError as exc:
        st.title("Civic Portfolio Planner")
        st.error(f"Sign-in is set up, but the roles cannot be read: {exc}",
                 icon=":material/error:")
        st.stop()
    if not st.user.is_logged_in:
        show_sign_in()
        st.stop()
    if table.role_for(st.user.get("email")) is None:
        st.title("Civic Portfolio Planner")
        st.warning(f"Your account ({st.user.get('email') or 'no email given'}) has no role "
                   "in this planner. Ask your planner administrator to add it to the roles "
                   "table.", icon=":material/lock:")
        st.button("Sign out", key="w_sign_out", on_click=st.logout)
        st.stop()


def show_sign_in() -> None:
    """The one page a signed-out visitor sees."""
    st.title("Civic Portfolio Planner")
    st.write("Sign in with your organization's account to see the modernization plan.")
    st.button("Sign in", key="w_sign_in", type="primary", icon=":material/login:",
              on_click=st.login)


def show_account() -> None:
    """In the sidebar when sign-in is on: who is signed in, their role, and Sign out."""
    if not sign_in_configured():
        return
    user = current_user()
    with st.sidebar:
        st.caption("Signed in")
        st.text(f"{user.label} · {user.role.label}")
        if user.email and user.email != user.label:
            st.text(user.email)
        if not user.may(Action.CHANGE):
            st.caption("You may look at the plan and export it; changes are turned off.")
        refused = st.session_state.pop(REFUSED, None)
        if refused:
            st.warning(refused, icon=":material/lock:")
        st.button("Sign out", key="w_sign_out", icon=":material/logout:", on_click=st.logout)
