"""The "Propose candidates" step: proposals from the inventory, reviewed before scoring."""

from __future__ import annotations

import streamlit as st

from app_pages import _session
from app_pages import _state as S
from app_pages._editing import has_pending_edits
from planner.issues import issues_frame
from planner.workspace import apply_delta

W_PROPOSE = "w_propose"
ACCEPT, WHY = "accept", "why proposed"


def proposals_key() -> str:
    """Key of the proposals editor (changes after every applied edit)."""
    return f"w_proposals_{st.session_state[S.EDITOR_VERSION]}"


def _apply_edit(key: str) -> None:
    table = st.session_state[S.PROPOSALS]
    delta = st.session_state.get(key) or {}
    new = apply_delta(table, delta, [int(i) for i in table.index])
    new[ACCEPT] = new[ACCEPT].fillna(True).astype(bool)
    st.session_state[S.PROPOSALS] = new
    st.session_state[S.EDITOR_VERSION] += 1


def _set_all(value: bool) -> None:
    table = st.session_state[S.PROPOSALS].copy()
    table[ACCEPT] = value
    st.session_state[S.PROPOSALS] = table
    st.session_state[S.EDITOR_VERSION] += 1


def show_proposals() -> None:
    """Offer proposals; show them in an editable table with every estimate labelled."""
    st.subheader("Propose candidates")
    base = _session.validated().portfolio
    if base.candidates:
        S.bind(W_PROPOSE, st.session_state[S.PROPOSE])
        st.toggle("Also propose projects for systems and paper processes that no candidate "
                  "targets yet", key=W_PROPOSE, on_change=S.copy_to, args=(S.PROPOSE, W_PROPOSE))
    elif base.systems or base.processes:
        st.info("Your file has no candidate projects, so the planner proposes them from your "
                "systems and paper processes. Review the estimates before you plan.",
                icon=":material/lightbulb:")
    else:
        st.caption("Add systems or paper processes and the planner can propose projects.")
        return
    table = _session.proposal_table()
    if table is None:
        return
    if table.empty:
        st.success("Every system and process already has a candidate; nothing to propose.")
        return
    accepted = int(table[ACCEPT].sum())
    st.write(f"**{len(table)} proposals**, {accepted} accepted. Columns listed under "
             "*estimated* hold the planner's estimates, not your figures: edit them to your "
             "own numbers, untick *accept* to leave a proposal out, or delete the row.")
    left, right, _ = st.columns([1, 1, 3])
    left.button("Accept all", key="w_accept_all", on_click=_set_all, args=(True,))
    right.button("Accept none", key="w_accept_none", on_click=_set_all, args=(False,))
    key = proposals_key()
    st.data_editor(
        table, key=key, on_change=_apply_edit, args=(key,), num_rows="dynamic",
        width="stretch", height=min(38 + 35 * (len(table) + 1), 460),
        disabled=[WHY, "estimated"],
        column_config={
            ACCEPT: st.column_config.CheckboxColumn(ACCEPT, help="Include in scoring and plan",
                                                    pinned=True),
            "estimated": st.column_config.TextColumn(
                "estimated", help="Fields the planner estimated; check them"),
            WHY: st.column_config.TextColumn(WHY, width="large"),
            "one_time_cost": st.column_config.NumberColumn(
                "one_time_cost (est.)", format="dollar"),
            "annual_operating_cost": st.column_config.NumberColumn(
                "annual_operating_cost (est.)", format="dollar"),
            "annual_savings": st.column_config.NumberColumn(
                "annual_savings (est.)", format="dollar"),
        })
    if has_pending_edits(key):
        _apply_edit(key)
        st.rerun()
    problems = _session.proposal_issues()
    if problems:
        st.warning("Some edited proposals could not be used:", icon=":material/warning:")
        st.dataframe(issues_frame(problems), hide_index=True, width="stretch")
