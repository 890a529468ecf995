"""Scenarios: save everything that shapes the plan by name, compare them, restore one."""

import hashlib

import altair as alt
import streamlit as st

from app_pages import _access, _history, _planning, _session, _ui
from app_pages import _state as S
from planner import (
    PlannerError,
    choices_key,
    scenario_changes,
    scenario_funding,
    scenario_record,
    scenario_spend,
    scenario_summary,
)

W_NAME, W_SAVE, W_COMPARE = "w_scenario_name", "w_scenario_save", "w_scenario_compare"
W_LOAD, W_LOAD_BUTTON = "w_scenario_load", "w_scenario_load_button"


def scenario_choices(state: dict) -> dict:
    """What the comparison reads from a saved state: the choices, and a fingerprint of the
    tables and reviewed proposals they were made on."""
    workspace = state[S.WORKSPACE]
    tables = choices_key(tables=workspace.digest() if workspace is not None else None,
                         propose=state[S.PROPOSE], proposals=state[S.PROPOSALS])
    return {"method": state[S.METHOD], "preset": state[S.PRESET], "weights": state[S.WEIGHTS],
            "budget": state[S.BUDGET], "settings": state[S.SETTINGS],
            "force_in": state[S.FORCE_IN], "force_out": state[S.FORCE_OUT],
            "pin_start": state[S.PIN_START],
            "data": hashlib.sha256(tables.encode()).hexdigest()[:16]}


def save_current(name: str) -> None:
    """Store everything that shapes the plan (the edited tables, budget, weights, method,
    overrides and pinned starts) and the precise plan it gives under `name`."""
    state = _history.snapshot()
    result = _planning.plan(precise=True)
    record = scenario_record(name, scenario_choices(state), _session.portfolio(), result,
                             weights_used=_planning.score().weights)
    record["state"] = state
    st.session_state[S.SCENARIOS] = {**st.session_state[S.SCENARIOS], name: record}
    shown = [n for n in st.session_state.get(W_COMPARE, []) if n != name]
    st.session_state[W_COMPARE] = [*shown, name][-3:]  # the new one joins the comparison


def load(name: str) -> None:
    """Make a saved scenario's state the current one (a change Undo takes back)."""
    _history.restore(st.session_state[S.SCENARIOS][name]["state"])
    _history.record(f"Restored scenario '{name}'")


def _load_chosen() -> None:
    """on_click: restore the scenario chosen in the menu."""
    name = st.session_state.get(W_LOAD)
    if name in st.session_state[S.SCENARIOS] and _access.may_change("restore a scenario"):
        load(name)
        st.toast(_ui.escape_md(f"Scenario '{name}' restored: the other pages now show it."),
                 icon=":material/restore:")


def _save() -> None:
    """on_click: save under the typed name, then suggest the next name."""
    if not _access.may_change("save a scenario"):
        return
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
    # Not bound through S.bind: the name typed and the comparison survive an undo.
    st.session_state.setdefault(W_NAME, f"Scenario {len(st.session_state[S.SCENARIOS]) + 1}")
    left.text_input("Scenario name", max_chars=60, key=W_NAME,
                    help="Saving under an existing name updates that scenario.",
                    disabled=_access.read_only())
    right.button("Save the current scenario", key=W_SAVE, icon=":material/bookmark_add:",
                 type="primary", on_click=_save, disabled=_access.read_only())
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


_ui.header("Scenarios", "Save what you see under a name (tables, budget, weights, decisions "
           "and pinned starts), then put two or three side by side for the council.")
show_save()
saved = st.session_state[S.SCENARIOS]
if not saved:
    st.info("No scenario saved yet. Save the current one, change the weights or the budget, "
            "and save again to compare.", icon=":material/info:")
    st.stop()

st.subheader("Compare")
names = list(saved)
st.session_state.setdefault(W_COMPARE, names[-3:])
chosen = st.multiselect("Scenarios to compare (two or three)", names, max_selections=3,
                        key=W_COMPARE)
if len(chosen) >= 2:
    show_comparison([saved[n] for n in chosen])
else:
    st.caption("Choose at least two scenarios.")

st.subheader("Go back to a scenario")
left, right = st.columns([3, 1], vertical_alignment="bottom")
left.selectbox("Scenario", names, key=W_LOAD)
right.button("Restore it", key=W_LOAD_BUTTON, icon=":material/restore:", on_click=_load_chosen,
             disabled=_access.read_only(),
             help="Brings back its tables, budget, weights and decisions; Undo takes it back.")
