"""The charts defined once: one colour per fund everywhere, legends that never cut a name, and
the same specification rendered to an image for the workbook and the brief."""

from __future__ import annotations

import io
import json

import pandas as pd
from PIL import Image

from planner.export.chart_specs import (
    FUND_PALETTE,
    chart_funds,
    frontier,
    fund_colours,
    gantt,
    legend_columns,
    spend_and_caps,
    spend_vs_caps,
    to_png,
)
from tests.brief.briefs import small_roadmap

LONG = "Enterprise Fund (Water, Sewer and Stormwater Utilities Capital Improvement)"


def _colour_scale(spec: dict) -> dict:
    layers = spec.get("layer", [spec])
    [bars] = [layer for layer in layers if "color" in layer.get("encoding", {})
              and "field" in layer["encoding"]["color"]]
    return bars["encoding"]["color"]


def test_a_fund_gets_the_same_colour_whatever_chart_or_order_of_data() -> None:
    funds = ["General Fund", "Federal Grant", LONG]
    colours = fund_colours(funds)
    assert list(colours.values()) == list(FUND_PALETTE[:3])
    spend = pd.DataFrame({"fiscal_year": [2027, 2027, 2028], "fund": [LONG, "General Fund",
                                                                      "Federal Grant"],
                          "amount": [1e6, 2e6, 5e5]})
    caps = pd.DataFrame({"fiscal_year": [2027, 2028], "cap": [4e6, 4e6],
                         "carried_in": [0.0, 0.0]})
    bars = pd.DataFrame({"candidate_id": ["C1", "C2"], "name": ["A", "B"], "start": [2027, 2028],
                         "end": [2028, 2029], "years": ["FY2027", "FY2028"],
                         "main_fund": ["Federal Grant", LONG], "cost": [1.0, 2.0],
                         "approach": ["", ""], "value": [0.5, 0.4]})
    for chart in (spend_vs_caps(spend, caps, funds), gantt(bars, [2027, 2028], funds)):
        scale = _colour_scale(chart.to_dict())["scale"]
        assert dict(zip(scale["domain"], scale["range"], strict=True)) == colours


def test_legends_show_long_fund_names_whole() -> None:
    funds = ["General Fund", LONG]
    spend = pd.DataFrame({"fiscal_year": [2027], "fund": [LONG], "amount": [1e6]})
    caps = pd.DataFrame({"fiscal_year": [2027], "cap": [2e6], "carried_in": [0.0]})
    legend = _colour_scale(spend_vs_caps(spend, caps, funds).to_dict())["legend"]
    assert legend["labelLimit"] == 0 and legend["columns"] == 1
    assert legend_columns(["General Fund", "Grants", "Reserve"]) == 3


def test_the_spend_chart_is_the_plans_spend_against_its_caps() -> None:
    roadmap = small_roadmap()
    spend, caps = spend_and_caps(roadmap.portfolio, roadmap.plan)
    assert spend["amount"].sum() == sum(i.total_cost for i in roadmap.plan.funded)
    assert caps["fiscal_year"].tolist() == roadmap.portfolio.fiscal_years
    funds = chart_funds(roadmap.portfolio, roadmap.plan)
    assert funds[:len(roadmap.portfolio.funds)] == roadmap.portfolio.funds
    text = json.dumps(spend_vs_caps(spend, caps, funds).to_dict())
    assert "Capital spend" in text


def test_the_frontier_can_be_drawn_as_shares_of_todays_plan() -> None:
    table = pd.DataFrame({"capital_budget": [5e6, 1e7], "optimized": [4.0, 8.0],
                          "rank_and_cut": [3.0, 6.0], "greedy": [3.5, 7.0]})
    spec = frontier(table, 1e7, relative=True).to_dict()
    values = [row["value"] for rows in spec["datasets"].values() for row in rows
              if "value" in row]
    assert max(values) == 1.0 and min(values) == 3.0 / 8.0


def test_a_chart_renders_to_a_png_with_ink() -> None:
    roadmap = small_roadmap()
    spend, caps = spend_and_caps(roadmap.portfolio, roadmap.plan)
    png = to_png(spend_vs_caps(spend, caps), width=400, scale=1.0)
    image = Image.open(io.BytesIO(png)).convert("L")
    assert image.width >= 400
    histogram = image.histogram()
    assert sum(histogram[:200]) / sum(histogram) > 0.02
