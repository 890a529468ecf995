"""Editing the imported tables in place: the data editor, the column mapping, saved profiles.

One canonical copy of each table lives in the session's workspace, every cell keyed by the
row number the user sees and the user's header. The editors show it, and their on_change
callbacks turn the editor's delta (edited, added and deleted rows, by position) into keyed
edits with the row numbers that very editor showed (passed with the callback, so they can
never be those of another run), apply exactly those, and bump a version that is part of the
editor's key, so the next run draws a fresh editor over the updated table instead of
replaying old edits onto new data. Each edit reaches the session with its plain words.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import _access, _session, _ui
from app_pages import _state as S
from planner import (
    SCALE,
    SCALE_OPTIONS,
    PlannerError,
    apply_profile,
    column_label,
    edit_mapping,
    edit_sheet,
    mapping_choices,
    mapping_frame,
    mapping_problems,
    profile_json,
)

W_TABLE = "w_fix_table"
W_ONLY_ISSUES = "w_fix_only_issues"
W_MAPPING_SHEET = "w_mapping_sheet"
W_PROFILE = "w_profile_upload"
MAX_PROFILE_BYTES = 1_000_000


def editor_key(sheet: str) -> str:
    """Key of the data editor of one table (changes after every applied edit)."""
    return f"w_edit_{sheet}_{st.session_state[S.EDITOR_VERSION]}"


def mapping_key(sheet: str) -> str:
    """Key of the mapping editor of one table."""
    return f"w_map_{sheet}_{st.session_state[S.EDITOR_VERSION]}"


def has_pending_edits(key: str) -> bool:
    """True when an editor holds edits its callback has not applied.

    In the browser the on_change callback applies every edit before the script reruns, and
    the next editor has a new key, so this stays False there. Where callbacks do not run
    (edit state seeded from a test harness), the page applies the edits itself.
    """
    delta = st.session_state.get(key)
    return isinstance(delta, dict) and any(
        delta.get(part) for part in ("edited_rows", "added_rows", "deleted_rows"))


def _apply_edit(sheet: str, key: str, labels: tuple[int, ...]) -> None:
    """Apply the edits of the editor drawn over the rows `labels` (in the order shown)."""
    delta = st.session_state.get(key) or {}
    new, change = edit_sheet(_session.workspace(), sheet, delta, list(labels))
    if change is not None:
        _session.replace_workspace(new, change=change)
    st.session_state[S.EDITOR_VERSION] += 1


def _apply_mapping(sheet: str, key: str) -> None:
    delta = st.session_state.get(key) or {}
    new, change = edit_mapping(_session.workspace(), sheet, delta)
    if change is not None:
        _session.replace_workspace(new, change=change)
    st.session_state[S.EDITOR_VERSION] += 1


def show_table_editor(sheet: str, issues: pd.DataFrame) -> None:
    """The editable table of one sheet, or only its rows with errors or warnings. When the
    last of those is fixed the grid says so and stays empty: it never swaps in the whole
    table under the user's next edit."""
    ws = _session.workspace()
    frame = ws.frames[sheet]
    title = ws.sheets[sheet].title
    flagged = issues[(issues["sheet"] == title) & (issues["severity"] != "info")]
    rows = set(flagged["row"].dropna().astype(int))
    if st.session_state.get(W_ONLY_ISSUES):
        frame = frame[frame.index.isin(rows)]
        if frame.empty:
            st.success("No rows with problems left in this table. Turn off \"Only rows with "
                       "problems\" to see every row.", icon=":material/check_circle:")
            return
    labels = tuple(int(i) for i in frame.index)
    key = editor_key(sheet)
    st.data_editor(
        frame, key=key, on_change=_apply_edit, args=(sheet, key, labels),
        num_rows=_access.editor_rows(), disabled=_access.read_only(), width="stretch",
        height=min(38 + 35 * (len(frame) + 1), 420),
        column_config={"row": st.column_config.NumberColumn("row", format="%d")},
    )
    if has_pending_edits(key):
        _apply_edit(sheet, key, labels)
        st.rerun()
    st.caption("Row numbers are the ones in your spreadsheet. Every change is checked again "
               "at once; the issues table above follows your edits.")


def show_mapping_editor(sheet: str) -> None:
    """Which of the user's columns is read as which standard column, editable."""
    ws = _session.workspace()
    key = mapping_key(sheet)
    grid = ws.sheets[sheet].grid
    if grid:
        st.caption("This budget is a grid, kept as you laid it out: each fund's row and each "
                   "fiscal year's column are read as shown.")
    st.data_editor(
        mapping_frame(ws, sheet), key=key, on_change=_apply_mapping, args=(sheet, key),
        hide_index=True, width="stretch",
        disabled=True if grid else _access.read_only(["your column", "meaning"]),
        column_config={
            "read as": st.column_config.SelectboxColumn(
                "read as", options=mapping_choices(sheet, ws.mapping[sheet].values()),
                required=True, format_func=lambda column: column_label(sheet, column))
            if not grid else st.column_config.TextColumn("read as"),
            SCALE: st.column_config.SelectboxColumn(
                SCALE, options=list(SCALE_OPTIONS),
                help="For a 1-5 rating: which end is the most (1 = most critical, say)."),
            "meaning": st.column_config.TextColumn("meaning", width="large")},
    )
    if has_pending_edits(key):
        _apply_mapping(sheet, key)
        st.rerun()
    for problem in mapping_problems(ws, sheet):
        st.warning(_ui.escape_md(problem), icon=":material/warning:")


def show_profile_controls() -> None:
    """Save the confirmed mapping as a JSON profile, or apply one saved earlier."""
    ws = _session.workspace()
    left, right = st.columns(2)
    left.download_button("Save mapping as a profile", profile_json(ws),
                         file_name="mapping_profile.json", mime="application/json",
                         icon=":material/save:", key="w_profile_save")
    uploaded = right.file_uploader("Apply a saved profile", type=["json"], key=W_PROFILE,
                                   disabled=_access.read_only())
    if uploaded is None or uploaded.size > MAX_PROFILE_BYTES:
        return
    marker = f"profile:{uploaded.file_id}"
    if st.session_state.get(S.PROFILE_APPLIED) == marker:
        return
    try:
        _session.replace_workspace(apply_profile(ws, uploaded.getvalue()),
                                   change=f"Applied the mapping profile '{uploaded.name}'")
    except PlannerError as exc:
        st.session_state[S.PROFILE_APPLIED] = marker
        st.session_state[S.LOAD_ERROR] = str(exc)
        return
    st.session_state[S.PROFILE_APPLIED] = marker
    st.session_state[S.EDITOR_VERSION] += 1
    st.rerun()
