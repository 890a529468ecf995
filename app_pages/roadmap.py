"""Roadmap: the optimized multi-year plan, its headline figures, and how it beats rank-and-cut."""

import streamlit as st

from app_pages import _charts, _estimates, _library, _planning, _roadmap, _session, _ui
from planner import PLAN_LABELS, PlannerError, words

W_FRONTIER, W_BASELINE, W_EXPLAIN = "w_frontier", "w_compare_with", "w_explain_unfunded"


def show_status(plan, precise: bool) -> None:
    """Whether the plan is proven best, and how far from the bound, in plain words."""
    sentence = _ui.escape_md(words.status_words(plan, sentence=True))
    if not precise:
        st.info(f"{sentence} Refining to the full precision now...", icon=":material/bolt:")
    elif plan.status.value == "optimal":
        st.success(sentence, icon=":material/verified:")
    else:
        st.info(sentence, icon=":material/verified:")


def show_headlines(portfolio, result, figures: dict[str, float]) -> None:
    """Value captured, budget used, legacy risk retired, staff hours freed, net savings."""
    gain = result.gains().get("rank_and_cut", {})
    cols = st.columns(5)
    cols[0].metric("Value captured", f"{100 * figures['value_share']:.0f}%",
                   delta=None if gain.get("percent") is None
                   else f"{gain['percent']:+.0f}% vs rank and cut",
                   help="Share of the value of all candidates that the funded ones capture.")
    cols[1].metric("Budget used", words.money(figures["spend"]),
                   help=f"{100 * figures['budget_share']:.0f}% of "
                        f"{words.money(figures['capital'])} capital over the horizon.")
    cols[2].metric("Legacy risk retired", f"{100 * figures['risk_share']:.0f}%",
                   help="Share of the estate's legacy risk points the funded projects remove.")
    cols[3].metric("Staff hours freed", f"{figures['hours_freed']:,.0f} /yr")
    cols[4].metric("Net savings", f"{words.money(figures['net_savings'])} /yr",
                   help="Once every funded project is live: retired O&M, paper and staff "
                        "time, less new operating cost.")
    _estimates.show_funded(portfolio, result.optimized)


def show_comparison(views: _roadmap.RoadmapViews) -> None:
    """The optimized plan against rank-and-cut and greedy: value and the projects that differ."""
    st.dataframe(views.comparison, hide_index=True, width="stretch",
                 column_config={"spend": st.column_config.NumberColumn("spend ($)",
                                                                       format="compact"),
                                "value": st.column_config.NumberColumn(format="%.2f"),
                                "value vs optimized": st.column_config.NumberColumn(
                                    format="%+.2f")})
    baseline = st.radio("Projects that differ from", ["rank_and_cut", "greedy"],
                        format_func=PLAN_LABELS.get, horizontal=True, key=W_BASELINE)
    st.dataframe(views.differences[baseline], hide_index=True, width="stretch",
                 column_config={"value": st.column_config.NumberColumn(format="%.3f")})


def show_unfunded(portfolio, plan, unfunded) -> None:
    """Every unfunded candidate with its reasons, and one of them spelled out in full."""
    if unfunded.empty:
        st.success("Every candidate is funded.", icon=":material/check_circle:")
        return
    st.dataframe(unfunded, hide_index=True, width="stretch", key="w_unfunded_table",
                 column_config={"cost": st.column_config.NumberColumn("cost ($)",
                                                                      format="compact"),
                                "value": st.column_config.NumberColumn(format="%.3f"),
                                "why not funded": st.column_config.TextColumn(width="large"),
                                "what it would take": st.column_config.TextColumn(
                                    width="large")})
    ids = unfunded["candidate_id"].tolist()
    chosen = st.selectbox("Explain one in full", ids, key=W_EXPLAIN,
                          format_func=lambda c: f"{c}  {portfolio.candidates[c].name}")
    item = plan.unfunded_item(chosen)
    if item is not None:
        with st.container(border=True):
            for reason in item.reasons:
                st.text(f"Why not: {reason}")
            if item.what_it_would_take:
                st.text(f"What it would take: {item.what_it_would_take}")
            if item.value_needed is not None:
                st.text(f"It would be funded at a value of {item.value_needed:.3f} or more.")


def show_frontier(portfolio) -> None:
    """Value captured as the whole capital budget scales, computed on request."""
    st.caption("What each plan would capture with 50% to 200% of today's capital budget. "
               "Nine re-solves: a few seconds.")
    if not st.toggle("Compute the efficient frontier", key=W_FRONTIER):
        return
    bar = st.progress(0.0, text="Solving each budget level...")
    table = _planning.frontier(lambda done, total: bar.progress(
        done / total, text=f"Solved {done} of {total} budget levels"))
    bar.empty()
    capital = sum(line.capital_budget for line in portfolio.budget)
    st.altair_chart(_charts.frontier(table, capital), width="stretch")
    missing = table.loc[table["optimized"].isna(), "scale"].tolist()
    shares = ", ".join(f"{100 * s:.0f}%" for s in missing)
    st.caption((f"No plan satisfies every rule at {shares} of the budget (for example, the "
                "mandatory projects no longer fit); those points are left out. " if missing
                else "") + "The dashed line is today's budget.")


_ui.header("Roadmap", "Which projects to fund, when, and from which fund: the plan that "
           "captures the most value within every budget, beside the rank-and-cut plan.")
try:
    precise = _planning.has_precise_plan()
    portfolio = _session.portfolio()
    with st.spinner("Planning..."):
        result = _planning.plan(precise=precise)
except PlannerError as exc:
    _ui.error_text(str(exc))
    st.stop()
plan = result.optimized
if plan.is_infeasible:
    st.error(f"{words.status_words(plan)}.", icon=":material/block:")
    for reason in plan.reasons:
        st.text(f"- {reason}")
    st.caption("Change the budget or overrides on the Budget & constraints page.")
    st.stop()

views = _roadmap.views(_planning.plan_inputs()[2], portfolio, result)  # shared, built once
show_status(plan, precise)
plan_of_record = st.container()  # filled once the first figure is out: it asks the store
show_headlines(portfolio, result, views.headlines)

st.subheader("Timeline")
_roadmap.draw(views.gantt)
with plan_of_record:
    _library.show_plan_of_record()

st.subheader("Spend per year against the caps")
st.caption(views.spend_caption)
_roadmap.draw(views.spend)

st.subheader("Against rank and cut")
show_comparison(views)

st.subheader("Not funded, and what it would take")
show_unfunded(portfolio, plan, views.unfunded)

st.subheader("Efficient frontier")
show_frontier(portfolio)

if not precise:
    with st.spinner("Refining the plan to full precision..."):
        _planning.refine_plan()
    st.rerun()
