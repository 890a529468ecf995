"""The roadmap workbook's look, defined once: number formats, named styles, print setup."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from planner.core.words import MONEY_COMPACT_FORMAT, MONEY_FULL_FORMAT, POINTS_FORMAT
from planner.export.safe_cells import header_footer_text

# Number formats: money is stored as plain numbers and shown in the two forms
# planner.core.words defines for all text, whole dollars or compact ($2.5M, $850K).
MONEY = MONEY_FULL_FORMAT
MONEY_COMPACT = MONEY_COMPACT_FORMAT
MONEY_MILLIONS = '"$"#,##0.0,,"M"'  # chart axes only (a scale, not a figure)
POINTS = POINTS_FORMAT
PERCENT = "0.0%"
PERCENT_FINE = "0.00%"
INTEGER = "#,##0"
DECIMAL = "#,##0.00"
SCORE = "0.000"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"
FISCAL_YEAR = '"FY"0'
YEAR = "0"

FONT_NAME = "Calibri"
NAVY = "1F4E79"
BLUE = "2E75B6"
PALE_BLUE = "DDEBF7"
PALE_GREY = "F2F2F2"
GREY = "595959"
RED = "C00000"
GREEN = "548235"
WHITE = "FFFFFF"
# Fund colours for the spend chart: distinct in colour and when printed in grey.
SERIES_COLOURS = ("1F4E79", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478",
                  "9E480E", "636363", "997300")

MIN_WIDTH = 8
MAX_WIDTH = 60
LINE_HEIGHT = 13.5  # points per line of 10-point text
# Width (in characters) one landscape page holds before fit-to-width shrinks text below
# about 70%; wider sheets print across more pages instead.
PAGE_CHARS = 200
LEFT_TOP = Alignment(horizontal="left", vertical="top", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="top")
CENTRE = Alignment(horizontal="center", vertical="top")
TABLE_STYLE = "TableStyleMedium2"

_THIN = Side(style="thin", color="BFBFBF")
_NAVY_LINE = Side(style="medium", color=NAVY)

# Named style names (what a cell's `style` is set to).
TITLE = "Planner Title"
SUBTITLE = "Planner Subtitle"
SECTION = "Planner Section"
HEADER = "Planner Header"
TEXT = "Planner Text"
WRAP = "Planner Wrap"
WRAP_COLUMN = "Planner Wrap Column"  # wrapped text beside other text: indented from its left
LABEL = "Planner Label"
NOTE = "Planner Note"
PARAGRAPH = "Planner Paragraph"
MONEY_CELL = "Planner Money"
COMPACT_MONEY_CELL = "Planner Money Compact"
POINTS_CELL = "Planner Points"
RANK_CELL = "Planner Rank"
PERCENT_CELL = "Planner Percent"
PERCENT_FINE_CELL = "Planner Percent Fine"
FLAG = "Planner Flag"
INTEGER_CELL = "Planner Integer"
DECIMAL_CELL = "Planner Decimal"
SCORE_CELL = "Planner Score"
DATE_CELL = "Planner Date"
DATETIME_CELL = "Planner Date Time"
YEAR_CELL = "Planner Fiscal Year"
PLAIN_YEAR_CELL = "Planner Year"
TOTAL_LABEL = "Planner Total Label"
TOTAL_MONEY = "Planner Total Money"
TOTAL_PERCENT = "Planner Total Percent"
HEADLINE = "Planner Headline"
HEADLINE_MONEY = "Planner Headline Money"
HEADLINE_POINTS = "Planner Headline Points"
HEADLINE_PERCENT = "Planner Headline Percent"
GANTT_BAR = "Planner Gantt Bar"
GANTT_SPAN = "Planner Gantt Span"
GANTT_EMPTY = "Planner Gantt Empty"


@dataclass(frozen=True)
class StyleSpec:
    """One named style as plain values (openpyxl objects are built per workbook)."""

    name: str
    number_format: str = "General"
    bold: bool = False
    italic: bool = False
    size: float = 10
    colour: str = "000000"
    fill: str | None = None
    wrap: bool = False
    horizontal: str | None = None
    vertical: str = "top"
    border_top: bool = False
    border_bottom: bool = False
    grid: bool = False
    indent: int = 0

    def build(self) -> NamedStyle:
        """A fresh openpyxl NamedStyle (each workbook binds its own)."""
        top = _NAVY_LINE if self.border_top else (_THIN if self.grid else Side())
        bottom = _NAVY_LINE if self.border_bottom else (_THIN if self.grid else Side())
        side = _THIN if self.grid else Side()
        return NamedStyle(
            name=self.name,
            number_format=self.number_format,
            font=Font(name=FONT_NAME, bold=self.bold, italic=self.italic, size=self.size,
                      color=self.colour),
            fill=PatternFill("solid", fgColor=self.fill) if self.fill else PatternFill(),
            alignment=Alignment(wrap_text=self.wrap, horizontal=self.horizontal,
                                vertical=self.vertical, indent=self.indent),
            border=Border(top=top, bottom=bottom, left=side, right=side),
        )


STYLES: tuple[StyleSpec, ...] = (
    StyleSpec(TITLE, bold=True, size=16, colour=NAVY, vertical="center"),
    StyleSpec(SUBTITLE, italic=True, size=11, colour=GREY),
    StyleSpec(SECTION, bold=True, size=12, colour=NAVY, border_bottom=True),
    StyleSpec(HEADER, bold=True, colour=WHITE, fill=NAVY, wrap=True, vertical="center"),
    StyleSpec(TEXT),
    StyleSpec(WRAP, wrap=True),
    StyleSpec(WRAP_COLUMN, wrap=True, horizontal="left", indent=1),
    StyleSpec(LABEL, bold=True),
    StyleSpec(NOTE, italic=True, colour=GREY),
    StyleSpec(PARAGRAPH, size=11, wrap=True),
    StyleSpec(MONEY_CELL, MONEY),
    StyleSpec(COMPACT_MONEY_CELL, MONEY_COMPACT),
    StyleSpec(POINTS_CELL, POINTS),
    # centred, so a rank never runs into the text of the cell beside it
    StyleSpec(RANK_CELL, INTEGER, horizontal="center"),
    StyleSpec(PERCENT_CELL, PERCENT),
    StyleSpec(PERCENT_FINE_CELL, PERCENT_FINE),
    StyleSpec(FLAG, horizontal="center"),
    StyleSpec(INTEGER_CELL, INTEGER),
    StyleSpec(DECIMAL_CELL, DECIMAL),
    StyleSpec(SCORE_CELL, SCORE),
    StyleSpec(DATE_CELL, DATE, horizontal="left"),
    StyleSpec(DATETIME_CELL, DATETIME, horizontal="left"),
    StyleSpec(YEAR_CELL, FISCAL_YEAR, horizontal="left"),
    StyleSpec(PLAIN_YEAR_CELL, YEAR, horizontal="left"),
    StyleSpec(TOTAL_LABEL, bold=True, border_top=True),
    StyleSpec(TOTAL_MONEY, MONEY, bold=True, border_top=True),
    StyleSpec(TOTAL_PERCENT, PERCENT, bold=True, border_top=True),
    StyleSpec(HEADLINE, bold=True, size=12, colour=NAVY, horizontal="left"),
    StyleSpec(HEADLINE_MONEY, MONEY_COMPACT, bold=True, size=12, colour=NAVY,
              horizontal="left"),
    StyleSpec(HEADLINE_POINTS, POINTS, bold=True, size=12, colour=NAVY, horizontal="left"),
    StyleSpec(HEADLINE_PERCENT, PERCENT, bold=True, size=12, colour=NAVY, horizontal="left"),
    StyleSpec(GANTT_BAR, MONEY_COMPACT, bold=True, size=9, colour=WHITE, fill=BLUE,
              horizontal="center", vertical="center", grid=True),
    StyleSpec(GANTT_SPAN, MONEY_COMPACT, size=9, colour=NAVY, fill=PALE_BLUE,
              horizontal="center", vertical="center", grid=True),
    StyleSpec(GANTT_EMPTY, MONEY_COMPACT, size=9, colour=GREY, horizontal="center",
              vertical="center", grid=True),
)
STYLE_NAMES = frozenset(spec.name for spec in STYLES)
# Styles that show something (fill or border) even in an empty cell.
DRAWN = frozenset(spec.name for spec in STYLES if spec.fill or spec.grid or spec.border_top
                  or spec.border_bottom)


def register_styles(workbook: Workbook) -> None:
    """Add every named style to the workbook once (a second call changes nothing)."""
    present = set(workbook.named_styles)
    for spec in STYLES:
        if spec.name not in present:
            workbook.add_named_style(spec.build())


def set_widths(ws: Worksheet, widths: dict[str, float]) -> None:
    """Set column widths (in characters) by column letter, capped to a readable range."""
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, width))


def fitted_width(texts: list[str], header: str = "", minimum: int = MIN_WIDTH) -> float:
    """Width that fits the longest line of the values and the header, capped."""
    longest = max((len(line) for t in texts for line in t.split("\n")), default=0)
    header_words = max((len(w) for w in header.split()), default=0)
    width = max(longest * 1.1 + 2, header_words + 3, minimum)
    return min(MAX_WIDTH, width)


def wrapped_lines(text: str, width: float, bold: bool = False) -> int:
    """Lines a wrapped text needs in a column of the given width (in characters)."""
    # Column widths count digits of 11-point Calibri; 10-point prose fits about 1.39 times as
    # many characters, 1.3 with an indent and long words breaking early (measured on
    # LibreOffice's PDF output: at 1.35 an indented cell's fourth line ran into the next
    # row), bold headers about 1.1.
    per_line = max(1, int(width * (1.1 if bold else 1.3)) - 1)
    lines = 0
    for paragraph in text.split("\n"):
        count, used = 1, 0
        for word in paragraph.split(" "):
            size = len(word)
            if used and used + 1 + size > per_line:
                count, used = count + 1, size
            else:
                used += size + (1 if used else 0)
            while used > per_line:  # a word longer than the line breaks mid-word
                count, used = count + 1, used - per_line
        lines += count
    return lines


def total_width(ws: Worksheet) -> float:
    """Sum of the sheet's used column widths, in characters (8.43 when unset)."""
    return sum((ws.column_dimensions[letter].width or 8.43)
               for letter in _used_letters(ws))


def _used_letters(ws: Worksheet) -> list[str]:
    return [get_column_letter(c) for c in range(1, (ws.max_column or 1) + 1)]


def print_setup(ws: Worksheet, *, scenario: str, title_rows: str | None = None,
                title_cols: str | None = None, landscape: bool = True,
                pages_tall: int = 0) -> None:
    """Landscape, fit to page width, repeated header rows, page numbers and scenario."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    pages_wide = max(1, -(-int(total_width(ws)) // PAGE_CHARS))
    ws.page_setup.fitToWidth = pages_wide
    if pages_wide > 1 and title_cols:
        ws.print_title_cols = title_cols
    ws.page_setup.fitToHeight = pages_tall  # 0: as many pages tall as needed
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.left.text = header_footer_text(scenario)
    ws.oddFooter.left.size = 8
    ws.oddFooter.center.text = "Page &P of &N"
    ws.oddFooter.center.size = 8
    ws.oddFooter.right.text = "&A"  # the sheet's name
    ws.oddFooter.right.size = 8
