"""History: every change recorded in this workspace, by whom and when, with filters."""

import datetime as dt

import streamlit as st

from app_pages import _store, _ui
from planner import AuditFilter, PlannerError, action_label, audit_table, filter_entries

LIMIT = 5_000  # the newest entries read; a budget cycle's changes fit well within it

_ui.header("History", "Every change made to this workspace: weights, method, overrides, "
           "budget cells, the column mapping, assumptions, rules and scenarios, with who made "
           "it, when, and the values before and after. Nothing here is ever rewritten.")
problem = _store.unavailable()
if problem:
    st.warning(problem, icon=":material/cloud_off:")
    st.stop()
workspace = _store.current_workspace()
try:
    entries = _store.store().audit(AuditFilter(workspace=workspace, newest_first=True,
                                               limit=LIMIT))
except PlannerError as exc:
    entries = []
    if "no workspace" not in str(exc):
        _ui.error_text(str(exc))
st.caption(_ui.escape_md(f"Workspace: {workspace}. {len(entries)} changes recorded."))
if not entries:
    st.info("Nothing recorded yet: every change you make is listed here.",
            icon=":material/info:")
    st.stop()

users = sorted({e.user for e in entries})
actions = sorted({e.action for e in entries}, key=action_label)
days = [e.at.astimezone(dt.UTC).date() for e in entries]
left, middle = st.columns(2)
chosen_users = left.multiselect("Who", users, key="w_history_users",
                                placeholder="Everyone")
chosen_actions = middle.multiselect("Kind of change", actions, key="w_history_actions",
                                    format_func=action_label, placeholder="Every kind")
left, right = st.columns(2)
subject = left.text_input("About (a word of the subject or the change)",
                          key="w_history_subject", max_chars=100,
                          placeholder="e.g. Legacy risk, Budget, C-012")
span = right.date_input("Between", (min(days), max(days)), key="w_history_dates",
                        format="YYYY-MM-DD")
since, until = (tuple(span) + (None, None))[:2] if isinstance(span, tuple | list) else \
    (span, span)
shown = filter_entries(entries, users=chosen_users, actions=chosen_actions, subject=subject,
                       since=since, until=until)
st.caption(f"{len(shown)} of {len(entries)} changes, newest first.")
st.dataframe(audit_table(shown), hide_index=True, width="stretch", key="w_history_table",
             column_config={"what": st.column_config.TextColumn(width="large")})
