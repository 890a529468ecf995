"""Native Excel charts: spend stacked by fund against the budget line, and the frontier."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from planner.export import styles as xs
from planner.export.charts import frontier_chart, spend_chart
from planner.export.plan_sheets import write_by_year
from tests.export.exported import blank_sheet, exported_workbook, small_context


@pytest.fixture(scope="module")
def exported() -> tuple:
    return exported_workbook()


def test_spend_chart_stacks_funds_and_draws_the_budget_line(exported) -> None:
    archive = zipfile.ZipFile(io.BytesIO(exported[1]))
    charts = [archive.read(n).decode() for n in archive.namelist()
              if n.startswith("xl/charts/chart")]
    spend = [c for c in charts if "Planned spend by fund" in c]
    assert len(spend) == 2  # on Roadmap and on By Fiscal Year
    for chart in spend:
        assert re.search(r'grouping val="stacked"', chart) and "lineChart>" in chart
        assert "Capital budget (all funds)" in chart
        assert "'By Fiscal Year'!" in chart


def test_the_spend_chart_has_one_stacked_series_per_fund_and_the_budget_line() -> None:
    ctx = small_context()
    ranges = write_by_year(blank_sheet("By Fiscal Year"), ctx, set())
    chart = spend_chart(ranges)
    assert chart.grouping == "stacked"
    assert len(chart.series) == len(ctx.funds)
    [line] = [c for c in chart._charts if c.tagname == "lineChart"]
    assert line.series[0].tx.v == "Capital budget (all funds)"
    assert chart.y_axis.scaling.min == 0


def test_the_frontier_chart_draws_one_line_per_plan() -> None:
    ws = blank_sheet()
    ws.append(["Budget", "Optimized", "Greedy"])
    for budget, best, greedy in [(1e6, 3.0, 2.0), (2e6, 5.0, 4.0)]:
        ws.append([budget, best, greedy])
    chart = frontier_chart(ws, 1, [2, 3], 1, 3, xs.MONEY_MILLIONS)
    assert len(chart.series) == 2
    assert chart.x_axis.numFmt.formatCode == xs.MONEY_MILLIONS
    assert chart.series[1].yVal.numRef.f == "'Sheet'!$C$2:$C$3"
