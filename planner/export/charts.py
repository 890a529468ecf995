"""The workbook's charts: native Excel charts of spend per year stacked by fund against the
capital budget (and, with carry-over, the budget plus what was carried in) and of the
frontier; and pictures of the shared chart specifications (planner.export.chart_specs, the
ones the app draws and the brief prints), each with alt text that states its message.

A fund has the same colour in the native chart, the picture, the app and the brief.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

from openpyxl.chart import BarChart, LineChart, Reference, ScatterChart, Series
from openpyxl.chart.layout import Layout, ManualLayout
from openpyxl.chart.series import SeriesLabel
from openpyxl.drawing.fill import Blip
from openpyxl.drawing.geometry import PresetGeometry2D
from openpyxl.drawing.image import Image
from openpyxl.drawing.picture import PictureFrame
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
from openpyxl.drawing.xdr import XDRPositiveSize2D
from openpyxl.utils import column_index_from_string
from openpyxl.utils.units import cm_to_EMU, pixels_to_EMU
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from planner.export import styles as xs
from planner.export.chart_specs import (
    chart_funds,
    frontier,
    frontier_alt,
    fund_colours,
    spend_alt,
    spend_and_caps,
    spend_vs_caps,
    to_png,
)
from planner.export.context import ExportContext
from planner.export.safe_cells import clean_text, write_cell

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
    funds = [str(ws.cell(ranges.header_row, col).value)
             for col in range(ranges.first_fund_col, ranges.last_fund_col + 1)]
    colours = fund_colours(funds)  # the funds' own colours, as in the app and the brief
    for fund, series in zip(funds, bar.series, strict=True):
        colour = colours[fund].lstrip("#").upper()
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


def chart_picture(png: bytes, alt: str, *, width_cm: float = CHART_WIDTH_CM) -> Image:
    """A rendered chart as a picture for a sheet, with `alt` as its alternative text (the
    drawing's descr, which Excel shows as Alt Text and screen readers read)."""
    image = Image(io.BytesIO(png))
    ratio = image.height / image.width if image.width else 0.5
    image.width, image.height = (width_cm / 2.54 * 96, width_cm * ratio / 2.54 * 96)
    frame = PictureFrame()  # as openpyxl's own, with the alt text; the writer links it
    frame.nvPicPr.cNvPr.descr = alt
    frame.nvPicPr.cNvPr.name = alt.split(". ")[0][:250]
    frame.blipFill.blip = Blip(cstate="print")
    frame.spPr.prstGeom = PresetGeometry2D(prst="rect")
    frame.spPr.ln = None
    image.anchor = OneCellAnchor(ext=XDRPositiveSize2D(cm_to_EMU(width_cm),
                                                       cm_to_EMU(width_cm * ratio)))
    image.anchor.pic = frame
    return image


def place_picture(ws: Worksheet, picture: Image, row: int, column: str = "A") -> None:
    """Anchor a chart picture at a cell (its top-left corner), keeping its alt text."""
    anchor = picture.anchor
    anchor._from = AnchorMarker(col=column_index_from_string(column) - 1, row=row - 1,
                                colOff=pixels_to_EMU(0), rowOff=pixels_to_EMU(0))
    picture.anchor.pic.nvPicPr.cNvPr.id = len(ws._images) + len(ws._charts) + 1
    ws.add_image(picture)


CHARTS_SHEET = "Charts"
PICTURE_ROWS = 26  # rows of 15 points a picture of the chart width covers, about
SENTENCE_CHARS = 120  # a chart's sentence is cut into lines this long, under the picture's width
PRINT_LAST_COLUMN = "O"  # the picture's width, in columns of the default width


def write_charts(ws: Worksheet, ctx: ExportContext) -> None:
    """The Charts sheet: the app's and the brief's charts as pictures, each with its message
    as alt text and, above it, as a sentence anyone can read."""
    write_cell(ws, 1, 1, f"{ctx.city}: the plan in charts", xs.TITLE)
    row = 3
    spend, caps = spend_and_caps(ctx.portfolio, ctx.plan)
    pictures = [("Planned spend by fund against the capital budget", spend_alt(spend, caps),
                 spend_vs_caps(spend, caps, chart_funds(ctx.portfolio, ctx.plan)))]
    if ctx.frontier is not None and not ctx.frontier.empty:
        current = ctx.total_budget
        pictures.append(("Value captured as the capital budget changes",
                         frontier_alt(ctx.frontier, current),
                         frontier(ctx.frontier, current, relative=True)))
    for title, alt, chart in pictures:
        write_cell(ws, row, 1, title, xs.SECTION)
        for line in textwrap.wrap(alt, SENTENCE_CHARS):  # short lines: the page fits the chart
            row += 1
            write_cell(ws, row, 1, line, xs.NOTE)
        place_picture(ws, chart_picture(to_png(chart.properties(height=260), width=700),
                                        clean_text(alt)), row + 2)
        row += PICTURE_ROWS + 2
        ws.row_breaks.append(Break(id=row - 1))  # each chart and its words on a page
    ws.column_dimensions["A"].width = 12
    ws.print_area = f"A1:{PRINT_LAST_COLUMN}{row}"
    xs.print_setup(ws, scenario=ctx.scenario)
