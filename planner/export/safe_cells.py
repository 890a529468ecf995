"""Safe cell writing: user text stays text, never a formula, and always fits in a cell.

The sanitization applied to every string, documented once here and relied on by the tests:
characters XML 1.0 cannot hold are removed (C0 controls other than tab and line feed,
lone surrogates, U+FFFE and U+FFFF), carriage returns become line feeds (an XML reader
turns them into line feeds anyway), bidirectional embedding, override and isolate controls
(U+202A-U+202E, U+2066-U+2069, which reorder how text displays: 'invoice\u202efdp.exe')
are shown as a visible mark such as [U+202E], and the text is cut at Excel's
32,767-character limit.

Nothing is altered silently: every cell `set_text` changes (cut, control characters
removed, bidirectional controls marked) is remembered with its sheet, row and column, and
`write_cell_changes` lists them on a "Changed Cells" sheet at the end of the workbook.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any
from weakref import WeakKeyDictionary

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

MAX_CELL_CHARS = 32_767
MAX_SHEET_TITLE = 31
MAX_TABLE_NAME = 255
# A spreadsheet application evaluates text starting with these when a user edits the cell
# or when the value travels through CSV (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
_TABLE_CHARS = re.compile(r"[^A-Za-z0-9_.]")
_CELL_LIKE = re.compile(r"^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[RrCc])$")

CellValue = str | int | float | bool | dt.datetime | dt.date | None

_STYLE_ARRAYS: WeakKeyDictionary[Workbook, dict[str, StyleArray]] = WeakKeyDictionary()
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
CHANGES_SHEET = "Changed Cells"


@dataclass(frozen=True)
class CellChange:
    """A cell whose text had to be changed to be stored safely, and how."""

    sheet: str
    row: int
    column: str  # the column letter
    change: str  # in plain words: "cut from 40,000 to 32,767 characters"


_CHANGES: WeakKeyDictionary[Workbook, list[CellChange]] = WeakKeyDictionary()


def _mark_bidi(match: re.Match[str]) -> str:
    return f"[U+{ord(match.group()):04X}]"


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def clean_text(text: str) -> str:
    """Text as it will be stored: XML-illegal characters removed, CR as LF, bidirectional
    controls marked, length capped."""
    return cleaned(text)[0]


def cleaned(text: str) -> tuple[str, list[str]]:
    """`clean_text`, and what it changed in plain words (nothing for ordinary text)."""
    changes: list[str] = []
    kept = ILLEGAL_CHARACTERS_RE.sub("", text)
    kept = _NOT_XML.sub("", kept)
    if len(kept) != len(text):
        removed = len(text) - len(kept)
        changes.append(f"{removed:,} control character{'s' * (removed != 1)} removed")
    kept = kept.replace("\r\n", "\n").replace("\r", "\n")
    marks = sorted({f"U+{ord(ch):04X}" for ch in BIDI_CONTROLS.findall(kept)})
    if marks:
        kept = BIDI_CONTROLS.sub(_mark_bidi, kept)
        changes.append(f"text-direction control{'s' * (len(marks) > 1)} "
                       f"{', '.join(marks)} shown as {', '.join(f'[{m}]' for m in marks)}")
    if len(kept) > MAX_CELL_CHARS // 2 and _utf16_len(kept) > MAX_CELL_CHARS:
        before = _utf16_len(kept)
        kept = _cut(kept)
        changes.append(f"cut from {before:,} to {_utf16_len(kept):,} characters, Excel's "
                       "limit for a cell")
    return kept, changes


def _cut(text: str) -> str:
    # Excel counts UTF-16 units; cut on a code point so no surrogate pair is split.
    kept, units = [], 0
    for ch in text:
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > MAX_CELL_CHARS:
            break
        kept.append(ch)
    return "".join(kept)


def needs_quote(text: str) -> bool:
    """True when a spreadsheet could read the text as a formula if a user re-entered it."""
    return text.startswith(FORMULA_TRIGGERS)


def cell_value(value: Any) -> CellValue:
    """Any Python value as something openpyxl can store (NaN and NA become blank)."""
    if value is None or isinstance(value, bool | str):
        return value
    if value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, Enum):
        return cell_value(value.value)
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:  # Excel has no time zones: store UTC wall time
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "item") and not isinstance(value, Iterable):  # numpy scalars
        return cell_value(value.item())
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(v) for v in value)
    return str(value)


def set_text(cell: Cell, text: str) -> None:
    """Store text in a cell as a string, never a formula or an error value; a change made
    to fit or to neutralize it is remembered for the Changed Cells sheet."""
    text, changes = cleaned(text)
    if changes:
        sheet = cell.parent
        _CHANGES.setdefault(sheet.parent, []).append(CellChange(
            sheet.title, cell.row, cell.column_letter, "; ".join(changes)))
    # Bypass openpyxl's type inference, which turns "=..." into a formula and "#N/A" into
    # an error; a string cell is written to the shared-strings table and never evaluated.
    cell._value = text
    cell.data_type = "s"
    if needs_quote(text):
        cell.quotePrefix = True


def apply_style(cell: Cell, style: str) -> None:
    """Give a cell a named style (registered on its workbook)."""
    arrays = _STYLE_ARRAYS.setdefault(cell.parent.parent, {})
    array = arrays.get(style)
    if array is None:
        cell.style = style
        arrays[style] = copy(cell._style)
    else:
        # What openpyxl's style descriptor does, minus its linear search by name, which
        # dominated the time of a 5,000-candidate export.
        cell._style = copy(array)


def write_cell(ws: Worksheet, row: int, column: int, value: Any,
               style: str | None = None, *, normalized: bool = False) -> Cell:
    """Write any value safely (strings as text) and apply a named style.

    `normalized` says the value already went through `cell_value`.
    """
    cell = ws.cell(row=row, column=column)
    if style is not None:
        apply_style(cell, style)
    if not normalized:
        value = cell_value(value)
    if isinstance(value, str):
        set_text(cell, value)
    else:
        cell.value = value
    return cell


def write_formula(ws: Worksheet, row: int, column: int, formula: str,
                  style: str | None = None) -> Cell:
    """Write a formula the exporter built itself from constants and cell references."""
    if not formula.startswith("="):
        raise ValueError("a formula starts with '='")
    cell = ws.cell(row=row, column=column)
    if style is not None:
        apply_style(cell, style)
    cell.value = formula
    return cell


def sheet_title(name: str, used: set[str]) -> str:
    """A valid, unique sheet title: no []:*?/\\, at most 31 characters; adds it to `used`."""
    base = _BAD_TITLE.sub(" ", clean_text(name).replace("\n", " ")).strip(" '") or "Sheet"
    base = base[:MAX_SHEET_TITLE]
    title, number = base, 1
    taken = {t.casefold() for t in used}
    while title.casefold() in taken or title.casefold() == "history":
        number += 1
        suffix = f" ({number})"
        title = base[:MAX_SHEET_TITLE - len(suffix)] + suffix
    used.add(title)
    return title


def table_name(name: str, used: set[str]) -> str:
    """A valid, unique Excel table name (letters, digits, _ and .); adds it to `used`."""
    base = _TABLE_CHARS.sub("_", clean_text(name))[:MAX_TABLE_NAME - 4] or "Table"
    if not (base[0].isalpha() or base[0] == "_") or _CELL_LIKE.match(base):
        base = "t_" + base
    candidate, number = base, 1
    taken = {t.casefold() for t in used}
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{base}_{number}"
    used.add(candidate)
    return candidate


def header_texts(names: Iterable[Any]) -> list[str]:
    """Column headers as unique non-empty single-line strings (Excel tables require it)."""
    result: list[str] = []
    seen: set[str] = set()
    for index, name in enumerate(names, start=1):
        text = " ".join(clean_text("" if name is None else str(name)).split())[:255]
        text = text or f"Column {index}"
        candidate, number = text, 1
        while candidate.casefold() in seen:
            number += 1
            candidate = f"{text} ({number})"
        seen.add(candidate.casefold())
        result.append(candidate)
    return result


def header_footer_text(text: str, limit: int = 80) -> str:
    """User text for a print header or footer: codes escaped (& doubled), one line, short."""
    text = " ".join(clean_text(text).split())[:limit]
    return text.replace("&", "&&")


def cell_changes(workbook: Workbook) -> list[CellChange]:
    """Every cell of the workbook whose text was changed so far, in the order written."""
    return list(_CHANGES.get(workbook, ()))


def write_cell_changes(workbook: Workbook) -> Worksheet | None:
    """A last sheet listing each changed cell (sheet, row, column, what changed), when any
    cell was; None when nothing was changed."""
    changes = cell_changes(workbook)
    if not changes:
        return None
    ws = workbook.create_sheet(sheet_title(CHANGES_SHEET, set(workbook.sheetnames)))
    write_cell(ws, 1, 1, f"{len(changes):,} cell{'s' * (len(changes) != 1)} changed so the "
               "text could be stored safely")
    for column, header in enumerate(("Sheet", "Row", "Column", "Change"), 1):
        write_cell(ws, 2, column, header)
    for row, change in enumerate(changes, 3):
        for column, value in enumerate((change.sheet, change.row, change.column,
                                        change.change), 1):
            write_cell(ws, row, column, value)
    for letter, width in (("A", 24), ("B", 8), ("C", 8), ("D", 70)):
        ws.column_dimensions[letter].width = width
    _CHANGES.pop(workbook, None)
    return ws
