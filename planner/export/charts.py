"""Native Excel charts: spend per year stacked by fund against the capital budget; frontier."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.chart import BarChart, LineChart, Reference, ScatterChart, Series
from openpyxl.chart.layout import Layout, ManualLayout
from openpyxl.chart.series import SeriesLabel
from openpyxl.worksheet.worksheet import Worksheet

from planner.export import styles as xs

CHART_WIDTH_CM = 24
CHART_HEIGHT_CM = 11


@dataclass(frozen=True)
class SpendRanges:
    """Where the spend-by-fund and budget-total figures sit on the By Fiscal Year sheet."""

    ws: Worksheet
    header_row: int
    first_row: int
    last_row: int
    label_col: int
    first_fund_col: int
    last_fund_col: int
    budget_header_row: int
    budget_total_col: int


def spend_chart(ranges: SpendRanges) -> BarChart:
    """Columns of planned spend per fiscal year stacked by fund, with a budget line."""
    ws = ranges.ws
    bar = BarChart()
    bar.type = "col"
    bar.grouping = "stacked"
    bar.overlap = 100
    bar.gapWidth = 60
    bar.title = "Planned spend by fund against the capital budget"
    data = Reference(ws, min_col=ranges.first_fund_col, max_col=ranges.last_fund_col,
                     min_row=ranges.header_row, max_row=ranges.last_row)
    categories = Reference(ws, min_col=ranges.label_col, min_row=ranges.first_row,
                           max_row=ranges.last_row)
    bar.add_data(data, titles_from_data=True)
    bar.set_categories(categories)
    for index, series in enumerate(bar.series):
        colour = xs.SERIES_COLOURS[index % len(xs.SERIES_COLOURS)]
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    line = LineChart()
    budget_rows = ranges.last_row - ranges.first_row
    cap = Reference(ws, min_col=ranges.budget_total_col, min_row=ranges.budget_header_row,
                    max_row=ranges.budget_header_row + 1 + budget_rows)
    line.add_data(cap, titles_from_data=True)
    line.set_categories(categories)
    cap_series = line.series[0]
    cap_series.tx = SeriesLabel(v="Capital budget (all funds)")
    cap_series.graphicalProperties.line.solidFill = xs.RED
    cap_series.graphicalProperties.line.width = 28575  # 2.25 pt in EMU
    cap_series.graphicalProperties.line.dashStyle = "dash"
    cap_series.marker.symbol = "diamond"
    cap_series.marker.size = 7
    cap_series.marker.graphicalProperties.solidFill = xs.RED
    cap_series.marker.graphicalProperties.line.solidFill = xs.RED
    cap_series.smooth = False
    bar += line
    _axes(bar, "Fiscal year", "Dollars", xs.MONEY_MILLIONS)
    bar.legend.position = "b"
    return bar


def frontier_chart(ws: Worksheet, x_col: int, y_cols: list[int], header_row: int,
                   last_row: int, x_format: str) -> ScatterChart:
    """Value captured as the budget changes (the budget frontier): one line per plan."""
    chart = ScatterChart(scatterStyle="lineMarker")
    chart.title = "Value captured as the capital budget changes"
    xs_ref = Reference(ws, min_col=x_col, min_row=header_row + 1, max_row=last_row)
    for index, y_col in enumerate(y_cols):
        ys_ref = Reference(ws, min_col=y_col, min_row=header_row, max_row=last_row)
        series = Series(ys_ref, xs_ref, title_from_data=True)
        colour = (xs.NAVY, "ED7D31", "A5A5A5", "FFC000")[index % 4]
        series.marker.symbol = "circle"
        series.smooth = False  # straight segments: the points are the computed plans
        series.marker.graphicalProperties.solidFill = colour
        series.marker.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
        chart.series.append(series)
    _axes(chart, "Capital budget", "Value captured", "General")
    chart.x_axis.numFmt = x_format
    chart.legend.position = "b"
    return chart


def _axes(chart: BarChart | ScatterChart, x_title: str, y_title: str, y_format: str) -> None:
    chart.width = CHART_WIDTH_CM
    chart.height = CHART_HEIGHT_CM
    chart.x_axis.title = x_title
    chart.y_axis.title = y_title
    chart.y_axis.numFmt = y_format
    chart.y_axis.scaling.min = 0  # spend and value start at zero, not at the data's minimum
    # openpyxl 3.1 marks axes deleted unless told otherwise; Excel then hides them.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.layout = Layout(manualLayout=ManualLayout(x=0.08, y=0.1, w=0.88, h=0.62))
