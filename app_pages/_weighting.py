"""Other ways of weighing: rank the criteria, swing weights, and weights from the data.

Each shows its weights before they are applied; Apply puts them on the sliders (the weights
in use) and notes the choice in the session's list of changes.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from app_pages import _access, _cached, _planning, _session, _ui, _weights
from app_pages import _state as S
from planner import WEIGHTING_MODES, PlannerError, Portfolio, column_key, weigh_portfolio

W_DATA_MODE = "w_data_mode"
DATA_MODES = ("entropy", "critic")


def rank_key(name: str) -> str:
    """Widget key of one criterion's rank."""
    return f"w_rank_{column_key(name)}"


def swing_key(name: str) -> str:
    """Widget key of one criterion's swing points."""
    return f"w_swing_{column_key(name)}"


def _in_use(names: list[str]) -> dict[str, float]:
    return _weights.current_weights(names)


def _weighing(mode: str, inputs: dict[str, float] | None = None):
    """The weights `mode` gives (None, with the reason shown, when it cannot): computed once
    per portfolio, preset and inputs, so moving a slider does not weigh every mode again."""
    current, key = _session.portfolio_and_key()
    preset = _planning.score_choices()["preset"]
    asked = (key, mode, preset, json.dumps(inputs, sort_keys=True, default=str))
    try:
        return _cached.remembered("weighing", asked, lambda: _weighed(
            key, mode, preset, inputs, current))
    except PlannerError as exc:
        _ui.error_text(str(exc))
        return None


@st.cache_data(show_spinner=False, max_entries=_cached.ENTRIES)
def _weighed(key: str, mode: str, preset: str | None, inputs: dict[str, float] | None,
             _portfolio: Portfolio):
    return weigh_portfolio(_portfolio, mode, preset=preset, inputs=inputs)


def _apply(mode: str, weights: dict[str, float]) -> None:
    """on_click of Apply: the weights go onto the sliders and into the list of changes."""
    for name in weights:
        st.session_state.pop(_weights.slider_key(name), None)
    st.session_state[S.WEIGHTS] = {n: 100.0 * w for n, w in weights.items()}
    st.session_state[S.WEIGHT_MODE] = "sliders"
    st.session_state.pop("w_weight_mode", None)
    label = {"rank": "rank order", "swing": "swing weights", "entropy": "the data (entropy)",
             "critic": "the data (CRITIC)"}[mode]
    shares = ", ".join(f"{n} {w:.0%}" for n, w in weights.items())
    _session.record_choice(f"Weights from {label}: {shares}")


def _show_result(mode: str, weighing, column: str | None = None) -> None:
    """The weights a mode gives, beside its inputs, and the Apply button."""
    if weighing is None:
        return
    table = {"criterion": list(weighing.weights)}
    if column:
        table[column] = [weighing.inputs.get(n) for n in weighing.weights]
    table["weight"] = [f"{100 * w:.1f}%" for w in weighing.weights.values()]
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
    for note in weighing.notes:
        st.caption(_ui.escape_md(note))
    st.button("Apply these weights", key=f"w_apply_{mode}", icon=":material/check:",
              on_click=_apply, args=(mode, dict(weighing.weights)), disabled=_access.read_only())


def show_rank(names: list[str]) -> None:
    """Number the criteria 1 (most important) down; rank-order centroid weights shown."""
    st.caption(_ui.escape_md(WEIGHTING_MODES["rank"].meaning))
    order = sorted(names, key=lambda n: -_in_use(names)[n])
    columns = st.columns(3)
    for index, name in enumerate(names):
        S.bind(rank_key(name), order.index(name) + 1)
        columns[index % 3].number_input(_ui.escape_md(name), min_value=1,
                                        max_value=len(names), step=1, key=rank_key(name))
    ranks = {n: float(st.session_state[rank_key(n)]) for n in names}
    _show_result("rank", _weighing("rank", ranks), "rank")


def show_swing(names: list[str]) -> None:
    """Points from 0 to 100 for each criterion's worst-to-best swing; the weights shown."""
    st.caption(_ui.escape_md(WEIGHTING_MODES["swing"].meaning))
    in_use = _in_use(names)
    top = max(in_use.values()) or 1.0
    columns = st.columns(3)
    for index, name in enumerate(names):
        S.bind(swing_key(name), float(round(100.0 * in_use[name] / top)))
        columns[index % 3].number_input(_ui.escape_md(name), min_value=0.0, max_value=100.0,
                                        step=5.0, key=swing_key(name))
    swings = {n: float(st.session_state[swing_key(n)]) for n in names}
    _show_result("swing", _weighing("swing", swings), "swing")


def show_from_the_data() -> None:
    """Entropy or CRITIC weights from the candidates' values."""
    S.bind(W_DATA_MODE, DATA_MODES[0])
    st.radio("Weights from the data", DATA_MODES, key=W_DATA_MODE, horizontal=True,
             format_func=lambda m: WEIGHTING_MODES[m].label.removeprefix("From the data: "),
             captions=[WEIGHTING_MODES[m].meaning for m in DATA_MODES])
    mode = st.session_state[W_DATA_MODE]
    _show_result(mode, _weighing(mode))


def show_weighting_modes(names: list[str]) -> None:
    """Rank the criteria, swing weights and weights from the data, each shown before Apply."""
    st.markdown("**Other ways of weighing**: each shows its weights; Apply puts them on the "
                "sliders.")
    rank, swing, data = st.tabs(["Rank the criteria", "Swing", "From the data"])
    with rank:
        show_rank(names)
    with swing:
        show_swing(names)
    with data:
        show_from_the_data()
