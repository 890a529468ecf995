"""Scenarios: save the current weights, budget and decisions by name, and compare them."""

import copy

import altair as alt
import streamlit as st

from app_pages import _planning, _session, _ui
from app_pages import _state as S
from planner import (
    PlannerError,
    scenario_changes,
    scenario_funding,
    scenario_record,
    scenario_spend,
    scenario_summary,
)

W_NAME, W_SAVE, W_COMPARE = "w_scenario_name", "w_scenario_save", "w_scenario_compare"
W_LOAD, W_LOAD_BUTTON = "w_scenario_load", "w_scenario_load_button"



def save_current(name: str) -> None:
    """Store the current choices and the precise plan they give under `name`."""
    choices = {key: copy.deepcopy(st.session_state[key]) for key in S.SCENARIO_KEYS}
    result = _planning.plan(precise=True)
    record = scenario_record(name, choices, _session.portfolio(), result,
                                   weights_used=_planning.score().weights)
    record["state"] = choices
    st.session_state[S.SCENARIOS] = {**st.session_state[S.SCENARIOS], name: record}
    shown = [n for n in st.session_state.get(W_COMPARE, []) if n != name]
    st.session_state[W_COMPARE] = [*shown, name][-3:]  # the new one joins the comparison


def load(name: str) -> None:
    """Make a saved scenario's choices the current ones."""
    record = st.session_state[S.SCENARIOS][name]
    for key, value in record["state"].items():
        st.session_state[key] = copy.deepcopy(value)
    for key in [k for k in st.session_state if str(k).startswith("w_")
                and not str(k).startswith("w_scenario")]:
        del st.session_state[key]


def _save() -> None:
    """on_click: save under the typed name, then suggest the next name."""
    count = len(st.session_state[S.SCENARIOS])
    name = (st.session_state.get(W_NAME) or "").strip() or f"Scenario {count + 1}"
    replacing = name in st.session_state[S.SCENARIOS]
    try:
        save_current(name)
    except PlannerError as exc:
        st.session_state[S.SCENARIO_ERROR] = str(exc)
        return
    st.session_state[S.SCENARIO_ERROR] = None
    st.session_state[W_NAME] = f"Scenario {len(st.session_state[S.SCENARIOS]) + 1}"
    st.toast("Scenario updated." if replacing else "Scenario saved.",
             icon=":material/bookmark:")


def show_save() -> None:
    """Name and save what is on screen now."""
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    S.bind(W_NAME, f"Scenario {len(st.session_state[S.SCENARIOS]) + 1}")
    left.text_input("Scenario name", max_chars=60, key=W_NAME,
                    help="Saving under an existing name updates that scenario.")
    right.button("Save the current scenario", key=W_SAVE, icon=":material/bookmark_add:",
                 type="primary", on_click=_save)
    if st.session_state.get(S.SCENARIO_ERROR):
        _ui.error_text(st.session_state[S.SCENARIO_ERROR])


def show_comparison(records) -> None:
    """Headline figures, spend by year, funded sets and what changed, side by side."""
    st.dataframe(scenario_summary(records), width="stretch", key="w_scenario_summary")
    spend = scenario_spend(records)
    chart = alt.Chart(spend).mark_bar().encode(
        x=alt.X("fiscal_year:N", title=None, axis=alt.Axis(labelAngle=0)),
        xOffset="scenario:N",
        y=alt.Y("amount:Q", title="Capital spend", axis=alt.Axis(format="$,.2s")),
        color=alt.Color("scenario:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=["scenario:N", "fiscal_year:N", alt.Tooltip("amount:Q", format="$,.0f")],
    ).properties(height=280)
    st.altair_chart(chart, width="stretch")
    st.markdown("**Projects funded in some scenarios but not all**")
    funding = scenario_funding(records)
    if funding.empty:
        st.text("The scenarios fund exactly the same projects.")
    else:
        st.dataframe(funding, hide_index=True, width="stretch", key="w_scenario_funding")
    st.markdown("**What changed**")
    for line in scenario_changes(records) or ["The choices are identical."]:
        st.text(line)


_ui.header("Scenarios", "Save what you see under a name (weights, budget and decisions), "
           "then put two or three side by side for the council.")
show_save()
saved = st.session_state[S.SCENARIOS]
if not saved:
    st.info("No scenario saved yet. Save the current one, change the weights or the budget, "
            "and save again to compare.", icon=":material/info:")
    st.stop()

st.subheader("Compare")
names = list(saved)
S.bind(W_COMPARE, names[-3:])
chosen = st.multiselect("Scenarios to compare (two or three)", names, max_selections=3,
                        key=W_COMPARE)
if len(chosen) >= 2:
    show_comparison([saved[n] for n in chosen])
else:
    st.caption("Choose at least two scenarios.")

st.subheader("Go back to a scenario")
left, right = st.columns([3, 1], vertical_alignment="bottom")
target = left.selectbox("Scenario", names, key=W_LOAD)
if right.button("Load its choices", key=W_LOAD_BUTTON, icon=":material/restore:"):
    load(target)
    st.toast("Scenario loaded: the other pages now show it.", icon=":material/restore:")
