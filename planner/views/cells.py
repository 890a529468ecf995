"""Edits of the user's tables, each addressed by the cell it changes.

Every table the app edits is indexed by a stable row key (the row number the user sees in
their spreadsheet, a fiscal year, or a record number) and its columns are the user's own
headers, so a cell is keyed by (row, column) whatever the table's layout: a wide budget keeps
its funds as rows and its fiscal years as columns, and the cell (Federal Grant's row,
'FY2029') is that fund's FY2029 amount alone. A data editor reports its changes by position;
`table_edits` turns them into keyed edits once, with the row keys of the rows the editor
showed, and `apply_edits` writes exactly those cells, deletes exactly those rows and appends
exactly the rows added. `planner.views.edit_words` says each edit in plain words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class CellEdit:
    """One cell changed: its row key, its column header, its value before and after."""

    row: int
    column: str
    before: Any
    after: Any


@dataclass(frozen=True)
class RowDeleted:
    """One row removed, with the cells it held (for its description and for undo)."""

    row: int
    cells: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RowAdded:
    """One row appended under a new row key, with the cells typed into it."""

    row: int
    cells: dict[str, Any] = field(default_factory=dict)


Edit = CellEdit | RowDeleted | RowAdded


def plain(value: Any) -> Any:
    """A cell as a plain Python value: None for every kind of blank, numbers unboxed."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def typed(column: pd.Series, value: Any) -> Any:
    """An editor value in the column's type (the editor sends JSON: numbers, text, booleans)."""
    if value is None or value == "":
        return None
    dtype = str(column.dtype)
    if dtype in ("bool", "boolean"):
        return value if isinstance(value, bool) else str(value).strip().lower() in (
            "true", "yes", "1")
    if dtype in ("Int64", "Float64", "float64", "int64"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return value
        return int(number) if dtype in ("Int64", "int64") and number.is_integer() else number
    return value


def _same(before: Any, after: Any) -> bool:
    if before is None or after is None:
        return before is None and after is None
    if isinstance(before, bool) != isinstance(after, bool):
        return False
    return type(before) is type(after) and before == after or (
        isinstance(before, int | float) and isinstance(after, int | float)
        and float(before) == float(after))


def row_cells(frame: pd.DataFrame, row: int) -> dict[str, Any]:
    """The cells of one row, by column header, as plain values."""
    return {str(c): plain(v) for c, v in frame.loc[row].items()}


def next_row(frame: pd.DataFrame) -> int:
    """The row key an appended row gets: one past the last (2 in an empty table, under its
    header)."""
    return int(max(frame.index.max() if len(frame) else 1, 1)) + 1


def table_edits(frame: pd.DataFrame, delta: dict[str, Any], labels: Sequence[int]
                ) -> list[Edit]:
    """The keyed edits a data editor's delta makes to a table.

    `labels` are the row keys of the rows the editor showed, in order (the editor reports
    positions). Cells set to the value they had are not edits. Raises ValueError when the
    table's row keys are not unique, since an edit could then not name one cell.
    """
    if not frame.index.is_unique:
        raise ValueError("A table's rows must have unique row keys to be edited.")
    edits: list[Edit] = []
    for position, changes in sorted((delta.get("edited_rows") or {}).items(),
                                    key=lambda item: int(item[0])):
        row = _label(labels, position, frame)
        for column, value in (changes or {}).items() if row is not None else ():
            if column not in frame.columns:
                continue
            before, after = plain(frame.at[row, column]), typed(frame[column], value)
            if not _same(before, after):
                edits.append(CellEdit(row, str(column), before, after))
    for position in delta.get("deleted_rows") or []:
        row = _label(labels, position, frame)
        if row is not None:
            edits.append(RowDeleted(row, row_cells(frame, row)))
    number = next_row(frame)
    for added in delta.get("added_rows") or []:
        cells = {str(c): typed(frame[c], added.get(c)) for c in frame.columns}
        if any(v is not None for v in cells.values()):
            edits.append(RowAdded(number, cells))
            number += 1
    return edits


def _label(labels: Sequence[int], position: Any, frame: pd.DataFrame) -> int | None:
    index = int(position)
    if not 0 <= index < len(labels) or labels[index] not in frame.index:
        return None
    return int(labels[index])


def _set(frame: pd.DataFrame, row: int, column: str, value: Any) -> None:
    try:
        frame.loc[row, column] = value
    except (TypeError, ValueError):  # text typed into a number column: keep it as text
        frame[column] = frame[column].astype(object)
        frame.loc[row, column] = value


def apply_edits(frame: pd.DataFrame, edits: Sequence[Edit]) -> pd.DataFrame:
    """A copy of the table with exactly these cells changed, rows deleted and rows added."""
    result = frame.copy()
    for edit in edits:
        if isinstance(edit, CellEdit) and edit.row in result.index:
            _set(result, edit.row, edit.column, edit.after)
    deleted = [e.row for e in edits if isinstance(e, RowDeleted) and e.row in result.index]
    result = result.drop(index=deleted)
    added = [e for e in edits if isinstance(e, RowAdded)]
    if added:
        new = pd.DataFrame([{c: e.cells.get(str(c)) for c in frame.columns} for e in added],
                           columns=frame.columns, dtype=object)
        new.index = pd.Index([e.row for e in added], name=frame.index.name, dtype="int64")
        new = new.astype(frame.dtypes.to_dict(), errors="ignore")
        result = pd.concat([result, new]) if len(result) else new
    return result


def apply_delta(frame: pd.DataFrame, delta: dict[str, Any], labels: Sequence[int]
                ) -> pd.DataFrame:
    """Apply a data editor's edit state to the canonical table, cell by keyed cell.

    `labels` are the row keys of the rows the editor showed, in order.
    """
    return apply_edits(frame, table_edits(frame, delta, labels))
