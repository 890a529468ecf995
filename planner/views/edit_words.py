"""Each edit of a table said in plain words, for the session's list of changes.

"FY2029 Federal Grant: — → $0", "Systems row 12 (S-004) annual_om_cost: $12,000 →
$15,000", "Deleted Budget FY2028 Grants". A `TableWords` knows how one table names its rows
and cells (by the user's sheet title, row number and id; a budget cell by its fiscal year and
fund) and which of its columns hold money; `describe` words a list of edits with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.core import words
from planner.recognize.budget_layout import header_fiscal_year
from planner.views.cells import CellEdit, Edit, RowAdded, RowDeleted
from planner.views.history import ARROW, BLANK, joined

DASHES = frozenset({"", "-", "–", "—"})  # a cell holding only a dash reads as blank
MAX_TEXT = 40
PLAIN_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")


def value_words(value: Any, *, money: bool = False) -> str:
    """A cell's value as the list of changes shows it: $15,000, 2029, yes, 'Permits online'."""
    if value is None or (isinstance(value, str) and value.strip() in DASHES):
        return BLANK
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        if money:
            return words.money_full(float(value))
        return str(int(value)) if float(value).is_integer() else f"{value:g}"
    text = " ".join(str(value).split())
    if money and PLAIN_NUMBER.match(text):  # a number typed into a column held as text
        return words.money_full(float(text.replace(",", "")))
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


def fiscal_year_words(value: Any) -> str | None:
    """'FY2029' for a fiscal year written as 2029, 'FY29' or 'FY 2029 Adopted'; else None."""
    year = header_fiscal_year(value)
    return words.fy(year) if year is not None else None


Namer = Callable[[int, dict[str, Any]], str]
CellNamer = Callable[[int, str, dict[str, Any]], str]


@dataclass(frozen=True)
class TableWords:
    """How one table names its rows ("Systems row 12 (S-004)") and its cells."""

    row: Namer
    cell: CellNamer | None = None  # default: the row's words, then the column header
    money: Collection[str] = field(default_factory=frozenset)

    def cell_words(self, row: int, column: str, cells: dict[str, Any]) -> str:
        """What one cell is called."""
        if self.cell is not None:
            return self.cell(row, column, cells)
        return f"{self.row(row, cells)} {column}"


def numbered(title: str, id_column: str | None = None) -> Namer:
    """Rows named by the sheet title, the row number and the row's id when it has one."""
    def name(row: int, cells: dict[str, Any]) -> str:
        ident = cells.get(id_column) if id_column else None
        said = value_words(ident) if ident is not None else BLANK
        return f"{title} row {row}" + (f" ({said})" if said != BLANK else "")
    return name


def describe(edits: Sequence[Edit], table: TableWords,
             before: Callable[[int], dict[str, Any]]) -> str | None:
    """The edits in plain words, the first few one by one; None when there are none.

    `before` gives a row's cells as they were before the edits (for deleted and added rows
    the edit carries its own cells).
    """
    parts = [_one(edit, table, before) for edit in edits]
    return joined(parts) if parts else None


def _one(edit: Edit, table: TableWords, before: Callable[[int], dict[str, Any]]) -> str:
    if isinstance(edit, CellEdit):
        money = edit.column in table.money
        return (f"{table.cell_words(edit.row, edit.column, before(edit.row))}: "
                f"{value_words(edit.before, money=money)} {ARROW} "
                f"{value_words(edit.after, money=money)}")
    verb = "Deleted" if isinstance(edit, RowDeleted) else "Added"
    assert isinstance(edit, RowDeleted | RowAdded)
    return f"{verb} {table.row(edit.row, edit.cells)}"
