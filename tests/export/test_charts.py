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


def _spend_charts(carry: bool) -> tuple[list[str], object]:
    from openpyxl import load_workbook

    from planner.export.workbook import export_workbook
    from tests.export.carry_over import carry_over_plan

    portfolio, plan, scores = carry_over_plan(carry)
    data = export_workbook(portfolio, plan, scores=scores)
    archive = zipfile.ZipFile(io.BytesIO(data))
    charts = [archive.read(n).decode() for n in archive.namelist()
              if n.startswith("xl/charts/chart")]
    return ([c for c in charts if "Planned spend by fund" in c],
            load_workbook(io.BytesIO(data))["By Fiscal Year"])


def test_with_carry_over_the_spend_chart_marks_the_budget_plus_what_was_carried_in() -> None:
    charts, sheet = _spend_charts(carry=True)
    assert len(charts) == 2
    titles = {r[0].row: r[0].value for r in sheet.iter_rows(max_col=1) if r[0].value}
    for chart in charts:
        assert "Capital budget (all funds)" in chart
        assert "Budget plus carried in (all funds)" in chart
        ranges = re.findall(r"<(?:c:)?f>'By Fiscal Year'!\$C\$(\d+):\$C\$(\d+)</(?:c:)?f>", chart)
        assert len(ranges) == 2  # the two lines read the all-funds column of two blocks
        blocks = [titles[int(first) - 2] for first, _ in ranges]
        assert blocks == ["Capital budget", "Money available (budget plus carried in)"]
        assert [sheet.cell(int(first), 1).value for first, _ in ranges] == ["FY2027"] * 2


def test_without_carry_over_the_spend_chart_has_only_the_cap_line() -> None:
    charts, _ = _spend_charts(carry=False)
    assert len(charts) == 2
    for chart in charts:
        assert "Capital budget (all funds)" in chart
        assert "carried in" not in chart
