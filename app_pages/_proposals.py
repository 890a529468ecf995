"""The "Propose candidates" step: proposals from the inventory, reviewed before scoring."""

from __future__ import annotations

import streamlit as st

from app_pages import _access, _session, _ui
from app_pages import _state as S
from app_pages._editing import has_pending_edits
from planner import (
    assumptions_frame,
    change_words,
    edit_rows,
    issues_frame,
    read_assumptions,
    with_settings,
)

W_PROPOSE = "w_propose"
ACCEPT, WHY = "accept", "why proposed"
MONEY = ("one_time_cost", "annual_operating_cost", "annual_savings")


def proposals_key() -> str:
    """Key of the proposals editor (changes after every applied edit)."""
    return f"w_proposals_{st.session_state[S.EDITOR_VERSION]}"


def _apply_edit(key: str) -> None:
    table = st.session_state[S.PROPOSALS]
    delta = st.session_state.get(key) or {}
    new, change = edit_rows(table, delta, title="Proposal", id_column="candidate_id",
                            money=MONEY)
    new[ACCEPT] = new[ACCEPT].fillna(True).astype(bool)
    st.session_state[S.PROPOSALS] = new
    st.session_state[S.EDITOR_VERSION] += 1
    if change is not None:
        _session.record_choice(change)


def _set_all(value: bool) -> None:
    table = st.session_state[S.PROPOSALS].copy()
    table[ACCEPT] = value
    st.session_state[S.PROPOSALS] = table
    st.session_state[S.EDITOR_VERSION] += 1
    _session.record_choice("Accepted every proposal" if value else "Accepted no proposal")


def _write_assumptions(values: dict, change: str) -> None:
    """Store assumptions as `assume_*` rows of the Settings table; the proposals follow."""
    _session.replace_workspace(with_settings(_session.workspace(), values), change=change)
    st.session_state[S.EDITOR_VERSION] += 1


def _apply_assumptions(key: str, frame) -> None:
    delta = st.session_state.get(key) or {}
    keys, shown = frame["key"].tolist(), frame["value"].tolist()
    edits = {int(pos): edit.get("value") for pos, edit in
             (delta.get("edited_rows") or {}).items() if "value" in edit}
    changes = {keys[pos]: value for pos, value in edits.items() if value != shown[pos]}
    if changes:
        said = "; ".join(change_words(f"Assumption {keys[pos]}", shown[pos], value)
                         for pos, value in edits.items() if keys[pos] in changes)
        _write_assumptions(changes, said)


def show_assumptions() -> None:
    """The assumptions behind the estimates, editable in place."""
    assumptions, problems = read_assumptions(_session.validated().portfolio.settings)
    frame = assumptions_frame(assumptions)
    changed = frame.loc[frame["value"] != frame["default"], "key"].tolist()
    label = f"Assumptions behind the estimates ({len(changed)} changed from the defaults)"
    with st.expander(label, icon=":material/calculate:"):
        st.caption("Every estimate above follows from these rules. Change a value and the "
                   "proposals are estimated again (edits made in the table above are "
                   "replaced). They are kept as assume_ rows in the Settings sheet and go "
                   "into the council workbook.")
        key = f"w_assumptions_{st.session_state[S.EDITOR_VERSION]}"
        st.data_editor(frame, key=key, on_change=_apply_assumptions, args=(key, frame),
                       disabled=_access.read_only(["key", "default", "description"]),
                       hide_index=True,
                       width="stretch", num_rows="fixed", column_config={
                           "value": st.column_config.NumberColumn("value", min_value=0),
                           "description": st.column_config.TextColumn(width="large")})
        if has_pending_edits(key):
            _apply_assumptions(key, frame)
            st.rerun()
        if changed:
            st.button("Back to the default assumptions", key="w_assumptions_reset",
                      disabled=_access.read_only(),
                      on_click=_write_assumptions, args=(dict.fromkeys(changed),
                                                         "Assumptions back to the defaults"))
        for issue in problems:
            st.warning(_ui.escape_md(issue.message), icon=":material/warning:")


def _propose_toggle(label: str) -> None:
    S.bind(W_PROPOSE, st.session_state[S.PROPOSE])
    st.toggle(label, key=W_PROPOSE, on_change=S.copy_to, args=(S.PROPOSE, W_PROPOSE),
              disabled=_access.read_only())


def show_proposals() -> None:
    """Offer proposals; show them in an editable table with every estimate labelled."""
    st.subheader("Propose candidates")
    base = _session.validated().portfolio
    inventory = bool(base.systems or base.processes)
    unread = _session.unread() if not base.candidates else None
    if base.candidates:
        _propose_toggle("Also propose projects for systems and paper processes that no "
                        "candidate targets yet")
    elif unread:
        st.warning(_ui.escape_md(f"{unread} Nothing is planned in its place until you map "
                                 "that column above or choose the planner's proposals."),
                   icon=":material/warning:")
        if not inventory:
            return
        _propose_toggle("Plan the planner's own proposals instead, estimated from your "
                        "systems and paper processes")
    elif inventory:
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
    left.button("Accept all", key="w_accept_all", on_click=_set_all, args=(True,),
                disabled=_access.read_only())
    right.button("Accept none", key="w_accept_none", on_click=_set_all, args=(False,),
                 disabled=_access.read_only())
    key = proposals_key()
    st.data_editor(
        table, key=key, on_change=_apply_edit, args=(key,), num_rows=_access.editor_rows(),
        width="stretch", height=min(38 + 35 * (len(table) + 1), 460),
        disabled=_access.read_only([WHY, "estimated"]),
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
    show_assumptions()
    problems = _session.proposal_issues()
    if problems:
        st.warning("Some edited proposals could not be used:", icon=":material/warning:")
        st.dataframe(issues_frame(problems), hide_index=True, width="stretch")
