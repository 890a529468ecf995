"""Robustness: which projects stay funded however the weights move, and what money would buy."""

import altair as alt
import streamlit as st

from app_pages import _planning, _session, _ui
from app_pages import _state as S
from planner import AROUND, PlannerError

W_AROUND, W_SPREAD, W_SAMPLES = "w_rob_around", "w_rob_spread", "w_rob_samples"
W_SEED, W_RUN, W_SENSITIVITY = "w_rob_seed", "w_rob_run", "w_rob_sensitivity"
SAMPLES = [20, 50, 100, 200, 500]
# The classes the weights decide, charted by chance funded; a decision's are listed apart.
COLORS = {"Stable core": "#3a9b6c", "Contested": "#e07b39", "Stable out": "#9aa5b1"}
STAGES = {"weights": "Weights moved, criterion sides:", "budget": "Budget lines re-solved:"}


def progress_bar(label: str):
    """The `progress(done, total, eta)` callback of a progress bar that goes when done."""
    bar = st.progress(0.0, text=label)

    def update(done: int, total: int, eta: float | None) -> None:
        if done >= total:
            bar.empty()  # the results take its place
            return
        left = "" if eta is None else f", about {eta:.0f} s left"
        bar.progress(done / max(total, 1), text=f"{label} {done} of {total}{left}")

    return update


def show_controls(stakeholders: dict) -> dict:
    """How the weights vary, how many samples, the seed; returns the choices."""
    options = [a for a in AROUND if a != "stakeholders" or stakeholders]
    left, mid, right, seed = st.columns([3, 2, 2, 1], vertical_alignment="bottom")
    around = left.radio("Let the weights vary", options, key=W_AROUND, horizontal=True,
                        format_func=lambda a: AROUND[a].capitalize())
    spread = mid.slider("Spread", 0.1, 0.8, 0.3, 0.05, key=W_SPREAD, disabled=around == "uniform",
                        help="How far a weight of average size wanders: 0.3 is about 30%.")
    samples = right.select_slider("Weight sets", SAMPLES, value=200, key=W_SAMPLES)
    return {"around": around, "spread": spread, "samples": samples,
            "seed": int(seed.number_input("Seed", 0, 10**6, 0, key=W_SEED))}


def run(base: str, choices: dict) -> None:
    """Re-optimize for every weight sample, with a progress bar, and keep the result."""
    _planning.run_funding_robustness(base, choices, progress_bar("Re-optimized plans:"))


def run_sensitivity(base: str) -> None:
    """One-way weight ranges, then budget re-solves, each stage with its progress bar."""
    try:
        _planning.run_sensitivity(base, lambda stage: progress_bar(STAGES[stage]))
    except PlannerError as exc:
        _ui.error_text(str(exc))


def show_acceptability(portfolio, result) -> None:
    """Counts per class, a bar per candidate the weights decide, and the lists; projects a
    decision fixes are listed with that decision, never with a chance."""
    classes = result.class_words
    for col, kind in zip(st.columns(len(classes)), classes, strict=True):
        col.metric(classes[kind], len(result.ids(kind)))
    for line in result.sentences() + list(result.notes):
        st.caption(_ui.escape_md(line))
    frame = result.table.reset_index().assign(class_=lambda f: f["class"].map(classes))
    frame["name"] = [portfolio.candidates[c].name for c in frame["candidate_id"]]
    frame["label"] = frame["candidate_id"] + "  " + frame["name"].str[:48]
    weighed = frame[frame["class_"].isin(COLORS)]
    chart = alt.Chart(weighed).mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("p_funded:Q", title="Chance funded", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("label:N", sort=weighed["label"].tolist(), title=None,
                axis=alt.Axis(labelLimit=380, labelOverlap=False)),
        color=alt.Color("class_:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=list(COLORS), range=list(COLORS.values()))),
        tooltip=["candidate_id:N", "name:N", alt.Tooltip("p_funded:Q", format=".0%"),
                 alt.Tooltip("typical_start:Q", format="d", title="typical start")])
    st.altair_chart(chart.properties(height=max(160, 20 * len(weighed))), width="stretch")
    shown = frame[["candidate_id", "name", "p_funded", "decision", "typical_start",
                   "nominal_funded", "class"]].rename(columns={"nominal_funded": "in today's plan"})
    for tab, kind in zip(st.tabs(list(classes.values())), classes, strict=True):
        part = shown[shown["class"] == kind].drop(columns="class")
        part = part.drop(columns=["decision"] if classes[kind] in COLORS
                         else ["p_funded", "typical_start"])
        tab.dataframe(part, hide_index=True, width="stretch", column_config={
            "p_funded": st.column_config.ProgressColumn("chance funded", min_value=0.0,
                                                        max_value=1.0, format="percent"),
            "decision": st.column_config.TextColumn("fixed by", width="large"),
            "typical_start": st.column_config.NumberColumn("typical start", format="FY%d")})


def show_sensitivity(stored: dict) -> None:
    """The tornado chart of weight ranges and the budget table."""
    ranges = stored["one_way"].table()
    bars = alt.Chart(ranges).mark_bar(color="#c9d6e6", height=16).encode(
        x=alt.X("low:Q", title="Weight range that keeps today's funded projects",
                axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        x2="high:Q", y=alt.Y("criterion:N", sort=ranges["criterion"].tolist(), title=None),
        tooltip=["criterion:N", "enters_below:N", "leaves_below:N", "enters_above:N",
                 "leaves_above:N"])
    ticks = alt.Chart(ranges).mark_tick(color="#1f5a96", thickness=3, size=20).encode(
        x="weight:Q", y=alt.Y("criterion:N", sort=ranges["criterion"].tolist()))
    st.altair_chart((bars + ticks).properties(height=max(120, 34 * len(ranges))), width="stretch")
    st.dataframe(ranges, hide_index=True, width="stretch", key="w_rob_tornado", column_config={
        c: st.column_config.NumberColumn(format="percent") for c in ("weight", "low", "high")})
    st.markdown("**What more capital would buy** (re-solves with one cap raised)")
    budget = stored["budget"]
    st.dataframe(budget.table(), hide_index=True, width="stretch", key="w_rob_budget",
                 column_config={c: st.column_config.NumberColumn(format="dollar")
                                for c in ("capital_budget", "extra_dollars")})
    for note in budget.notes + stored["one_way"].notes:
        st.caption(_ui.escape_md(note))


_ui.header("Robustness", "Which projects stay funded if the weights were set a little "
           "differently, which are contested, and what more money would change.")
stakeholders = _planning.stakeholder_weights()
try:
    portfolio = _session.portfolio()
    base = _planning.funding_key()
    choices = show_controls(stakeholders)
    if st.button("Re-optimize under uncertain weights", key=W_RUN, type="primary",
                 icon=":material/shuffle:"):
        run(base, choices)
except PlannerError as exc:
    _ui.error_text(str(exc))
    st.stop()

stored = st.session_state[S.FUNDING_ROBUSTNESS]
if stored and stored["base"] == base:
    if stored["key"] != _planning.funding_run_key(base, choices):
        st.caption("Showing the last run; the settings above have changed since.")
    show_acceptability(portfolio, stored["result"])
else:
    st.info("Choose how the weights may vary, then re-optimize: a plan for each weight set; a "
            "project's chance is the share of those plans that fund it.", icon=":material/info:")

st.subheader("Sensitivity: one weight at a time, and the budget")
if st.button("Compute weight and budget sensitivity", key=W_SENSITIVITY):
    run_sensitivity(base)
sensitivity = st.session_state[S.SENSITIVITY]
if sensitivity and sensitivity["key"] == base:
    show_sensitivity(sensitivity)
else:
    st.caption("For each criterion, how far its weight can move before the funded projects "
               "change; for each year and fund, what more capital would fund next.")
