"""The app's grids edited cell by keyed cell, each edit returned with its plain words.

`edit_sheet` edits one table of the workspace (Import → Fix values), `edit_budget_grid` the
caps grid of the Budget & constraints page (fiscal years as rows, funds as columns), and
`edit_rows` any other record table (proposals, pins, stakeholders) whose rows are numbered.
Each returns the edited table and what changed in words, for the session's list of changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from planner.core import words
from planner.core.schema import SHEETS_BY_NAME, Kind, spend_column_year
from planner.values.units import header_unit
from planner.views.cells import apply_edits, row_cells, table_edits
from planner.views.edit_words import (
    TableWords,
    describe,
    fiscal_year_words,
    numbered,
    value_words,
)
from planner.views.inputs import STAFF
from planner.views.workspace import SheetInfo, Workspace


def _money_headers(sheet: str, mapping: dict[str, str]) -> frozenset[str]:
    """Headers of money columns in plain dollars (a '($K)' column's 12 is not "$12")."""
    spec = SHEETS_BY_NAME.get(sheet)
    money = set()
    for header, canonical in mapping.items():
        column = spec.column_index.get(canonical) if spec is not None else None
        is_money = (column is not None and column.kind is Kind.MONEY) or bool(
            spend_column_year(canonical))
        if is_money and not header_unit(header, canonical, True):
            money.add(header)
    return frozenset(money)


def _grid_words(info: SheetInfo) -> TableWords:
    """A budget grid's cell is one fund's one year: "FY2029 Federal Grant"."""
    first = info.headers[0] if info.headers else ""

    def row(number: int, cells: dict[str, Any]) -> str:
        label = cells.get(first)
        said = value_words(label)
        return f"{info.title} row {number}" + (f" ({said})" if label is not None else "")

    def cell(number: int, column: str, cells: dict[str, Any]) -> str:
        if column == first:
            return f"{row(number, cells)} {column}"
        if info.layout == "wide":
            year, fund = fiscal_year_words(column), cells.get(first)
        else:
            year, fund = fiscal_year_words(cells.get(first)), column
        return f"{year or column} {value_words(fund)}"

    return TableWords(row, cell, frozenset(info.headers[1:]))


def _budget_lines_words(info: SheetInfo, mapping: dict[str, str]) -> TableWords:
    """A long budget's row is one (fiscal year, fund): "Budget FY2028 Grants"."""
    header = {canonical: h for h, canonical in mapping.items()}
    fallback = numbered(info.title)

    def row(number: int, cells: dict[str, Any]) -> str:
        year = fiscal_year_words(cells.get(header.get("fiscal_year", "")))
        fund = cells.get(header.get("fund", ""))
        if year is None or fund is None:
            return fallback(number, cells)
        return f"{info.title} {year} {value_words(fund)}"

    return TableWords(row, money=_money_headers(info.name, mapping))


def sheet_words(workspace: Workspace, sheet: str) -> TableWords:
    """How the list of changes names the rows and cells of one table of the workspace."""
    info = workspace.sheets[sheet]
    mapping = workspace.mapping.get(sheet, {})
    if info.grid:
        return _grid_words(info)
    if sheet == "Budget":
        return _budget_lines_words(info, mapping)
    spec = SHEETS_BY_NAME.get(sheet)
    ident = next((h for h, c in mapping.items() if spec and c == spec.id_column), None)
    return TableWords(numbered(info.title, ident), money=_money_headers(sheet, mapping))


def edit_sheet(workspace: Workspace, sheet: str, delta: dict[str, Any], labels: Sequence[int]
               ) -> tuple[Workspace, str | None]:
    """Apply a data editor's delta to one table: exactly the cells, rows deleted and rows
    added it names. Returns the new workspace and the change in plain words (None when
    nothing changed)."""
    frame = workspace.frames[sheet]
    edits = table_edits(frame, delta, labels)
    if not edits:
        return workspace, None
    said = describe(edits, sheet_words(workspace, sheet), lambda row: row_cells(frame, row))
    return workspace.with_frame(sheet, apply_edits(frame, edits)), said


def edit_budget_grid(grid: pd.DataFrame, delta: dict[str, Any]
                     ) -> tuple[pd.DataFrame, str | None]:
    """Apply an edit of the caps grid (fiscal years as rows, funds and per-year limits as
    columns): "FY2029 Federal Grant: $0 → $100,000"."""
    edits = table_edits(grid, delta, [int(y) for y in grid.index])
    table = TableWords(lambda year, _: words.fy(year),
                       lambda year, column, _: f"{words.fy(year)} {column}",
                       frozenset(c for c in grid.columns if c != STAFF))
    said = describe(edits, table, lambda row: row_cells(grid, row))
    return apply_edits(grid, edits), said


def edit_rows(frame: pd.DataFrame, delta: dict[str, Any], *, title: str,
              id_column: str | None = None, money: Sequence[str] = ()
              ) -> tuple[pd.DataFrame, str | None]:
    """Apply an edit of a numbered record table: "Proposal row 3 (P-S-004) one_time_cost:
    $120,000 → $150,000"."""
    edits = table_edits(frame, delta, [int(i) for i in frame.index])
    table = TableWords(numbered(title, id_column), money=frozenset(money))
    said = describe(edits, table, lambda row: row_cells(frame, row))
    return apply_edits(frame, edits), said
