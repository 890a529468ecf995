"""Stakeholders' weights: one row per person or body, combined by geometric mean."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import _charts, _ui
from app_pages import _state as S
from app_pages._editing import has_pending_edits
from app_pages._weights import current_weights
from planner import (
    PRESETS,
    PlannerError,
    aggregate_stakeholders,
    apply_delta,
    stakeholder_seed,
    stakeholder_sets,
)


def _stakeholder_key() -> str:
    return f"w_stakeholders_{st.session_state[S.EDITOR_VERSION]}"


def _apply_stakeholders(key: str) -> None:
    table = st.session_state[S.STAKEHOLDERS]
    delta = st.session_state.get(key) or {}
    st.session_state[S.STAKEHOLDERS] = apply_delta(table, delta, [int(i) for i in table.index])
    st.session_state[S.EDITOR_VERSION] += 1


def stakeholder_table(names: list[str]) -> pd.DataFrame:
    """The stakeholders' weights of this session, seeded from the presets the first time."""
    table = st.session_state[S.STAKEHOLDERS]
    if isinstance(table, pd.DataFrame) and list(table.columns[1:]) == names:
        return table
    total = sum(current_weights(names).values()) or 1.0
    seed = {"Council (current weights)": {n: w / total
                                          for n, w in current_weights(names).items()},
            "Finance director": PRESETS["fiscal_stewardship"].weights,
            "IT director": PRESETS["legacy_risk_first"].weights,
            "Resident services": PRESETS["resident_services_first"].weights}
    table = stakeholder_seed(names, seed)
    st.session_state[S.STAKEHOLDERS] = table
    return table


def show_stakeholders(names: list[str]) -> None:
    """Each stakeholder's weights side by side, combined by geometric mean."""
    table = stakeholder_table(names)
    st.caption("One row per person or body (0-100 each; add or delete rows). The weights in "
               "use are their geometric mean, which no single stakeholder can dominate.")
    key = _stakeholder_key()
    st.data_editor(table, key=key, on_change=_apply_stakeholders, args=(key,),
                   num_rows="dynamic", hide_index=True, width="stretch",
                   column_config={n: st.column_config.NumberColumn(n, min_value=0, max_value=100,
                                                                   step=1) for n in names})
    if has_pending_edits(key):
        _apply_stakeholders(key)
        st.rerun()
    try:
        group = aggregate_stakeholders(stakeholder_sets(table))
    except PlannerError as exc:
        _ui.error_text(str(exc))
        return
    st.session_state[S.WEIGHTS] = {n: 100.0 * group.weights[n] for n in names}
    shown = (group.table * 100).round(1)
    shown.loc["Group (geometric mean)"] = [round(100 * group.weights[n], 1) for n in names]
    st.altair_chart(_charts.stakeholder_weights(shown), width="stretch")
    contested = ", ".join(group.most_contested(2))
    st.text(f"Most contested: {contested}.")
    with st.expander("The numbers"):
        shown.loc["Disagreement (CV)"] = group.disagreement.reindex(names).round(2)
        st.dataframe(shown, width="stretch")
