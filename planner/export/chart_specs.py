"""The plan's charts, defined once as Altair (Vega-Lite) specifications.

The app draws these specifications in the browser; the council workbook and the brief render
the same ones to PNG with vl-convert (`to_png`), so a chart looks the same everywhere. Each
fund has one colour, assigned by `fund_colours` from the budget's order of funds, in the
app, the workbook and the brief alike. Legends never cut a fund's name (no label limit, and
fewer legend columns when names are long).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from planner.core.models import Portfolio
from planner.core.plans import Plan
from planner.core.words import fy, money, years_words
from planner.export.context import carried_in
from planner.export.safe_cells import clean_text

BLUE, ORANGE, GREEN, PURPLE, GREY, RED = (
    "#1f5a96", "#e07b39", "#3a9b6c", "#8a5fb0", "#9aa5b1", "#b04a4a")
INK = "#1b2733"  # text and axis labels: 15:1 on white
# Fund colours, each at least 3:1 against white (WCAG 2.1 non-text contrast) and told apart
# from its neighbours; none is the red of the capital-cap marks.
FUND_PALETTE = ("#1f5a96", "#c25e00", "#2e7d4f", "#6a4c93", "#00798c", "#a8326e",
                "#6b6b00", "#5f6b77", "#8c564b", "#0b3d91")
LEGEND_WIDTH = 560  # pixels a bottom legend may take before its columns wrap
CHARACTER_WIDTH = 6.5  # pixels per character of an 11-pixel legend label, about


def fund_colours(funds: Sequence[str]) -> dict[str, str]:
    """One colour per fund, in the order given (the budget's order of funds)."""
    unique = list(dict.fromkeys(funds))
    return {fund: FUND_PALETTE[i % len(FUND_PALETTE)] for i, fund in enumerate(unique)}


def fund_scale(funds: Sequence[str]) -> alt.Scale:
    """The colour scale of the funds: the same fund, the same colour, on every chart."""
    colours = fund_colours(funds)
    return alt.Scale(domain=list(colours), range=list(colours.values()))


def legend_columns(labels: Sequence[str], width: int = LEGEND_WIDTH) -> int:
    """How many columns a bottom legend of these labels can hold without cutting one."""
    if not labels:
        return 1
    longest = max(len(str(label)) for label in labels) * CHARACTER_WIDTH + 30
    return max(1, min(len(labels), int(width // longest)))


def fund_legend(funds: Sequence[str], title: str = "Fund") -> alt.Legend:
    """A legend under the chart that shows every fund's whole name."""
    return alt.Legend(orient="bottom", title=title, labelLimit=0, titleLimit=0,
                      columns=legend_columns(list(dict.fromkeys(funds))),
                      labelColor=INK, titleColor=INK, symbolType="square")


def spend_and_caps(portfolio: Portfolio, plan: Plan) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(spend per fiscal year and fund, long; capital cap per fiscal year and, with carry-over,
    what was carried into it from earlier years) for the spend chart."""
    spend = plan.spend_frame()
    spend = spend.groupby(["fiscal_year", "fund"], as_index=False)["amount"].sum() \
        if not spend.empty else pd.DataFrame(columns=["fiscal_year", "fund", "amount"])
    years = portfolio.fiscal_years
    carried = carried_in(portfolio, plan, years)
    caps = pd.DataFrame({"fiscal_year": years,
                         "cap": [sum(portfolio.capital_cap(y, f) for f in portfolio.funds)
                                 for y in years],
                         "carried_in": [sum(v for (y2, _), v in carried.items() if y2 == y)
                                        for y in years]})
    return spend, caps


def chart_funds(portfolio: Portfolio, plan: Plan) -> list[str]:
    """The funds in budget order, then any the plan draws on that the budget lacks: the
    order every chart gives their colours in."""
    funds = list(portfolio.funds)
    for item in plan.funded:
        for by_fund in item.spend.values():
            funds.extend(f for f in by_fund if f not in funds)
    return funds


def spend_alt(spend: pd.DataFrame, caps: pd.DataFrame) -> str:
    """The spend chart's message in words (its alt text): the peak year, whether every year
    stays within its budget, and what each fund pays."""
    by_year = spend.groupby("fiscal_year")["amount"].sum() if not spend.empty else pd.Series()
    years = [int(y) for y in caps["fiscal_year"]]
    if by_year.empty or not by_year.max() > 0:
        return "Chart of planned capital spend by fiscal year: the plan spends nothing."
    peak = int(by_year.idxmax())
    cap = dict(zip(years, caps["cap"], strict=True))
    over = [fy(int(y)) for y, amount in by_year.items() if amount > cap.get(int(y), 0.0) + 0.5]
    within = ("Every year stays within its capital budget" if not over else
              f"Spending is above that year's own budget in {', '.join(over)}, paid from "
              "money carried in from earlier years")
    by_fund = spend.groupby("fund")["amount"].sum().sort_values(ascending=False)
    funds = ", ".join(f"{fund} {money(amount)}" for fund, amount in by_fund.items() if amount)
    return (f"Stacked bar chart of planned capital spend in each fiscal year from "
            f"{years_words(years)}, by fund, with each year's capital budget marked. Spending "
            f"peaks in {fy(peak)} at {money(by_year[peak])}. {within}. Over the plan the funds "
            f"pay: {funds}.")


def _years(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(year=frame["fiscal_year"].map(lambda y: fy(int(y))))


def spend_vs_caps(spend: pd.DataFrame, caps: pd.DataFrame,
                  funds: Sequence[str] | None = None) -> alt.LayerChart:
    """Spend per fiscal year stacked by fund, with each year's total capital cap marked; with
    carry-over, the money carried in drawn as a band above the cap, up to a second mark.

    `spend` has fiscal_year, fund, amount; `caps` fiscal_year, cap and carried_in; `funds`
    orders the funds (and so their colours); by default the order they appear in `spend`.
    """
    funds = list(dict.fromkeys(funds if funds is not None else spend["fund"].tolist()))
    spend, caps = _years(spend), _years(caps)
    x = alt.X("year:N", title=None, sort=caps["year"].tolist(),
              axis=alt.Axis(labelAngle=0, labelColor=INK))
    bars = alt.Chart(spend).mark_bar(size=46, stroke="white", strokeWidth=0.5).encode(
        x=x, y=alt.Y("sum(amount):Q", title="Capital spend",
                     axis=alt.Axis(format="$,.2s", labelColor=INK, titleColor=INK)),
        color=alt.Color("fund:N", scale=fund_scale(funds), legend=fund_legend(funds)),
        order=alt.Order("fund_order:Q"),
        tooltip=[alt.Tooltip("year:N"), alt.Tooltip("fund:N"),
                 alt.Tooltip("sum(amount):Q", format="$,.0f", title="spend")],
    ).transform_calculate(fund_order=f"indexof({json.dumps(funds)}, datum.fund)")
    cap = alt.Chart(caps).mark_tick(color=RED, thickness=3, size=62, opacity=1).encode(
        x=x, y="cap:Q", tooltip=[alt.Tooltip("year:N"),
                                 alt.Tooltip("cap:Q", format="$,.0f", title="capital cap")])
    layers: list[alt.Chart] = [bars, cap]
    carried = caps[caps.get("carried_in", pd.Series(0.0, index=caps.index)) > 0]
    if not carried.empty:
        carried = carried.assign(available=carried["cap"] + carried["carried_in"])
        tips = [alt.Tooltip("year:N"), alt.Tooltip("cap:Q", format="$,.0f", title="own cap"),
                alt.Tooltip("carried_in:Q", format="$,.0f", title="carried in"),
                alt.Tooltip("available:Q", format="$,.0f", title="money available")]
        band = alt.Chart(carried).mark_bar(size=62, color=ORANGE, opacity=0.18).encode(
            x=x, y="cap:Q", y2="available:Q", tooltip=tips)
        mark = alt.Chart(carried).mark_tick(color=ORANGE, thickness=3, size=62, opacity=1,
                                            strokeDash=[6, 3]).encode(
            x=x, y="available:Q", tooltip=tips)
        layers = [band, bars, cap, mark]
    return alt.layer(*layers).properties(height=320)


def gantt(bars: pd.DataFrame, years: list[int], funds: Sequence[str] | None = None
          ) -> alt.Chart:
    """Funded candidates as bars over fiscal years, coloured by their main fund."""
    funds = list(dict.fromkeys(funds if funds is not None else bars["main_fund"].tolist()))
    first, last = (years[0], years[-1] + 1) if years else (None, None)
    order = bars["candidate_id"].tolist()
    labels = dict(zip(bars["candidate_id"], bars["candidate_id"] + "  " + bars["name"].str[:48],
                      strict=True))
    frame = bars.assign(label=bars["candidate_id"].map(labels))
    return alt.Chart(frame).mark_bar(cornerRadius=3, height=14).encode(
        x=alt.X("start:Q", title="Fiscal year", scale=alt.Scale(domain=[first, last]),
                axis=alt.Axis(values=list(range(first, last + 1)) if years else None,
                              labelExpr=f"datum.value < {last} ? 'FY' + datum.value : ''",
                              labelAlign="left", labelPadding=4, grid=True)),
        x2="end:Q",
        y=alt.Y("label:N", sort=[labels[c] for c in order], title=None,
                axis=alt.Axis(labelLimit=380, labelOverlap=False)),
        color=alt.Color("main_fund:N", scale=fund_scale(funds),
                        legend=fund_legend(funds, "Main fund")),
        tooltip=[alt.Tooltip("candidate_id:N", title="id"), alt.Tooltip("name:N"),
                 alt.Tooltip("years:N"), alt.Tooltip("cost:Q", format="$,.0f"),
                 alt.Tooltip("main_fund:N", title="main fund"),
                 alt.Tooltip("approach:N"), alt.Tooltip("value:Q", format=".3f")],
    ).properties(height=max(160, 22 * len(frame)))


PLAN_NAMES = {"optimized": "Optimized", "rank_and_cut": "Rank and cut", "greedy": "Greedy"}


def frontier(table: pd.DataFrame, current: float, *, relative: bool = False
             ) -> alt.LayerChart:
    """Value captured by each plan as the whole capital budget scales.

    With `relative`, value is drawn as a share of the optimized plan's value at today's
    budget (100% = today's plan), the form the brief and the workbook explain in words.
    """
    long = table.melt(id_vars=["capital_budget"], value_vars=list(PLAN_NAMES),
                      var_name="plan", value_name="value").dropna()
    long["plan"] = long["plan"].map(PLAN_NAMES)
    title, fmt = "Value captured", ".2f"
    if relative:
        today = todays_value(table, current)
        long["value"] = long["value"] / today if today else 0.0
        title, fmt = "Value, as a share of today's plan", ".0%"
    lines = alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("capital_budget:Q", title="Total capital budget",
                axis=alt.Axis(format="$,.2s"), scale=alt.Scale(zero=False)),
        y=alt.Y("value:Q", title=title, axis=alt.Axis(format=fmt) if relative else alt.Axis()),
        color=alt.Color("plan:N", title=None,
                        legend=alt.Legend(orient="top", labelLimit=0, labelColor=INK),
                        scale=alt.Scale(domain=list(PLAN_NAMES.values()),
                                        range=[BLUE, ORANGE, GREY])),
        tooltip=[alt.Tooltip("plan:N"), alt.Tooltip("capital_budget:Q", format="$,.0f"),
                 alt.Tooltip("value:Q", format=fmt)])
    rule = alt.Chart(pd.DataFrame({"x": [current]})).mark_rule(
        strokeDash=[4, 4], color=GREY).encode(x="x:Q")
    return (rule + lines).properties(height=320)


def todays_value(table: pd.DataFrame, current: float) -> float:
    """The optimized value at today's budget: the frontier's 100% point, else the nearest."""
    if "scale" in table and ((table["scale"] - 1).abs() < 1e-9).any():
        row = table.loc[(table["scale"] - 1).abs() < 1e-9].iloc[0]
    else:
        row = table.loc[(table["capital_budget"] - current).abs().idxmin()]
    value = row["optimized"]
    return 0.0 if pd.isna(value) else float(value)


def frontier_alt(table: pd.DataFrame, current: float) -> str:
    """The frontier chart's message in words (its alt text), as shares of today's plan."""
    today = todays_value(table, current)
    parts = []
    for scale, value in zip(table["scale"], table["optimized"], strict=True):
        if abs(scale - 1) < 1e-9 or pd.isna(value) or not today:
            continue
        change = f"{abs(scale - 1):.0%} {'more' if scale > 1 else 'less'} capital"
        parts.append(f"{change}, {value / today:.0%} of today's value")
    return ("Line chart of the value the optimized plan, rank and cut and greedy capture as "
            "the whole capital budget scales from half to double today's, as a share of "
            "today's optimized plan. " + ("; ".join(parts) + "." if parts else ""))


def clean_strings(value: Any) -> Any:
    """Every text inside a JSON-like value with the characters no document may hold taken
    out (control characters, noncharacters; text-direction controls shown as marks), as the
    workbook's cells store them. vl-convert aborts the whole process, not just the call, on
    a fund named with a control character, so no text reaches it uncleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_strings(k): clean_strings(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_strings(v) for v in value]
    return value


def to_png(chart: alt.TopLevelMixin, *, width: int = 640, scale: float = 2.0) -> bytes:
    """The chart as a PNG image, `width` pixels wide before `scale` (2 = sharp in print)."""
    import vl_convert as vlc

    spec = clean_strings(chart.properties(width=width).to_dict())
    config = spec.setdefault("config", {})
    config["background"] = "white"
    config.setdefault("axis", {}).update(labelFontSize=12, titleFontSize=12)
    config.setdefault("legend", {}).update(labelFontSize=12, titleFontSize=12)
    return vlc.vegalite_to_png(spec, scale=scale)
