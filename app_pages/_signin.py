"""The sign-in page, the gate before every page, and the account in the sidebar.

With sign-in configured (`_access.sign_in_configured()`), `gate()` runs first on every run:
a visitor who is not signed in sees only the sign-in page, an account the roles table gives
no role sees only a message, and a roles table that cannot be used, or a server without the
packages sign-in needs, stops the app with a plain message (nobody gets in meanwhile).
"""

from __future__ import annotations

import importlib.util

import streamlit as st

from app_pages import _access
from planner import Action, PlannerError

SIGN_IN_PACKAGES = ("authlib", "httpx")  # what st.login needs (Streamlit's "auth" extra)


def gate() -> None:
    """With sign-in configured, stop the run unless a person with a role is signed in: the
    sign-in page for a visitor, a plain message for an account without a role, for a roles
    table that cannot be used, or for a server without the packages sign-in needs."""
    if not _access.sign_in_configured():
        return
    missing = [name for name in SIGN_IN_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        st.title("Civic Portfolio Planner")
        st.error(f"Sign-in is set up, but this server lacks {' and '.join(missing)}, which "
                 "sign-in needs. Install them (pip install 'streamlit[auth]') and restart.",
                 icon=":material/error:")
        st.stop()
    try:
        table = _access.role_table()
    except PlannerError as exc:
        st.title("Civic Portfolio Planner")
        st.error(f"Sign-in is set up, but the roles cannot be read: {exc}",
                 icon=":material/error:")
        st.stop()
    if not st.user.is_logged_in:
        show_sign_in()
        st.stop()
    if table.role_for(_access.signed_in_email()) is None:
        st.title("Civic Portfolio Planner")
        st.warning(f"Your account ({_access.signed_in_email() or 'no email given'}) has no role "
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
    if not _access.sign_in_configured():
        return
    user = _access.current_user()
    with st.sidebar:
        st.caption("Signed in")
        st.text(f"{user.label} · {user.role.label}")
        if user.email and user.email != user.label:
            st.text(user.email)
        if not user.may(Action.CHANGE):
            st.caption("You may look at the plan and export it; changes are turned off.")
        refused = st.session_state.pop(_access.REFUSED, None)
        if refused:
            st.warning(refused, icon=":material/lock:")
        st.button("Sign out", key="w_sign_out", icon=":material/logout:", on_click=st.logout)
