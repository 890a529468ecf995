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


def test_the_native_spend_chart_gives_each_fund_its_own_colour() -> None:
    from planner.export.chart_specs import fund_colours

    ctx = small_context()
    ranges = write_by_year(blank_sheet("By Fiscal Year"), ctx, set())
    chart = spend_chart(ranges)
    colours = fund_colours(ctx.funds)
    found = [str(s.graphicalProperties.solidFill.srgbClr) for s in chart.series]
    assert found == [colours[f].lstrip("#").upper() for f in ctx.funds]


def _saved(workbook) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return zipfile.ZipFile(buffer)


def test_a_chart_picture_keeps_its_alt_text_in_the_saved_workbook() -> None:
    from openpyxl import load_workbook

    from planner.export.chart_specs import spend_and_caps, spend_vs_caps, to_png
    from planner.export.charts import chart_picture, place_picture

    ctx = small_context()
    ws = blank_sheet("Charts")
    spend, caps = spend_and_caps(ctx.portfolio, ctx.plan)
    alt = "Stacked bar chart of spend. Spending peaks in FY2028 & <stays> within budget."
    place_picture(ws, chart_picture(to_png(spend_vs_caps(spend, caps), width=300, scale=1),
                                    alt), 4, "B")
    buffer = io.BytesIO()
    ws.parent.save(buffer)
    archive = zipfile.ZipFile(buffer)
    [drawing] = [n for n in archive.namelist() if n.startswith("xl/drawings/drawing")
                 and n.endswith(".xml")]
    xml = archive.read(drawing).decode()
    assert 'descr="Stacked bar chart of spend. Spending peaks in FY2028 &amp; &lt;stays&gt;' in xml
    assert "<col>1</col>" in xml and "<row>3</row>" in xml
    assert any(n.startswith("xl/media/image") for n in archive.namelist())
    assert len(load_workbook(buffer)["Charts"]._images) == 1


def test_the_charts_sheet_shows_each_chart_with_its_message_in_words() -> None:
    import pandas as pd

    from planner.export.charts import write_charts

    frontier = pd.DataFrame({"scale": [0.9, 1.0, 1.1], "capital_budget": [9e6, 1e7, 1.1e7],
                             "optimized": [9.0, 10.0, 10.5], "rank_and_cut": [7.0, 8.0, 8.5],
                             "greedy": [8.0, 9.0, 9.5], "funded": [8, 9, 10]})
    ctx = small_context(frontier=frontier)
    ws = blank_sheet("Charts")
    write_charts(ws, ctx)
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts[0].endswith(": the plan in charts")
    assert "Planned spend by fund against the capital budget" in texts
    assert any(t.startswith("Stacked bar chart of planned capital spend") for t in texts)
    words = " ".join(texts)
    assert "10% less capital, 90% of today's value" in words
    assert max(len(t) for t in texts) <= 120  # lines that fit the printed page
    assert ws.print_area and len(ws.row_breaks.brk) == 2
    assert len(ws._images) == 2
    archive = _saved(ws.parent)
    [xml] = [archive.read(n).decode() for n in archive.namelist()
             if n.startswith("xl/drawings/drawing") and n.endswith(".xml")]
    assert xml.count("descr=") == 2
