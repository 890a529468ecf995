"""Laying out a sheet: titles, styled tables, frozen headers, fitted widths, highlights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.chart._chart import ChartBase
from openpyxl.formatting.rule import ColorScaleRule, DataBarRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from planner.export import styles as xs
from planner.export.chart_alt import ALT_ATTRIBUTE
from planner.export.safe_cells import cell_value, header_texts, table_name, write_cell

CHART_PAGE_ROWS = 20  # a chart anchored below this row goes to a printed page of its own
CHART_ROWS = 24  # rows of 15 points a chart of charts.CHART_HEIGHT_CM (11 cm) covers
WRAPPING = frozenset({xs.WRAP, xs.WRAP_COLUMN, xs.HEADER})
_NUMBER_STYLES = {
    xs.MONEY_CELL: 14, xs.PERCENT_CELL: 8, xs.INTEGER_CELL: 9, xs.DECIMAL_CELL: 11,
    xs.SCORE_CELL: 8, xs.PERCENT_FINE_CELL: 9, xs.DATE_CELL: 11, xs.DATETIME_CELL: 17,
    xs.YEAR_CELL: 8, xs.PLAIN_YEAR_CELL: 7, xs.COMPACT_MONEY_CELL: 9, xs.POINTS_CELL: 12,
    xs.RANK_CELL: 7,
}


@dataclass(frozen=True)
class Col:
    """One column to write: its header, values, named style and optional fixed width."""

    header: str
    values: Sequence[Any]
    style: str = xs.TEXT
    width: float | None = None
    styles: Sequence[str] | None = None  # per-row styles, overriding `style`


@dataclass
class Block:
    """Where a written table sits on its sheet."""

    header_row: int
    first_row: int
    last_row: int
    first_col: int
    headers: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """Number of data rows."""
        return self.last_row - self.first_row + 1

    def col(self, header: str) -> int:
        """Column number of a header."""
        return self.first_col + self.headers.index(header)

    def letter(self, header: str) -> str:
        """Column letter of a header."""
        return get_column_letter(self.col(header))

    def data_range(self, header: str) -> str:
        """A1 range of a column's data cells."""
        letter = self.letter(header)
        return f"{letter}{self.first_row}:{letter}{self.last_row}"


class SheetWriter:
    """Writes one sheet top to bottom and remembers the widths its content needs."""

    def __init__(self, ws: Worksheet, tables: set[str]) -> None:
        self.ws = ws
        self.tables = tables
        self.row = 1
        self.widths: dict[int, float] = {}
        # (row, column, text, width override): wrapped cells whose row must grow to fit,
        # since neither Excel nor LibreOffice reliably sizes rows of a generated file.
        self.wrapped: list[tuple[int, int, str, float | None, bool]] = []

    def _need(self, column: int, width: float) -> None:
        self.widths[column] = max(self.widths.get(column, 0.0), width)

    def wrap(self, row: int, column: int, text: str, width: float | None = None,
             bold: bool = False) -> None:
        """Remember a wrapped cell so that `fit` makes its row tall enough."""
        if text:
            self.wrapped.append((row, column, text, width, bold))

    def title(self, text: str, subtitle: str | None = None) -> None:
        """A title line and an optional subtitle, then a blank row."""
        write_cell(self.ws, self.row, 1, text, xs.TITLE)
        self.ws.row_dimensions[self.row].height = 24
        self.row += 1
        if subtitle:
            write_cell(self.ws, self.row, 1, subtitle, xs.SUBTITLE)
            self.row += 1
        self.row += 1

    def line(self, text: str, style: str = xs.TEXT, column: int = 1) -> int:
        """One line of text; returns its row."""
        write_cell(self.ws, self.row, column, text, style)
        self.row += 1
        return self.row - 1

    def paragraph(self, text: str, columns: int, width: float,
                  style: str = xs.PARAGRAPH) -> None:
        """Wrapped text across merged columns A.. of the given total width (characters)."""
        write_cell(self.ws, self.row, 1, text, style)
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row,
                            end_column=columns)
        self.wrap(self.row, 1, text, width)
        self.row += 1

    def skip(self, rows: int = 1) -> None:
        """Leave blank rows."""
        self.row += rows

    def table(self, columns: Sequence[Col], *, name: str | None = None, left: int = 1,
              header_style: str = xs.HEADER) -> Block:
        """Write a header row and columns of values; an Excel table when there is data."""
        headers = header_texts(c.header for c in columns)
        header_row = self.row
        count = max((len(c.values) for c in columns), default=0)
        for offset, (column, header) in enumerate(zip(columns, headers, strict=True)):
            number = left + offset
            write_cell(self.ws, header_row, number, header, header_style)
            if header_style in WRAPPING:
                self.wrap(header_row, number, header, bold=True)
            texts = []
            styles = column.styles or [column.style] * len(column.values)
            for index, value in enumerate(column.values):
                row = header_row + 1 + index
                value = cell_value(value)
                if (value is None or value == "") and styles[index] not in xs.DRAWN:
                    continue  # an empty unstyled cell adds only file size and time
                write_cell(self.ws, row, number, value, styles[index], normalized=True)
                if styles[index] in WRAPPING and isinstance(value, str):
                    self.wrap(row, number, value)
                if column.width is None and column.style not in _NUMBER_STYLES:
                    texts.append(_display(value))
            if column.width is not None:
                self._need(number, column.width)
            elif column.style in _NUMBER_STYLES:
                self._need(number, max(_NUMBER_STYLES[column.style],
                                       xs.fitted_width([], header)))
            else:
                self._need(number, xs.fitted_width(texts, header))
        block = Block(header_row, header_row + 1, header_row + count, left, headers)
        if count and name:
            ref = (f"{get_column_letter(left)}{header_row}:"
                   f"{get_column_letter(left + len(columns) - 1)}{header_row + count}")
            table = Table(displayName=table_name(name, self.tables), ref=ref,
                          autoFilter=AutoFilter(ref=ref))
            # Naming the columns here spares openpyxl reading them back from the sheet,
            # which creates every empty cell of the table's range.
            table.tableColumns = [TableColumn(id=i, name=h)
                                  for i, h in enumerate(headers, start=1)]
            table.tableStyleInfo = TableStyleInfo(name=xs.TABLE_STYLE, showRowStripes=True)
            self.ws.add_table(table)
        self.row = header_row + count + 1
        return block

    def pairs(self, items: Sequence[tuple[str, Any, str]], *, label_style: str = xs.LABEL,
              column: int = 1, span: tuple[int, float] | None = None) -> None:
        """Label/value rows; each item is (label, value, value style).

        With `span` (columns, total width), a long text value is wrapped across that many
        merged columns instead of running off the printed page.
        """
        for label, value, style in items:
            write_cell(self.ws, self.row, column, label, label_style)
            cell = write_cell(self.ws, self.row, column + 1, value, style)
            cell.alignment = xs.LEFT
            if span and isinstance(value, str) and len(value) > span[1] * 0.5:
                cell.alignment = xs.LEFT_TOP
                self.ws.merge_cells(start_row=self.row, start_column=column + 1,
                                    end_row=self.row, end_column=column + span[0])
                self.wrap(self.row, column + 1, value, span[1])
            elif style in WRAPPING and isinstance(value, str):
                self.wrap(self.row, column + 1, value)
            self._need(column, xs.fitted_width([label]))
            if style in _NUMBER_STYLES:
                self._need(column + 1, _NUMBER_STYLES[style] + 4)
            else:
                self._need(column + 1, xs.fitted_width([_display(value)]))
            self.row += 1

    def fit(self, minimum: dict[int, float] | None = None, fixed: bool = False) -> None:
        """Apply the widths the content needs (capped), never below the given minimums.

        With `fixed`, the given widths are used as they are (long text overflows to the right).
        """
        widths = {} if fixed else dict(self.widths)
        for number, width in (minimum or {}).items():
            widths[number] = max(widths.get(number, 0.0), width)
        xs.set_widths(self.ws, {get_column_letter(n): w for n, w in widths.items()})
        lines: dict[int, int] = {}
        for row, column, text, width, bold in self.wrapped:
            if width is None:
                width = self.ws.column_dimensions[get_column_letter(column)].width or 8.43
            lines[row] = max(lines.get(row, 1), xs.wrapped_lines(text, width, bold))
        for row, count in lines.items():
            if count > 1:
                height = xs.LINE_HEIGHT * count + 3
                current = self.ws.row_dimensions[row].height or 0
                self.ws.row_dimensions[row].height = max(current, height)


def place_chart(ws: Worksheet, chart: ChartBase, row: int, column: str = "A",
                own_page_after: int | None = CHART_PAGE_ROWS, *, alt: str) -> int:
    """Anchor a chart whose message in words is `alt` (its alt text, see chart_alt); far
    down a sheet it starts a printed page so it is never cut (the page starts one row above
    it, so its frame's top edge never prints at the foot of the page before). Returns the
    row it is anchored at."""
    setattr(chart, ALT_ATTRIBUTE, alt)
    if own_page_after is not None and row > own_page_after:
        ws.row_breaks.append(Break(id=row - 1))
        row += 1
    ws.add_chart(chart, f"{column}{row}")
    return row


def freeze(ws: Worksheet, block: Block, columns: int = 0) -> None:
    """Freeze the rows down to a table's header (and the first `columns` columns)."""
    ws.freeze_panes = f"{get_column_letter(block.first_col + columns)}{block.first_row}"


def data_bar(ws: Worksheet, cell_range: str, colour: str = xs.BLUE) -> None:
    """Data bars over a range (scores, shares)."""
    ws.conditional_formatting.add(
        cell_range, DataBarRule(start_type="min", end_type="max", color=colour))


def colour_scale(ws: Worksheet, cell_range: str) -> None:
    """White to blue colour scale over a range (contributions)."""
    ws.conditional_formatting.add(cell_range, ColorScaleRule(
        start_type="min", start_color=xs.WHITE, end_type="max", end_color="9BC2E6"))


def budget_scale(ws: Worksheet, cell_range: str) -> None:
    """Green to amber to red over a share of budget used (0% to 100%)."""
    ws.conditional_formatting.add(cell_range, ColorScaleRule(
        start_type="num", start_value=0, start_color="C6EFCE",
        mid_type="num", mid_value=0.8, mid_color="FFEB9C",
        end_type="num", end_value=1, end_color="FFC7CE"))


def _display(value: Any) -> str:
    value = cell_value(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)
