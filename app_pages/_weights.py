"""Setting weights with sliders or AHP judgments, and their live effect on ranking and plan.

The third way, stakeholders' weights combined, is in `_stakeholders`. Every change of the
weights joins the session's list of changes.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import _access, _planning, _session, _ui
from app_pages import _state as S
from planner import (
    SAATY,
    PlannerError,
    ahp_weights,
    column_key,
    judgment_label,
    judgments_from_weights,
    pair_key,
    pairwise_matrix,
    rank_moves,
    weight_changes,
)


def slider_key(name: str) -> str:
    """Widget key of one criterion's weight slider."""
    return f"w_weight_{column_key(name)}"


def _pair_widget(i: int, j: int) -> str:
    return f"w_pair_{i}_{j}"


def forget_weights() -> None:
    """Back to the preset's weights: clear sliders, judgments and the stakeholders edited in
    the app (those the workbook lists come back)."""
    for key in [k for k in st.session_state if str(k).startswith(("w_weight_", "w_pair_"))]:
        del st.session_state[key]
    st.session_state[S.WEIGHTS] = None
    st.session_state[S.JUDGMENTS] = {}
    st.session_state[S.STAKEHOLDERS] = {}


def choose_mode(widget: str) -> None:
    """on_change of the mode control (a deselected control keeps the current mode)."""
    if st.session_state[widget]:
        st.session_state[S.WEIGHT_MODE] = st.session_state[widget]
    else:
        st.session_state[widget] = st.session_state[S.WEIGHT_MODE]


def current_weights(names: list[str]) -> dict[str, float]:
    """The weights in use on a 0-100 scale (the preset's until the user changes them)."""
    chosen = st.session_state[S.WEIGHTS]
    if chosen and set(chosen) == set(names):
        return {n: float(chosen[n]) for n in names}
    base = _planning.score(weights=None).weights
    return {n: round(100.0 * base.get(n, 0.0), 1) for n in names}


def _store_sliders(names: list[str]) -> None:
    before = current_weights(names)
    st.session_state[S.WEIGHTS] = {n: float(st.session_state[slider_key(n)]) for n in names}
    _session.record_choice(weight_changes(before, st.session_state[S.WEIGHTS]))


def show_sliders(names: list[str]) -> None:
    """One slider per criterion; the normalized weights appear beside them."""
    weights = current_weights(names)
    st.caption("Drag to say how much each criterion matters. Only the proportions count: "
               "the weights in use are scaled to add up to 100%.")
    for name in names:
        S.bind(slider_key(name), weights[name])
        st.slider(_ui.escape_md(name), 0.0, 100.0, step=1.0, format="%.0f", key=slider_key(name),
                  on_change=_store_sliders, args=(names,), disabled=_access.read_only())
    if st.button("Back to the preset's weights", key="w_reset_weights",
                 icon=":material/restart_alt:", disabled=_access.read_only()):
        forget_weights()
        _session.record_choice("Weights back to the preset's")
        st.rerun()


def _store_judgment(names: list[str], i: int, j: int) -> None:
    """A judgment moved: keep it and use the weights the judgments now give."""
    before = current_weights(names)
    judgments = dict(st.session_state[S.JUDGMENTS])
    value = st.session_state[_pair_widget(i, j)]
    judgments[pair_key(names[i], names[j])] = value
    st.session_state[S.JUDGMENTS] = judgments
    result = ahp_weights(pairwise_matrix(names, judgments))
    st.session_state[S.WEIGHTS] = {n: 100.0 * w for n, w in result.weights.items()}
    _session.record_choice(f"Judgment {names[i]} vs {names[j]}: "
                           f"{judgment_label(value, names[i], names[j])}; "
                           + weight_changes(before, st.session_state[S.WEIGHTS]))


def show_pairwise(names: list[str]) -> None:
    """A compact grid of AHP judgments, the consistency ratio and the judgment to revisit."""
    judgments = st.session_state[S.JUDGMENTS]
    if set(judgments) != {pair_key(a, b) for i, a in enumerate(names) for b in names[i + 1:]}:
        total = sum(current_weights(names).values()) or 1.0
        judgments = judgments_from_weights(
            names, {n: w / total for n, w in current_weights(names).items()})
        st.session_state[S.JUDGMENTS] = judgments
    st.caption("For each pair, slide toward the criterion that matters more, and by how much "
               "(1 = equal, 3 = moderately, 5 = strongly, 9 = extremely).")
    columns = st.columns(3)
    pairs = [(i, j) for i in range(len(names)) for j in range(i + 1, len(names))]
    for n, (i, j) in enumerate(pairs):
        a, b = names[i], names[j]
        S.bind(_pair_widget(i, j), judgments[pair_key(a, b)])
        columns[n % 3].select_slider(
            _ui.escape_md(f"{a} vs {b}"), options=list(SAATY), key=_pair_widget(i, j),
            format_func=lambda v, a=a, b=b: judgment_label(v, a, b),
            on_change=_store_judgment, args=(names, i, j), disabled=_access.read_only())
    # Shown, not applied: the weights change when a judgment moves, not when the tab opens.
    result = ahp_weights(pairwise_matrix(names, st.session_state[S.JUDGMENTS]))
    ratio = result.consistency_ratio
    if result.is_consistent:
        st.success(f"Consistency ratio {ratio:.2f}: the judgments hang together "
                   "(0.10 or less is acceptable).", icon=":material/check_circle:")
    else:
        st.warning(f"Consistency ratio {ratio:.2f} is above 0.10: some judgments contradict "
                   "the others.", icon=":material/warning:")
        for judgment in result.revisit[:1]:
            st.text("Revisit: " + judgment.sentence())


def top_table(result, n: int = 10) -> pd.DataFrame:
    """The top of the ranking with each candidate's move against the preset's weights."""
    portfolio = _session.portfolio()
    reference = _planning.score(weights=None).ranks
    moves = rank_moves(result.ranks, reference)
    order = result.order[:n]
    return pd.DataFrame({
        "rank": [int(result.ranks[c]) for c in order],
        "move": [_arrow(int(moves[c])) for c in order],
        "candidate": [portfolio.candidates[c].name if c in portfolio.candidates else c
                      for c in order],
        "value": [round(float(result.value[c]), 3) for c in order],
    })


def _arrow(move: int) -> str:
    return f"▲ {move}" if move > 0 else (f"▼ {-move}" if move < 0 else "–")


def criteria_table(result) -> pd.DataFrame:
    """What each criterion reads, its direction, the weight in use and how it is scaled."""
    return pd.DataFrame([{"criterion": c.criterion, "measured by": c.column,
                          "better when": "higher" if c.direction.value == "max" else "lower",
                          "weight in use": f"{100 * result.weights.get(c.criterion, 0):.1f}%",
                          "scale": result.scales.get(c.criterion, "")}
                         for c in result.criteria])


def show_plan_headline() -> None:
    """The roadmap these weights give: value, projects funded, and what changed."""
    try:
        with st.spinner("Re-planning..."):
            result = _planning.plan()
    except PlannerError as exc:
        _ui.error_text(str(exc))
        return
    plan = result.optimized
    funded = set(plan.funded_ids)
    before = st.session_state.get(S.LAST_FUNDED)
    st.markdown("**The roadmap with these weights**")
    cols = st.columns(2)
    cols[0].metric("Projects funded", len(funded))
    gain = result.gains().get("rank_and_cut", {}).get("percent")
    cols[1].metric("Better than rank and cut", "-" if gain is None else f"{gain:+.0f}%")
    if before is not None and set(before) != funded:
        added, dropped = sorted(funded - set(before)), sorted(set(before) - funded)
        st.text(f"Since the last change: {len(added)} in ({', '.join(added) or 'none'}), "
                f"{len(dropped)} out ({', '.join(dropped) or 'none'}).")
    st.session_state[S.LAST_FUNDED] = sorted(funded)
    st.page_link("app_pages/roadmap.py", label="See the full roadmap", icon=":material/east:")
