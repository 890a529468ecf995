"""Robustness: which projects stay funded however the weights move, and what money would buy."""

import altair as alt
import streamlit as st

from app_pages import _session, _ui
from app_pages import _state as S
from planner.budget_sensitivity import budget_sensitivity
from planner.errors import PlannerError
from planner.robustness import AROUND, CONTESTED, CORE, OUT, funding_robustness
from planner.sensitivity import Resolver, one_way_sensitivity
from planner.views import choices_key

W_AROUND, W_SPREAD, W_SAMPLES, W_SEED = "w_rob_around", "w_rob_spread", "w_rob_samples", \
    "w_rob_seed"
W_RUN, W_SENSITIVITY = "w_rob_run", "w_rob_sensitivity"
SAMPLES = [20, 50, 100, 200, 500]
CLASSES = {CORE: "Stable core", CONTESTED: "Contested", OUT: "Stable out"}
COLORS = ["#3a9b6c", "#e07b39", "#9aa5b1"]


def progress_bar(label: str):
    """A progress bar and the `progress(done, total, eta)` callback that moves it."""
    bar = st.progress(0.0, text=label)

    def update(done: int, total: int, eta: float | None) -> None:
        left = "" if eta is None else f", about {eta:.0f} s left"
        bar.progress(done / max(total, 1), text=f"{label} {done} of {total}{left}")

    return bar, update


def show_controls(stakeholders: dict) -> dict:
    """How the weights vary, how many samples, the seed; returns the choices."""
    options = [a for a in AROUND if a != "stakeholders" or stakeholders]
    left, mid, right, seed = st.columns([3, 2, 2, 1], vertical_alignment="bottom")
    around = left.radio("Let the weights vary", options, key=W_AROUND, horizontal=True,
                        format_func=lambda a: AROUND[a].capitalize())
    spread = mid.slider("Spread", 0.1, 0.8, 0.3, 0.05, key=W_SPREAD,
                        help="How far a weight of average size wanders: 0.3 is about 30%.",
                        disabled=around == "uniform")
    samples = right.select_slider("Weight sets", SAMPLES, value=200, key=W_SAMPLES)
    return {"around": around, "spread": spread, "samples": samples,
            "seed": int(seed.number_input("Seed", 0, 10**6, 0, key=W_SEED))}


def run(base: str, choices: dict, stakeholders: dict) -> None:
    """Re-optimize for every weight sample, with a progress bar, and keep the result."""
    bar, update = progress_bar("Re-optimized plans:")
    result = funding_robustness(_session.portfolio(), _session.score(),
                                stakeholders=stakeholders or None,
                                overrides=_session.overrides(), progress=update, **choices)
    bar.empty()
    st.session_state[S.FUNDING_ROBUSTNESS] = {"key": choices_key(base=base, **choices),
                                              "base": base, "result": result}


def show_acceptability(portfolio, result) -> None:
    """Counts per class, a bar per candidate, and the three lists."""
    cols = st.columns(3)
    for col, kind in zip(cols, CLASSES, strict=True):
        col.metric(CLASSES[kind], len(result.ids(kind)))
    for line in result.sentences() + list(result.notes):
        st.caption(_ui.escape_md(line))
    frame = result.table.reset_index()
    frame["name"] = [portfolio.candidates[c].name for c in frame["candidate_id"]]
    frame["label"] = frame["candidate_id"] + "  " + frame["name"].str[:48]
    frame["class"] = frame["class"].map(CLASSES)
    chart = alt.Chart(frame).mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("p_funded:Q", title="Chance funded", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("label:N", sort=frame["label"].tolist(), title=None,
                axis=alt.Axis(labelLimit=380, labelOverlap=False)),
        color=alt.Color("class:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=list(CLASSES.values()), range=COLORS)),
        tooltip=["candidate_id:N", "name:N", alt.Tooltip("p_funded:Q", format=".0%"),
                 alt.Tooltip("typical_start:Q", format="d", title="typical start")])
    st.altair_chart(chart.properties(height=max(160, 20 * len(frame))), width="stretch")
    shown = frame[["candidate_id", "name", "p_funded", "typical_start", "nominal_funded",
                   "class"]].rename(columns={"nominal_funded": "in today's plan"})
    for tab, label in zip(st.tabs(list(CLASSES.values())), CLASSES.values(), strict=True):
        part = shown[shown["class"] == label].drop(columns="class")
        tab.dataframe(part, hide_index=True, width="stretch", column_config={
            "p_funded": st.column_config.ProgressColumn("chance funded", min_value=0.0,
                                                        max_value=1.0, format="percent"),
            "typical_start": st.column_config.NumberColumn("typical start", format="FY%d")})


def show_sensitivity(stored: dict) -> None:
    """The tornado chart of weight ranges and the budget table."""
    ranges = stored["one_way"].table()
    bars = alt.Chart(ranges).mark_bar(color="#c9d6e6", height=16).encode(
        x=alt.X("low:Q", title="Weight range that keeps today's funded projects",
                axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        x2="high:Q", y=alt.Y("criterion:N", sort=ranges["criterion"].tolist(), title=None),
        tooltip=["criterion:N", alt.Tooltip("low:Q", format=".0%"),
                 alt.Tooltip("high:Q", format=".0%"), "enters_above:N", "leaves_above:N"])
    ticks = alt.Chart(ranges).mark_tick(color="#1f5a96", thickness=3, size=20).encode(
        x="weight:Q", y=alt.Y("criterion:N", sort=ranges["criterion"].tolist()))
    st.altair_chart((bars + ticks).properties(height=max(120, 34 * len(ranges))),
                    width="stretch")
    percent = st.column_config.NumberColumn(format="percent")
    st.dataframe(ranges, hide_index=True, width="stretch", key="w_rob_tornado",
                 column_config={"weight": percent, "low": percent, "high": percent})
    st.markdown("**What more capital would buy** (re-solves with one cap raised)")
    budget = stored["budget"]
    st.dataframe(budget.table(), hide_index=True, width="stretch", key="w_rob_budget",
                 column_config={c: st.column_config.NumberColumn(format="dollar")
                                for c in ("capital_budget", "extra_dollars")})
    for note in budget.notes + stored["one_way"].notes:
        st.caption(_ui.escape_md(note))


_ui.header("Robustness", "Which projects stay funded if the weights were set a little "
           "differently, which are contested, and what more money would change.")
stakeholders = dict(st.session_state[S.STAKEHOLDERS] or {})
try:
    portfolio, portfolio_key = _session.portfolio_and_key()
    base = choices_key(portfolio=portfolio_key, score=_session.score_choices(),
                       overrides=_session.overrides_text(), stakeholders=stakeholders)
    choices = show_controls(stakeholders)
    if st.button("Re-optimize under uncertain weights", key=W_RUN, type="primary",
                 icon=":material/shuffle:"):
        run(base, choices, stakeholders)
except PlannerError as exc:
    _ui.error_text(str(exc))
    st.stop()

stored = st.session_state[S.FUNDING_ROBUSTNESS]
if not stored or stored["base"] != base:
    st.info("Choose how the weights may vary and re-optimize: each weight set gets its own "
            "optimized plan, and each project's chance is the share of plans that fund it.",
            icon=":material/info:")
    st.stop()
if stored["key"] != choices_key(base=base, **choices):
    st.caption("Showing the last run; the settings above have changed since.")
show_acceptability(portfolio, stored["result"])

st.subheader("Sensitivity: one weight at a time, and the budget")
if st.button("Compute weight and budget sensitivity", key=W_SENSITIVITY):
    try:
        resolver = Resolver(portfolio, _session.score().value, overrides=_session.overrides())
        bar, update = progress_bar("Weight re-solves:")
        one_way = one_way_sensitivity(portfolio, _session.score(), tolerance=0.02,
                                      progress=update, resolver=resolver)
        bar.empty()
        bar, update = progress_bar("Budget re-solves:")
        budget = budget_sensitivity(portfolio, _session.score().value, progress=update,
                                    resolver=resolver)
        bar.empty()
    except PlannerError as exc:
        _ui.error_text(str(exc))
        st.stop()
    st.session_state[S.SENSITIVITY] = {"key": base, "one_way": one_way, "budget": budget}
sensitivity = st.session_state[S.SENSITIVITY]
if sensitivity and sensitivity["key"] == base:
    show_sensitivity(sensitivity)
else:
    st.caption("For each criterion, how far its weight can move before the funded projects "
               "change; for each year and fund, what more capital would fund next.")
