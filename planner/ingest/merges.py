"""Merged ranges, cut to the filled area before anything is filled.

A sheet's merges are counted while it is read (planner.ingest.xlsx_cells); here each range
is cut to the rows and columns that hold values, their cells are added up against
max_merged_cells, and only then is a vertically merged value copied down. A merge of
B2:XFD1048576 over a 50-row table costs 49 rows, not seventeen billion cells.
"""

from __future__ import annotations

from planner.ingest.limits import LimitPassed, Limits
from planner.ingest.xlsx_cells import SheetCells


def clip_merged(cells: SheetCells, limits: Limits) -> None:
    """Cut every merged range to the filled area (dropping those outside it), then refuse a
    sheet whose merges still cover more than max_merged_cells cells."""
    if not cells.rows:
        cells.merged = []
        return
    last_row = max(cells.rows)
    last_col = max(len(row) for row in cells.rows.values())
    clipped, area = [], 0
    for min_row, min_col, max_row, max_col in cells.merged:
        if min_row > last_row or min_col > last_col:
            continue
        # A range across columns stays across two at least: it marks a label row.
        max_row = min(max_row, last_row)
        max_col = min(max_col, max(last_col, min_col + 1)) if max_col > min_col else min_col
        if min_row > max_row or min_col > max_col:  # written backwards: only display
            continue
        clipped.append((min_row, min_col, max_row, max_col))
        area += (max_row - min_row + 1) * (max_col - min_col + 1)
    cells.merged = clipped
    if area > limits.max_merged_cells:
        raise LimitPassed(f"has merged ranges covering {area:,} cells of its filled area",
                          "max_merged_cells")


def fill_merged(cells: SheetCells) -> None:
    """Copy a vertically merged value into every row of its range, as the user sees it
    (ranges already cut to the filled area by `clip_merged`)."""
    for min_row, min_col, max_row, _ in cells.merged:
        if max_row == min_row:
            continue
        top = cells.rows.get(min_row)
        value = top[min_col - 1] if top and min_col <= len(top) else None
        if value is None:
            continue
        for number in range(min_row + 1, max_row + 1):
            row = cells.rows.setdefault(number, [])
            if len(row) < min_col:
                row.extend([None] * (min_col - len(row)))
            if row[min_col - 1] is None:
                row[min_col - 1] = value
