"""Small readings of raw rows shared by every layout: header text, totals and section labels."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from planner.values import clean_text, is_missing

TOTALS = re.compile(r"^(grand\s+|sub-?\s*)?totals?\b|^sum\b|^sum\s+of\b", re.IGNORECASE)


def header_text(cell: Any) -> str:
    """A header cell as text: 2027.0 -> '2027', a date -> its ISO form, blank -> ''."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    return clean_text(cell)


def is_totals_label(cell: Any) -> bool:
    """True for 'Total', 'TOTALS', 'Grand total', 'Subtotal', 'Sum of ...'."""
    return isinstance(cell, str) and bool(TOTALS.match(clean_text(cell)))


def first_present(cells: list[Any]) -> tuple[int, Any] | None:
    """Position and value of the first non-blank cell of a row."""
    for index, cell in enumerate(cells):
        if not is_missing(cell):
            return index, cell
    return None


def shown(value: Any) -> Any:
    """A cell value as it goes into an issue (text trimmed, long text cut)."""
    if isinstance(value, str):
        text = clean_text(value)
        return text if len(text) <= 80 else text[:77] + "..."
    return value


def merged_label_rows(merged: tuple[tuple[int, int, int, int], ...]) -> set[int]:
    """Rows covered by a merge across two or more columns (group labels such as a department)."""
    rows: set[int] = set()
    for min_row, min_col, max_row, max_col in merged:
        if max_col > min_col:
            rows.update(range(min_row, max_row + 1))
    return rows
