"""Whether the plan rests on the city's own projects: an unreadable project list is said, never
replaced unasked, and the planner's proposals are counted wherever a plan is shown."""

from __future__ import annotations

import streamlit as st

from app_pages import _session
from planner import InputError, PlannerError, Portfolio, proposal_share


def plannable() -> Portfolio:
    """The portfolio, or InputError saying why the file's own project list gave nothing."""
    current = _session.portfolio()
    why = _session.unread() if not current.candidates else None
    if why:
        raise InputError(f"{why} Nothing is planned in its place: map the column on the "
                         "Import page, or choose there to plan the planner's proposals.")
    return current


def candidates_note() -> tuple[str, str] | None:
    """("warning" | "info", text) for the sidebar of every page: the project list could not
    be read, or how many of the projects considered are the planner's proposals."""
    try:
        current = _session.portfolio()
    except PlannerError:
        return None
    why = _session.unread() if not current.candidates else None
    if why:
        return "warning", f"{why} Nothing is planned until it is mapped (Import page)."
    share = proposal_share(current)
    if share.rests_on_estimates:
        return "info", f"{share.sentence()} Plans built on them rest on estimates."
    return None


def show_funded(portfolio: Portfolio, plan) -> None:
    """"5 of 30 candidates funded.", and a warning saying how many of them are the planner's
    proposals when the plan rests on estimates (numbers only: no user text)."""
    share = proposal_share(portfolio, plan.funded_ids)
    st.caption(f"{len(plan.funded)} of {share.considered} candidates funded.")
    if share.rests_on_estimates:
        st.warning(f"This plan rests on estimates: {share.sentence()}",
                   icon=":material/calculate:")
