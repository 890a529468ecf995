"""Stakeholders' weights: one row per person or body, combined by geometric mean.

The table starts from the stakeholders the workbook lists, or empty: opening the tab invents
no one and changes no weight. Adding, editing or removing a stakeholder sets the weights in
use to their combination, and each change joins the session's list of changes.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import _access, _charts, _session, _ui
from app_pages import _state as S
from app_pages._editing import has_pending_edits
from app_pages._weights import current_weights
from planner import (
    STAKEHOLDER_RULE,
    PlannerError,
    Portfolio,
    add_stakeholder,
    aggregate_stakeholders,
    apply_delta,
    fill_blank_weights,
    same_weights,
    stakeholder_changes,
    stakeholder_frame,
    stakeholder_sets,
    table_stakeholders,
)

W_NEW_NAME = "w_stakeholder_name"
W_ADD = "w_stakeholder_add"
W_USE = "w_stakeholder_use"


def _editor_key() -> str:
    return f"w_stakeholders_{st.session_state[S.EDITOR_VERSION]}"


def stakeholder_table(names: list[str]) -> pd.DataFrame:
    """This session's stakeholders: those edited here, else the workbook's (none: empty).

    Reading it stores nothing, so opening the tab leaves the session as it was.
    """
    table = st.session_state[S.STAKEHOLDERS]
    if isinstance(table, pd.DataFrame) and list(table.columns[2:]) == names:
        return table
    return stakeholder_frame(_session.portfolio().stakeholders, names)


def in_portfolio(portfolio: Portfolio) -> Portfolio:
    """The portfolio with the stakeholders as edited in the app (for the council workbook)."""
    table = st.session_state[S.STAKEHOLDERS]
    if not isinstance(table, pd.DataFrame):
        return portfolio
    return portfolio.replace(stakeholders=table_stakeholders(table))


def _combine(table: pd.DataFrame):
    """The group's weights, or None (with the reason shown) when they cannot be combined."""
    sets = stakeholder_sets(table)
    if not sets:
        return None
    try:
        return aggregate_stakeholders(sets)
    except PlannerError as exc:
        _ui.error_text(str(exc))
        return None


def _store(before: pd.DataFrame, after: pd.DataFrame, names: list[str]) -> None:
    """Keep the edited table, use its combination, and note each change in plain words."""
    st.session_state[S.STAKEHOLDERS] = after
    st.session_state[S.EDITOR_VERSION] += 1
    sets = stakeholder_sets(after)
    if sets:
        try:
            group = aggregate_stakeholders(sets)
            st.session_state[S.WEIGHTS] = {n: 100.0 * group.weights[n] for n in names}
        except PlannerError:
            pass  # shown under the table; the weights in use stay as they were
    for change in stakeholder_changes(before, after) or ["Edited the stakeholders"]:
        _session.record_choice(change)


def _apply_edits(key: str, names: list[str]) -> None:
    before = stakeholder_table(names)
    delta = st.session_state.get(key) or {}
    after = apply_delta(before, delta, [int(i) for i in before.index])
    _store(before, fill_blank_weights(after, current_weights(names)), names)


def _add(names: list[str]) -> None:
    name = str(st.session_state.get(W_NEW_NAME) or "").strip()
    if not name:
        return
    before = stakeholder_table(names)
    _store(before, add_stakeholder(before, name, current_weights(names)), names)
    st.session_state[W_NEW_NAME] = ""


def _use_combination(names: list[str], weights: dict[str, float]) -> None:
    st.session_state[S.WEIGHTS] = {n: 100.0 * weights[n] for n in names}
    _session.record_choice("Weights: the stakeholders' combined weights")


def show_add(names: list[str]) -> None:
    """A name field and the button that adds a stakeholder with the weights in use."""
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    left.text_input("Name of the stakeholder", key=W_NEW_NAME,
                    placeholder="e.g. Finance director", disabled=_access.read_only())
    right.button("Add a stakeholder", key=W_ADD, icon=":material/person_add:",
                 on_click=_add, args=(names,), disabled=_access.read_only())


def show_stakeholders(names: list[str], in_use: dict[str, float]) -> None:
    """Each stakeholder's weights side by side, and their combination beside the weights
    in use."""
    table = stakeholder_table(names)
    if table.empty:
        st.markdown("**No stakeholders yet.** When several people or bodies weigh the "
                    "criteria (a finance director, the IT director, resident services), add "
                    "each here, or list them on a Stakeholders sheet of your workbook (one "
                    "row of weights per person). Their weights are then combined by "
                    f"{STAKEHOLDER_RULE} Until then the weights in use stay as they are.")
        show_add(names)
        return
    st.caption("One row per person or body (weights 0-100; add or delete rows). A new "
               "stakeholder starts from the weights in use.")
    key = _editor_key()
    st.data_editor(table, key=key, on_change=_apply_edits, args=(key, names),
                   num_rows=_access.editor_rows(), disabled=_access.read_only(),
                   hide_index=True, width="stretch",
                   column_config={n: st.column_config.NumberColumn(n, min_value=0, max_value=100,
                                                                   step=1) for n in names})
    if has_pending_edits(key):
        _apply_edits(key, names)
        st.rerun()
    show_add(names)
    group = _combine(table)
    if group is None:
        return
    show_combination(group, names, in_use)


def show_combination(group, names: list[str], in_use: dict[str, float]) -> None:
    """The group's weights, whether they are the weights in use, and how far apart they are."""
    if same_weights(group.weights, in_use):
        st.success("The weights in use are these stakeholders' combined weights.",
                   icon=":material/groups:")
    else:
        st.info("The weights in use are not these stakeholders' combination (they were set "
                "another way).", icon=":material/info:")
        st.button("Use the stakeholders' combined weights", key=W_USE,
                  on_click=_use_combination, args=(names, group.weights),
                  disabled=_access.read_only())
    shown = (group.table * 100).round(1)
    shown.loc["Group (geometric mean)"] = [round(100 * group.weights[n], 1) for n in names]
    st.altair_chart(_charts.stakeholder_weights(shown), width="stretch")
    st.text(f"Most contested: {', '.join(group.most_contested(2))}.")
    with st.expander("The numbers"):
        shown.loc["Disagreement (CV)"] = group.disagreement.reindex(names).round(2)
        st.dataframe(shown, width="stretch")
