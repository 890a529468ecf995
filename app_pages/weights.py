"""Criteria & weights: presets, sliders, AHP judgments, stakeholders, and the scoring method."""

import streamlit as st

from app_pages import _charts, _planning, _session, _stakeholders, _ui, _weighting, _weights
from app_pages import _state as S
from planner import METHOD_DESCRIPTIONS, METHOD_LABELS, PRESETS, PlannerError

W_PRESET, W_METHOD, W_MODE = "w_preset", "w_method", "w_weight_mode"
SHEET = "sheet"
MODES = {"sliders": "Sliders", "pairwise": "Pairwise (AHP)", "stakeholders": "Stakeholders"}


def _one_line(text: str) -> str:
    """The first sentence of a method's description, without the name it starts with."""
    first = text.split(". ")[0].rstrip(".")
    head, _, rest = first.partition(": ")
    return (rest or head)[:1].upper() + (rest or head)[1:] + "."


def _choose_preset() -> None:
    choice = st.session_state[W_PRESET]
    st.session_state[S.PRESET] = None if choice == SHEET else choice
    _weights.forget_weights()


def show_preset_and_method(portfolio) -> None:
    """Which criteria (preset or the Criteria sheet) and which scoring method."""
    left, right = st.columns(2, gap="large")
    options = ([SHEET] if portfolio.criteria else []) + list(PRESETS)
    current = st.session_state[S.PRESET] or (
        SHEET if portfolio.criteria else portfolio.settings.preset)
    S.bind(W_PRESET, current if current in options else options[0])
    left.selectbox(
        "Criteria preset", options, key=W_PRESET, on_change=_choose_preset,
        format_func=lambda k: "Your Criteria sheet" if k == SHEET else PRESETS[k].label)
    chosen = st.session_state[W_PRESET]
    left.caption("The criteria and weights of your workbook." if chosen == SHEET
                 else PRESETS[chosen].description)
    methods = list(METHOD_DESCRIPTIONS)
    S.bind(W_METHOD, st.session_state[S.METHOD] or portfolio.settings.method)
    right.radio("Scoring method", methods, key=W_METHOD, on_change=S.copy_to,
                args=(S.METHOD, W_METHOD),
                format_func=lambda m: METHOD_LABELS.get(m, m.upper()),
                captions=[_one_line(METHOD_DESCRIPTIONS[m]) for m in methods])


@st.fragment
def show_weights_panel(names: list[str]) -> None:
    """The weights editor beside its effect: normalized weights and the ranking they give.

    A fragment: moving a slider reruns only this panel, not the whole page.
    """
    left, right = st.columns([5, 4], gap="large")
    mode = st.session_state[S.WEIGHT_MODE]
    with left:
        if mode == "pairwise":
            _weights.show_pairwise(names)
        elif mode == "stakeholders":
            _stakeholders.show_stakeholders(names)
        else:
            _weights.show_sliders(names)
    with right:
        show_effect(names)


def show_effect(names: list[str]) -> None:
    """Normalized weights, then the top of the ranking and the plan they produce."""
    try:
        result = _planning.score()
    except PlannerError as exc:
        _ui.error_text(str(exc))
        return
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
show_preset_and_method(portfolio)
criteria = [c.criterion for c in base.criteria]

st.subheader("Weights")
S.bind(W_MODE, st.session_state[S.WEIGHT_MODE])
st.segmented_control("Set the weights with", list(MODES), key=W_MODE, format_func=MODES.get,
                     on_change=_weights.choose_mode, args=(W_MODE,))
show_weights_panel(criteria)
_weighting.show_weighting_modes(criteria)

with st.expander("How the criteria are measured"):
    st.dataframe(_weights.criteria_table(base), hide_index=True, width="stretch")
    for note in base.notes:
        st.caption(_ui.escape_md(note))
