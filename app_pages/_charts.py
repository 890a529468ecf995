"""Altair chart specs for the pages (data shaped by planner.views; no Streamlit here)."""

from __future__ import annotations

import altair as alt
import pandas as pd

BLUE, ORANGE, GREEN, PURPLE, GREY, RED = (
    "#1f5a96", "#e07b39", "#3a9b6c", "#8a5fb0", "#9aa5b1", "#b04a4a")
QUADRANT_COLORS = {"Invest": GREEN, "Tolerate": BLUE, "Migrate": ORANGE, "Eliminate": RED}
TICKS_1_5 = alt.Axis(values=[1, 2, 3, 4, 5], grid=False)


def risk_by_department(summary: pd.DataFrame, systems: pd.DataFrame) -> alt.Chart:
    """Average legacy risk per department as bars, each system as a tick on its bar."""
    order = summary["department"].tolist()
    bars = alt.Chart(summary).mark_bar(color="#c9d6e6", cornerRadiusEnd=3).encode(
        x=alt.X("average_risk:Q", title="Legacy risk (0-100)", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("department:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
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
        y=alt.Y("name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("resident_facing:N", title=None,
                        scale=alt.Scale(domain=["resident-facing", "internal"],
                                        range=[ORANGE, BLUE]),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("name:N", title="process"), alt.Tooltip("department:N"),
                 alt.Tooltip("staff_hours:Q", format=",.0f", title="staff hours"),
                 alt.Tooltip("annual_volume:Q", format=",.0f", title="transactions"),
                 alt.Tooltip("annual_paper_cost:Q", format="$,.0f", title="paper cost")],
    ).properties(height=max(200, 24 * len(shown)))
