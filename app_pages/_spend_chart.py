"""The Roadmap's spend chart: spend per year by fund against each year's cap and, with
carry-over, the money carried in from earlier years, drawn from the specification the council
workbook and brief render (planner.charts)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from app_pages._charts import plan_funds
from planner import Portfolio, charts, words


def spend_vs_caps(spend: pd.DataFrame, caps: pd.DataFrame,
                  portfolio: Portfolio | None = None) -> alt.LayerChart:
    """Spend per fiscal year stacked by fund, with each year's total capital cap marked; with
    carry-over, the money carried in drawn as a band above the cap, up to a second mark."""
    return charts.spend_vs_caps(spend, caps, plan_funds(spend["fund"], portfolio=portfolio))


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
