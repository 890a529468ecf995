"""Native Excel charts: spend per year stacked by fund against the capital budget (and, with
carry-over, the budget plus what was carried in); the frontier."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.chart import BarChart, LineChart, Reference, ScatterChart, Series
from openpyxl.chart.layout import Layout, ManualLayout
from openpyxl.chart.series import SeriesLabel
from openpyxl.worksheet.worksheet import Worksheet

from planner.export import styles as xs

CHART_WIDTH_CM = 24
CHART_HEIGHT_CM = 11
CARRIED_COLOUR = "ED7D31"  # the money available with carry-over, beside the red caps


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
    available_header_row: int | None = None  # budget plus carried in, with carry-over on


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
    _cap_line(line, ranges, ranges.budget_header_row, "Capital budget (all funds)", xs.RED,
              "dash", "diamond")
    if ranges.available_header_row is not None:
        _cap_line(line, ranges, ranges.available_header_row,
                  "Budget plus carried in (all funds)", CARRIED_COLOUR, "sysDot", "circle")
    line.set_categories(categories)
    bar += line
    _axes(bar, "Fiscal year", "Dollars", xs.MONEY_MILLIONS)
    bar.legend.position = "b"
    return bar


def _cap_line(line: LineChart, ranges: SpendRanges, header_row: int, title: str,
              colour: str, dash: str, marker: str) -> None:
    """One line over the all-funds column of a year block (the caps, or the money available)."""
    years = ranges.last_row - ranges.first_row + 1
    values = Reference(ranges.ws, min_col=ranges.budget_total_col, min_row=header_row + 1,
                       max_row=header_row + years)
    line.add_data(values, titles_from_data=False)
    series = line.series[-1]
    series.tx = SeriesLabel(v=title)
    series.graphicalProperties.line.solidFill = colour
    series.graphicalProperties.line.width = 28575  # 2.25 pt in EMU
    series.graphicalProperties.line.dashStyle = dash
    series.marker.symbol = marker
    series.marker.size = 7
    series.marker.graphicalProperties.solidFill = colour
    series.marker.graphicalProperties.line.solidFill = colour
    series.smooth = False


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
