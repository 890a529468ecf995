"""Altair chart specs for the pages (data shaped by planner.views.inputs).

The plan's charts (the timeline, the spend chart in _spend_chart, the frontier) are the
shared specifications of `planner.charts`, which the council workbook and brief render too;
a fund has the same colour in all of them. The colours below are the same module's.
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import pandas as pd

from planner import Portfolio, charts

BLUE, ORANGE, GREEN, PURPLE, GREY, RED = (charts.BLUE, charts.ORANGE, charts.GREEN,
                                          charts.PURPLE, charts.GREY, charts.RED)
QUADRANT_COLORS = {"Invest": GREEN, "Tolerate": BLUE, "Migrate": ORANGE, "Eliminate": RED}
TICKS_1_5 = alt.Axis(values=[1, 2, 3, 4, 5], grid=False)


def risk_by_department(summary: pd.DataFrame, systems: pd.DataFrame) -> alt.Chart:
    """Average legacy risk per department as bars, each system as a tick on its bar."""
    order = summary["department"].tolist()
    bars = alt.Chart(summary).mark_bar(color="#c9d6e6", cornerRadiusEnd=3).encode(
        x=alt.X("average_risk:Q", title="Legacy risk (0-100)", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("department:N", sort=order, title=None,
                axis=alt.Axis(labelLimit=220, labelOverlap=False)),
        tooltip=[alt.Tooltip("department:N"), alt.Tooltip("systems:Q"),
                 alt.Tooltip("average_risk:Q", format=".0f", title="average risk"),
                 alt.Tooltip("high_risk_systems:Q", title="systems at 60+")])
    ticks = alt.Chart(systems).mark_tick(thickness=3, size=14).encode(
        x="legacy_risk:Q", y=alt.Y("department:N", sort=order),
        color=alt.Color("legacy_risk:Q", scale=alt.Scale(scheme="orangered", domain=[0, 100]),
                        legend=None),
        tooltip=[alt.Tooltip("name:N", title="system"), alt.Tooltip("platform:N"),
                 alt.Tooltip("legacy_risk:Q", format=".0f", title="legacy risk")])
    return (bars + ticks).properties(height=max(220, 26 * len(order)))


def time_quadrant(points: pd.DataFrame, boundary: float) -> alt.LayerChart:
    """Systems on technical condition x functional fit, coloured by TIME quadrant."""
    lo, hi = 0.5, 5.5
    areas = pd.DataFrame([
        {"x": lo, "x2": boundary, "y": boundary, "y2": hi, "label": "Migrate"},
        {"x": boundary, "x2": hi, "y": boundary, "y2": hi, "label": "Invest"},
        {"x": lo, "x2": boundary, "y": lo, "y2": boundary, "label": "Eliminate"},
        {"x": boundary, "x2": hi, "y": lo, "y2": boundary, "label": "Tolerate"},
    ])
    scale = alt.Scale(domain=list(QUADRANT_COLORS), range=list(QUADRANT_COLORS.values()))
    background = alt.Chart(areas).mark_rect(opacity=0.07).encode(
        x=alt.X("x:Q", scale=alt.Scale(domain=[lo, hi]), title="Technical condition (1-5)",
                axis=TICKS_1_5),
        x2="x2", y=alt.Y("y:Q", scale=alt.Scale(domain=[lo, hi]), title="Functional fit (1-5)",
                         axis=TICKS_1_5),
        y2="y2", color=alt.Color("label:N", scale=scale, legend=None))
    labels = alt.Chart(areas).mark_text(align="left", baseline="top", dx=6, dy=6,
                                        fontWeight="bold", opacity=0.6).encode(
        x="x:Q", y="y2:Q", text="label:N",
        color=alt.Color("label:N", scale=scale, legend=None))
    dots = alt.Chart(points).mark_circle(opacity=0.85, stroke="white", strokeWidth=0.8).encode(
        x="x:Q", y="y:Q",
        color=alt.Color("quadrant:N", scale=scale, title="TIME"),
        size=alt.Size("annual_om_cost:Q", title="Annual O&M", scale=alt.Scale(range=[40, 600]),
                      legend=alt.Legend(format="$,.2s")),
        tooltip=[alt.Tooltip("name:N", title="system"), alt.Tooltip("department:N"),
                 alt.Tooltip("platform:N"), alt.Tooltip("quadrant:N"),
                 alt.Tooltip("support:N"),
                 alt.Tooltip("legacy_risk:Q", format=".0f", title="legacy risk"),
                 alt.Tooltip("annual_om_cost:Q", format="$,.0f", title="annual O&M")])
    return (background + labels + dots).properties(height=420)


def processes_by_hours(processes: pd.DataFrame, top: int = 15) -> alt.Chart:
    """The paper processes that consume the most staff hours a year."""
    shown = processes.head(top)
    return alt.Chart(shown).mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("staff_hours:Q", title="Staff hours a year"),
        y=alt.Y("name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320, labelOverlap=False)),
        color=alt.Color("resident_facing:N", title=None,
                        scale=alt.Scale(domain=["resident-facing", "internal"],
                                        range=[ORANGE, BLUE]),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("name:N", title="process"), alt.Tooltip("department:N"),
                 alt.Tooltip("staff_hours:Q", format=",.0f", title="staff hours"),
                 alt.Tooltip("annual_volume:Q", format=",.0f", title="transactions"),
                 alt.Tooltip("annual_paper_cost:Q", format="$,.0f", title="paper cost")],
    ).properties(height=max(200, 24 * len(shown)))


def weights_bar(weights: dict[str, float]) -> alt.LayerChart:
    """The normalized weights as labelled horizontal bars."""
    frame = pd.DataFrame({"criterion": list(weights), "weight": list(weights.values())})
    base = alt.Chart(frame).encode(
        y=alt.Y("criterion:N", sort="-x", title=None, axis=alt.Axis(labelLimit=200)),
        x=alt.X("weight:Q", title=None, axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, max(0.5, frame["weight"].max() * 1.15)])))
    bars = base.mark_bar(color=BLUE, cornerRadiusEnd=3)
    text = base.mark_text(align="left", dx=4, color="#1b2733").encode(
        text=alt.Text("weight:Q", format=".0%"))
    return (bars + text).properties(height=max(140, 30 * len(frame)))


def plan_funds(*drawn: Iterable[str], portfolio: Portfolio | None = None) -> list[str]:
    """The funds in the budget's order (of `portfolio`, else the session's), then any others
    the data draws: the order that gives each fund its one colour (the workbook and the brief
    use the same)."""
    if portfolio is None:
        from app_pages import _session

        portfolio = _session.portfolio()
    funds = list(portfolio.funds)
    funds += [f for column in drawn for f in dict.fromkeys(column) if f and f not in funds]
    return funds


def gantt(bars: pd.DataFrame, years: list[int], portfolio: Portfolio | None = None) -> alt.Chart:
    """Funded candidates as bars over fiscal years, coloured by their main fund."""
    return charts.gantt(bars, years, plan_funds(bars["main_fund"], portfolio=portfolio))


def frontier(table: pd.DataFrame, current: float) -> alt.LayerChart:
    """Value captured by each plan as the whole capital budget scales."""
    return charts.frontier(table, current)


def contributions(frame: pd.DataFrame, order: list[str]) -> alt.Chart:
    """Each candidate's value split into its criteria's contributions (stacked bars)."""
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("sum(contribution):Q", title="Value (sum of contributions)"),
        y=alt.Y("label:N", sort=order, title=None,
                axis=alt.Axis(labelLimit=380, labelOverlap=False)),
        color=alt.Color("criterion:N", title=None, legend=alt.Legend(orient="top")),
        order=alt.Order("criterion:N"),
        tooltip=[alt.Tooltip("label:N", title="candidate"), alt.Tooltip("criterion:N"),
                 alt.Tooltip("contribution:Q", format=".3f")],
    ).properties(height=max(160, 22 * len(order)))


def acceptability(frame: pd.DataFrame, k: int) -> alt.Chart:
    """Probability of ranking in the top k as the weights vary, per candidate."""
    return alt.Chart(frame).mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("p:Q", title=f"Chance of ranking in the top {k}", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("label:N", sort=frame["label"].tolist(), title=None,
                axis=alt.Axis(labelLimit=380, labelOverlap=False)),
        color=alt.Color("verdict:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=["stable", "contested", "rarely"],
                                        range=[GREEN, ORANGE, GREY])),
        tooltip=[alt.Tooltip("label:N", title="candidate"), alt.Tooltip("rank:Q"),
                 alt.Tooltip("p:Q", format=".0%", title=f"top {k}"),
                 alt.Tooltip("expected_rank:Q", format=".1f", title="expected rank")],
    ).properties(height=max(160, 22 * len(frame)))


def stakeholder_weights(table: pd.DataFrame) -> alt.Chart:
    """Each stakeholder's weights per criterion side by side, the group's in dark blue."""
    long = table.reset_index(names="who").melt(id_vars="who", var_name="criterion",
                                               value_name="weight")
    who = table.index.tolist()
    palette = ["#9fb9d6", "#e0a57f", "#8cc2a5", "#b9a0d0", "#d9c47a", "#9aa5b1"]
    colors = [palette[i % len(palette)] for i in range(len(who) - 1)] + [BLUE]
    return alt.Chart(long).mark_bar(cornerRadiusEnd=2).encode(
        y=alt.Y("criterion:N", title=None, sort=table.columns.tolist(),
                axis=alt.Axis(labelLimit=160, labelOverlap=False)),
        yOffset=alt.YOffset("who:N", sort=who),
        x=alt.X("weight:Q", title="Weight (%)"),
        color=alt.Color("who:N", sort=who, title=None,
                        legend=alt.Legend(orient="top", columns=2, labelLimit=260),
                        scale=alt.Scale(domain=who, range=colors)),
        tooltip=["who:N", "criterion:N", alt.Tooltip("weight:Q", format=".1f")],
    ).properties(height=max(200, 16 * len(long)))
