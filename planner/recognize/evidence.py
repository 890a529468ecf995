"""Content evidence: how well the cells under a header read as a column's kind of value."""

from __future__ import annotations

from typing import Any

from planner.core.schema import Kind
from planner.values.parse import CellError, is_missing, parse_cell

SAMPLE_CELLS = 50  # cells under a header looked at, from the top of the table
_FREE = (Kind.TEXT, Kind.LIST)  # anything reads as text: only numbers say it is not


def content_fit(kind: Kind, cells: list[Any]) -> float | None:
    """Share (0-1) of the non-blank cells readable as `kind`; None when there are too few."""
    present = [c for c in cells[:SAMPLE_CELLS] if not is_missing(c)]
    if len(present) < 2:
        return None
    if kind in _FREE:
        numeric = sum(isinstance(c, int | float) and not isinstance(c, bool) for c in present)
        return 1.0 - numeric / len(present) if kind is Kind.TEXT else 1.0
    if kind is Kind.ID:
        return len({str(c).strip() for c in present}) / len(present)
    readable = 0
    for cell in present:
        try:
            parse_cell(kind, cell)
        except CellError:
            continue
        readable += 1
    return readable / len(present)
