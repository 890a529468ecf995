"""The Roadmap's spend chart: spend per year by fund against each year's cap and, with
carry-over, the money carried in from earlier years (no Streamlit here)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from app_pages._charts import ORANGE, RED
from planner import words


def spend_vs_caps(spend: pd.DataFrame, caps: pd.DataFrame) -> alt.LayerChart:
    """Spend per fiscal year stacked by fund, with each year's total capital cap marked; with
    carry-over, the money carried in drawn as a band above the cap, up to a second mark."""
    spend = spend.assign(year=spend["fiscal_year"].map(lambda y: words.fy(int(y))))
    caps = caps.assign(year=caps["fiscal_year"].map(lambda y: words.fy(int(y))))
    x = alt.X("year:N", title=None, sort=caps["year"].tolist(), axis=alt.Axis(labelAngle=0))
    bars = alt.Chart(spend).mark_bar(size=46).encode(
        x=x, y=alt.Y("sum(amount):Q", title="Capital spend", axis=alt.Axis(format="$,.2s")),
        color=alt.Color("fund:N", title="Fund", legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("year:N"), alt.Tooltip("fund:N"),
                 alt.Tooltip("sum(amount):Q", format="$,.0f", title="spend")])
    cap = alt.Chart(caps).mark_tick(color=RED, thickness=3, size=62).encode(
        x=x, y="cap:Q", tooltip=[alt.Tooltip("year:N"),
                                 alt.Tooltip("cap:Q", format="$,.0f", title="capital cap")])
    layers = [bars, cap]
    carried = caps[caps.get("carried_in", pd.Series(0.0, index=caps.index)) > 0]
    if not carried.empty:
        carried = carried.assign(available=carried["cap"] + carried["carried_in"])
        tips = [alt.Tooltip("year:N"), alt.Tooltip("cap:Q", format="$,.0f", title="own cap"),
                alt.Tooltip("carried_in:Q", format="$,.0f", title="carried in"),
                alt.Tooltip("available:Q", format="$,.0f", title="money available")]
        band = alt.Chart(carried).mark_bar(size=62, color=ORANGE, opacity=0.18).encode(
            x=x, y="cap:Q", y2="available:Q", tooltip=tips)
        mark = alt.Chart(carried).mark_tick(color=ORANGE, thickness=3, size=62,
                                            strokeDash=[6, 3]).encode(
            x=x, y="available:Q", tooltip=tips)
        layers = [band, bars, cap, mark]
    return alt.layer(*layers).properties(height=320)


def spend_caption(caps: pd.DataFrame, carry_over: bool) -> str:
    """What the spend chart's marks mean, and with carry-over how much went into which year."""
    text = "Bars: capital spend by fund. Red marks: the total capital cap of each year."
    if not carry_over:
        return text
    carried = [f"{words.fy(int(y))} {words.money(v)}"
               for y, v in zip(caps["fiscal_year"], caps["carried_in"], strict=True) if v > 0]
    if not carried:
        return f"{text} Carry-over is on; every year's budget was spent, so nothing carried in."
    return (f"{text} Carry-over is on: a year may also spend what earlier years left unspent. "
            f"Orange band and dashed mark: the cap plus what was carried in "
            f"({', '.join(carried)}).")
