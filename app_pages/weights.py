"""Criteria & weights: presets, sliders, AHP judgments, stakeholders, and the scoring method."""

import streamlit as st

from app_pages import (
    _access,
    _charts,
    _planning,
    _session,
    _stakeholders,
    _ui,
    _weighting,
    _weights,
)
from app_pages import _state as S
from planner import METHOD_DESCRIPTIONS, METHOD_LABELS, PRESETS, PlannerError, same_weights

W_PRESET, W_METHOD, W_MODE = "w_preset", "w_method", "w_weight_mode"
SHEET = "sheet"
CUSTOM = "custom"  # the preset menu's entry once the weights are edited
MODES = {"sliders": "Sliders", "pairwise": "Pairwise (AHP)", "stakeholders": "Stakeholders"}


def _one_line(text: str) -> str:
    """The first sentence of a method's description, without the name it starts with."""
    first = text.split(". ")[0].rstrip(".")
    head, _, rest = first.partition(": ")
    return (rest or head)[:1].upper() + (rest or head)[1:] + "."


def _choose_preset() -> None:
    choice = st.session_state[W_PRESET]
    if choice == CUSTOM:
        return
    before = st.session_state[S.PRESET]
    st.session_state[S.PRESET] = None if choice == SHEET else choice
    _weights.forget_weights()
    _session.record_choice(f"Criteria: {_preset_label(before or SHEET)} → {_preset_label(choice)}")


def _preset_label(key: str) -> str:
    if key == CUSTOM:
        return "Custom weights"
    return "Your Criteria sheet" if key == SHEET else PRESETS[key].label if key in PRESETS else key


def show_preset_and_method(portfolio, edited: bool) -> None:
    """Which criteria (preset or the Criteria sheet) and which scoring method. Once the
    weights are edited the preset's name gives way to "Custom weights"."""
    left, right = st.columns(2, gap="large")
    options = ([CUSTOM] if edited else []) + ([SHEET] if portfolio.criteria else []) + \
        list(PRESETS)
    current = st.session_state[S.PRESET] or (
        SHEET if portfolio.criteria else portfolio.settings.preset)
    shown = st.session_state.get(W_PRESET)
    if edited or shown not in options:
        st.session_state[W_PRESET] = CUSTOM if edited else (
            current if current in options else options[1 if edited else 0])
    left.selectbox("Criteria preset", options, key=W_PRESET, on_change=_choose_preset,
                   format_func=_preset_label, disabled=_access.read_only())
    chosen = st.session_state[W_PRESET]
    if chosen == CUSTOM:
        left.caption(f"The criteria of {_preset_label(current)}, with weights of your own. "
                     "Choose a preset to start again from its weights.")
    else:
        left.caption("The criteria and weights of your workbook." if chosen == SHEET
                     else PRESETS[chosen].description)
    methods = list(METHOD_DESCRIPTIONS)
    S.bind(W_METHOD, st.session_state[S.METHOD] or portfolio.settings.method)
    right.radio("Scoring method", methods, key=W_METHOD, on_change=S.copy_to,
                args=(S.METHOD, W_METHOD), disabled=_access.read_only(),
                format_func=lambda m: METHOD_LABELS.get(m, m.upper()),
                captions=[_one_line(METHOD_DESCRIPTIONS[m]) for m in methods])


def weights_edited() -> bool:
    """True when the weights in use are no longer those the criteria came with."""
    chosen = st.session_state[S.WEIGHTS]
    return bool(chosen) and not same_weights(chosen, _planning.score(weights=None).weights)


@st.fragment
def show_weights_panel(names: list[str]) -> None:
    """The weights editor beside its effect: normalized weights and the ranking they give,
    then how each criterion is measured with the weight it has now.

    A fragment: moving a slider reruns only this panel, not the whole page (the whole page
    once the weights first differ from the preset's, so that its name gives way).
    """
    left, right = st.columns([5, 4], gap="large")
    mode = st.session_state[S.WEIGHT_MODE]
    try:
        result = _planning.score()
    except PlannerError as exc:
        _ui.error_text(str(exc))
        return
    with left:
        if mode == "pairwise":
            _weights.show_pairwise(names)
        elif mode == "stakeholders":
            _stakeholders.show_stakeholders(names, result.weights)
        else:
            _weights.show_sliders(names)
    with right:
        show_effect(result)
    with st.expander("How the criteria are measured"):
        st.dataframe(_weights.criteria_table(result), hide_index=True, width="stretch")
        for note in result.notes:
            st.caption(_ui.escape_md(note))
    if weights_edited() != (st.session_state.get(W_PRESET) == CUSTOM):
        st.rerun(scope="app")


def show_effect(result) -> None:
    """Normalized weights, then the top of the ranking and the plan they produce."""
    st.markdown("**Weights in use** (normalized to 100%)")
    st.altair_chart(_charts.weights_bar(result.weights), width="stretch")
    st.markdown("**Top 10 with these weights**")
    st.dataframe(_weights.top_table(result).drop(columns="value"), hide_index=True,
                 width="stretch",
                 column_config={"rank": st.column_config.NumberColumn(width="small"),
                                "move": st.column_config.TextColumn(
                                    width="small", help="Places gained or lost against the "
                                                        "preset's weights"),
                                "candidate": st.column_config.TextColumn(width="large")})
    _weights.show_plan_headline()


_ui.header("Criteria & weights", "Say what matters to your city. Every change re-ranks the "
           "candidates and re-plans the roadmap at once.")
try:
    base = _planning.score(weights=None)
except PlannerError as exc:
    _ui.error_text(str(exc))
    st.stop()
portfolio = _session.portfolio()
show_preset_and_method(portfolio, weights_edited())
criteria = [c.criterion for c in base.criteria]

st.subheader("Weights")
S.bind(W_MODE, st.session_state[S.WEIGHT_MODE])
st.segmented_control("Set the weights with", list(MODES), key=W_MODE, format_func=MODES.get,
                     on_change=_weights.choose_mode, args=(W_MODE,),
                     disabled=_access.read_only())
show_weights_panel(criteria)
_weighting.show_weighting_modes(criteria)
