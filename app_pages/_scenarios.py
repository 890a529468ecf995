"""The Scenarios page's parts: save what is on screen, compare, restore, adopt, delete.

With the store (`_store`, `_library`) scenarios are kept in the workspace for everyone who
opens it; without one they live in this session (`S.SCENARIOS`) until the tab is closed.
"""

import hashlib

import altair as alt
import streamlit as st

from app_pages import _access, _history, _library, _planning, _session, _store, _ui
from app_pages import _state as S
from planner import (
    PlannerError,
    choices_key,
    scenario_changes,
    scenario_funding,
    scenario_record,
    scenario_spend,
    scenario_summary,
    scenarios_frame,
    stored_record,
)

W_NAME, W_SAVE, W_COMPARE = "w_scenario_name", "w_scenario_save", "w_scenario_compare"
W_LOAD, W_LOAD_BUTTON = "w_scenario_load", "w_scenario_load_button"
W_WORKSPACE, W_NOTE = "w_store_workspace", "w_scenario_note"


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
    """Save everything that shapes the plan under `name`: in the store when there is one
    (raises PlannerError, e.g. a stale save), else in this session."""
    state = _history.snapshot()
    if _store.store() is not None:
        _library.save(name, scenario_choices(state))
    else:
        record = scenario_record(name, scenario_choices(state), _session.portfolio(),
                                 _planning.plan(precise=True),
                                 weights_used=_planning.score().weights)
        record["state"] = state
        st.session_state[S.SCENARIOS] = {**st.session_state[S.SCENARIOS], name: record}
    shown = [n for n in st.session_state.get(W_COMPARE, []) if n != name]
    st.session_state[W_COMPARE] = [*shown, name][-3:]  # the new one joins the comparison


def load_chosen() -> None:
    """on_click: restore the scenario chosen in the menu."""
    name = st.session_state.get(W_LOAD)
    if not name or not _access.may_change("restore a scenario"):
        return
    try:
        if _store.store() is not None:
            _library.restore(name)
        else:
            _history.restore(st.session_state[S.SCENARIOS][name]["state"])
            _history.record(f"Restored scenario '{name}'")
    except (PlannerError, KeyError) as exc:
        st.session_state[S.SCENARIO_ERROR] = str(exc)
        return
    st.toast(_ui.escape_md(f"Scenario '{name}' restored: the other pages now show it."),
             icon=":material/restore:")


def adopt_chosen(name: str) -> bool:
    """Adopt a scenario with the note typed; False when the person may not."""
    return _library.adopt(name, st.session_state.get(W_NOTE) or "") is not None


def act(action, done_words: str) -> None:  # noqa: ANN001
    """on_click: adopt or delete the chosen scenario; a refusal is said in plain words."""
    name = st.session_state.get(W_LOAD)
    try:
        done = action(name)
    except PlannerError as exc:
        st.session_state[S.SCENARIO_ERROR] = str(exc)
        return
    st.session_state[S.SCENARIO_ERROR] = None
    if done:
        st.toast(_ui.escape_md(f"Scenario '{name}' {done_words}."), icon=":material/check:")


def _save() -> None:
    """on_click: save under the typed name, then suggest the next name."""
    if not _access.may_change("save a scenario"):
        return
    names = saved_names()
    name = (st.session_state.get(W_NAME) or "").strip() or f"Scenario {len(names) + 1}"
    replacing = name in names
    try:
        save_current(name)
    except PlannerError as exc:
        st.session_state[S.SCENARIO_ERROR] = str(exc)
        return
    st.session_state[S.SCENARIO_ERROR] = None
    st.session_state[W_NAME] = f"Scenario {len(saved_names()) + 1}"
    st.toast("Scenario updated." if replacing else "Scenario saved.",
             icon=":material/bookmark:")


def show_save() -> None:
    """Name and save what is on screen now."""
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    # Not bound through S.bind: the name typed and the comparison survive an undo.
    st.session_state.setdefault(W_NAME, f"Scenario {len(saved_names()) + 1}")
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


def saved_names() -> list[str]:
    return list(saved_records())


def saved_records() -> dict:
    """name -> record for the comparison: the store's scenarios, else this session's."""
    if _store.store() is None:
        return st.session_state[S.SCENARIOS]
    listed = {s.name: {**stored_record(s), "name": s.name} for s in _library.scenarios()}
    st.session_state[S.SCENARIOS] = listed  # as last listed, for the comparison
    return listed


def show_workspace() -> None:
    """Which workspace of the store this session works in, and its scenarios."""
    names = _library.workspaces()
    st.session_state[W_WORKSPACE] = names[0]
    st.selectbox("Workspace (one per city and budget cycle)", names, key=W_WORKSPACE,
                 on_change=lambda: _library.open_workspace(st.session_state[W_WORKSPACE]))
    listed = _library.scenarios()
    if listed:
        st.dataframe(scenarios_frame(listed), hide_index=True, width="stretch",
                     key="w_scenario_list")
