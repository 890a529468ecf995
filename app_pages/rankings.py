"""Rankings: scores with each criterion's contribution, other methods, and rank robustness."""

import streamlit as st

from app_pages import _charts, _planning, _session, _ui
from planner import (
    PlannerError,
    acceptability_frame,
    candidate_label,
    contributions_long,
    method_ranks,
    ranking_table,
)

W_TOP, W_AROUND, W_SAMPLES, W_RUN_SMAA = "w_rank_top", "w_smaa_around", "w_smaa_samples", \
    "w_smaa_run"
AROUND = {"mine": "Close to my weights", "any": "Any weights at all"}
CONCENTRATION = 30.0  # Dirichlet concentration: weights wander about +-30% around the chosen


def show_ranking(portfolio, result, funded, top: int) -> None:
    """Contribution bars for the top candidates, then the full ranked table."""
    long = contributions_long(portfolio, result, top)
    order = [candidate_label(portfolio, c) for c in result.order[:top]]
    st.altair_chart(_charts.contributions(long, order), width="stretch")
    st.caption(_ui.escape_md(f"{result.score_note} {result.contribution_note} "
                             f"Scaling: {result.normalization}."))
    table = ranking_table(portfolio, result, funded)
    st.dataframe(table, hide_index=True, width="stretch", height=380, key="w_ranking_table",
                 column_config={"value": st.column_config.ProgressColumn(
                     "value", min_value=0.0, max_value=1.0, format="%.3f"),
                     "score": st.column_config.NumberColumn(format="%.4f")})
    for note in result.notes:
        st.caption(_ui.escape_md(note))


def show_methods(portfolio, result, top: int) -> None:
    """The same candidates ranked by every method, and where the methods disagree."""
    comparison = _planning.method_comparison()
    left, right = st.columns([3, 2], gap="large")
    left.markdown(f"**Ranks of today's top {top} under each method**")
    left.dataframe(method_ranks(portfolio, comparison, result.order, top),
                   hide_index=True, width="stretch")
    right.markdown("**Agreement between methods** (Kendall's tau, 1 = same order)")
    right.dataframe(comparison.kendall_tau.round(2), width="stretch")
    right.markdown("**Candidates that move the most**")
    movers = comparison.movers.copy()
    movers["name"] = [portfolio.candidates[c].name for c in movers.index]
    right.dataframe(movers, width="stretch")
    for method, why in comparison.failed.items():
        st.caption(_ui.escape_md(f"{method} could not score: {why}"))


def show_robustness(portfolio, top: int) -> None:
    """SMAA-2: how often each candidate stays near the top as the weights vary."""
    st.caption("Thousands of weight sets are drawn at random and the candidates re-ranked "
               "each time. Stable candidates stay near the top whatever the weights; "
               "contested ones depend on them.")
    left, mid, right = st.columns([2, 2, 1], vertical_alignment="bottom")
    around = left.radio("Let the weights vary", list(AROUND), format_func=AROUND.get,
                        horizontal=True, key=W_AROUND)
    samples = mid.select_slider("Weight sets drawn", [1_000, 5_000, 10_000, 20_000],
                                value=10_000, key=W_SAMPLES)
    run = right.toggle("Analyse", key=W_RUN_SMAA, value=True)
    if not run:
        return
    k = min(10, len(portfolio.candidates))
    with st.status(f"Re-ranking under {samples:,} weight sets...", expanded=False) as status:
        found = _planning.robustness(samples, CONCENTRATION if around == "mine" else None, k)
        status.update(label=f"Re-ranked under {samples:,} weight sets", state="complete")
    cols = st.columns(3)
    cols[0].metric("Top choice stays first", f"{100 * found.winner_confidence:.0f}%")
    cols[1].metric(f"Same top {k} set", f"{100 * found.top_set_stability:.0f}%")
    cols[2].metric(f"Always in the top {k}", len(found.stable()))
    frame = acceptability_frame(portfolio, found, top)
    st.altair_chart(_charts.acceptability(frame, k), width="stretch")


_ui.header("Rankings", "Every candidate scored on the criteria and weights you chose, with "
           "what drives each score and how robust the order is.")
try:
    result = _planning.score()
    portfolio = _session.portfolio()
except PlannerError as exc:
    _ui.error_text(str(exc))
    st.stop()
try:
    funded = _planning.plan().optimized.funded_ids
except PlannerError:
    funded = []

count = len(result.order)
top = st.slider("Candidates to chart", min_value=min(5, count), max_value=count,
                value=min(25, count), key=W_TOP) if count > 5 else count

st.subheader("Ranking")
show_ranking(portfolio, result, funded, top)
st.subheader("Method comparison")
show_methods(portfolio, result, top)
st.subheader("Rank robustness (SMAA)")
show_robustness(portfolio, top)
