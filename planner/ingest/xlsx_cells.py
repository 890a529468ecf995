"""Streaming one worksheet's XML into cell values, with hard limits and no entity expansion.

expat runs with DTDs and entity declarations forbidden (an XML bomb raises at once), and
reading stops at the first limit reached: rows, columns, filled cells or a cell's length.
Merged ranges are counted (past max_merges only counted); planner.ingest.merges cuts them
to the filled area.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import IO, Any
from xml.parsers import expat

from defusedxml import DefusedXmlException
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601

from planner.ingest.limits import LimitPassed, Limits

_LOCAL = ("c", "v", "f", "is", "t", "rPh", "row", "mergeCell", "col")
LOCAL_NAMES = {name: name for name in _LOCAL}
# Formatting inside a rich-text run of an inline string: not the end of a cell.
RUN_PROPERTIES = frozenset({"b", "i", "u", "strike", "sz", "color", "rFont", "family",
                            "charset", "scheme", "vertAlign", "outline", "shadow", "condense",
                            "extend", "phoneticPr"})
DIGITS = "0123456789"
TRUE_FLAGS = ("1", "true")
CHUNK = 2**20
_UNIQUE_COUNT = re.compile(rb'uniqueCount="(\d+)"')


@dataclass
class SheetCells:
    """What one sheet's XML holds, within the limits."""

    rows: dict[int, list[Any]] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    uncached: set[tuple[int, int]] = field(default_factory=set)
    row_beyond: int | None = None  # first row number past max_rows
    columns_beyond: str | None = None  # first cell reference past max_columns
    cells_capped: bool = False  # more filled cells than max_cells (reading stopped)
    cell_count: int = 0
    long_cell: tuple[str, int] | None = None  # (reference, length) of a cell over the limit
    merge_count: int = 0  # every merged range in the sheet, kept or not


@cache
def _column_index() -> dict[str, int]:
    return {get_column_letter(i): i for i in range(1, 16385)}


class _Stop(Exception):
    """Raised from a handler to end parsing early (a limit was reached)."""


def _forbid(*_: Any) -> None:
    raise DefusedXmlException("DTD or entity declaration in sheet XML")


@dataclass
class StyleInfo:
    """What cell values need from the workbook: strings, date styles and the epoch."""

    shared_strings: list[str]
    date_styles: frozenset[str]
    timedelta_styles: frozenset[str]
    epoch: dt.datetime


def parse_sheet(stream: IO[bytes], styles: StyleInfo, limits: Limits) -> SheetCells:
    """Stream one sheet's XML into cell values, stopping at the first limit reached."""
    # Speed matters here (about 700,000 elements per 20,000 rows): there is no end-element
    # handler, a cell is stored when the next one (or row, or the end) starts, and names
    # are read without namespace processing.
    out = SheetCells()
    columns = _column_index()
    shared = styles.shared_strings
    date_styles, epoch = styles.date_styles, styles.epoch
    max_rows, max_cols, max_cells = limits.max_rows, limits.max_columns, limits.max_cells
    max_chars, max_merges = limits.max_cell_chars, limits.max_merges
    names = dict(LOCAL_NAMES)
    row_number = 0
    row: list[Any] = []
    col = 0
    ctype = "n"
    style: str | None = None
    has_formula = pending = False
    parts: list[str] = []
    collecting = in_inline = in_phonetic = False
    cells = 0

    def flush() -> None:
        nonlocal pending, cells
        pending = False
        text = "".join(parts) if parts else None
        if has_formula and (text is None or (not text.strip() and ctype != "str")):
            out.uncached.add((row_number, col))
            return
        if not text:
            return
        if len(text) > max_chars:
            out.long_cell = (f"{get_column_letter(max(col, 1))}{row_number}", len(text))
            raise _Stop
        value = _value(text, ctype, style, shared, date_styles, epoch, styles)
        if value is None:
            return
        if col > max_cols or col == 0:
            if out.columns_beyond is None:
                out.columns_beyond = f"{get_column_letter(max(col, 1))}{row_number}"
            return
        width = len(row)
        if col > width:
            if col > width + 1:
                row.extend([None] * (col - width - 1))
            row.append(value)
        else:
            row[col - 1] = value
        if width == 0:
            out.rows[row_number] = row
        cells += 1
        if cells > max_cells:
            out.cells_capped = True
            raise _Stop

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal row_number, row, col, ctype, style, has_formula, parts, collecting
        nonlocal in_inline, in_phonetic, pending
        collecting = False
        name = names.get(tag)
        if name is None:
            name = names[tag] = tag.rpartition(":")[2]  # a prefixed name such as x:c
        if name == "c":
            if pending:
                flush()
            ref = attrs.get("r")
            col = columns.get(ref.rstrip(DIGITS), 0) if ref else col + 1
            ctype = attrs.get("t", "n")
            style = attrs.get("s")
            has_formula = in_inline = in_phonetic = False
            parts = []
            pending = True
        elif name == "v":
            collecting = True
        elif name == "t":
            collecting = in_inline and not in_phonetic
        elif name == "row":
            if pending:
                flush()
            number = attrs.get("r")
            row_number = int(number) if number else row_number + 1
            if row_number > max_rows:
                out.row_beyond = row_number
                raise _Stop
            if attrs.get("hidden") in TRUE_FLAGS:
                out.hidden_rows.add(row_number)
            row = []
            col = 0
        elif name == "f":
            has_formula = True
        elif name == "is":
            in_inline = True
        elif name == "rPh":
            in_phonetic = True
        elif pending and name != "r" and name != "rPr" and name not in RUN_PROPERTIES:
            flush()  # the first element after the sheet data (mergeCells, pageMargins ...)
        if name == "mergeCell":
            out.merge_count += 1
            if out.merge_count <= max_merges:  # past the limit only counted, for the message
                _layout(name, attrs, out, max_cols)
        elif name == "col" and attrs.get("hidden") in TRUE_FLAGS:
            _layout(name, attrs, out, max_cols)

    def text(data: str) -> None:
        if collecting:
            parts.append(data)

    parser = _safe_parser(namespaces=False)
    parser.StartElementHandler = start
    parser.CharacterDataHandler = text
    with contextlib.suppress(_Stop):
        parser.ParseFile(stream)
        if pending:
            flush()
    out.cell_count = cells
    return out


def _layout(name: str, attrs: dict[str, str], out: SheetCells, max_cols: int) -> None:
    """Record a merged range or hidden columns; a malformed one is only display, so skipped."""
    try:
        if name == "mergeCell":
            min_col, min_row, max_col, max_row = range_boundaries(attrs.get("ref", ""))
            out.merged.append((min_row, min_col, max_row, max_col))
        else:
            first, last = int(attrs.get("min", 0)), int(attrs.get("max", 0))
            out.hidden_columns.update(range(first, min(last, max_cols) + 1))
    except (ValueError, TypeError):
        pass


def _value(text: str, ctype: str, style: str | None, shared: list[str],
           date_styles: frozenset[str], epoch: dt.datetime, styles: StyleInfo) -> Any:
    if ctype == "n":
        try:
            number: float | int = float(text) if ("." in text or "E" in text or "e" in text) \
                else int(text)
        except ValueError:
            return text
        if style is not None and style in date_styles:
            try:
                return from_excel(number, epoch, timedelta=style in styles.timedelta_styles)
            except (OverflowError, ValueError):
                return number
        return number
    if ctype == "s":
        try:
            return shared[int(text)]
        except (ValueError, IndexError):
            return None
    if ctype == "b":
        return text.strip() in TRUE_FLAGS
    if ctype == "d":
        try:
            return from_ISO8601(text)
        except ValueError:
            return text
    return text  # inlineStr, str (formula text) and e (error such as #N/A)


def parse_shared_strings(stream: IO[bytes], limits: Limits | None = None) -> list[str]:
    """The shared string table: one text per <si>, phonetic runs left out; LimitPassed when
    it holds more texts or characters than the limits allow."""
    limits = limits or Limits()
    max_strings, max_chars = limits.max_shared_strings, limits.max_shared_chars
    max_cell = limits.max_cell_chars
    strings: list[str] = []
    parts: list[str] = []
    collecting = in_phonetic = False
    total = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal parts, collecting, in_phonetic
        name = tag.rpartition(" ")[2]
        if name == "si":
            parts = []
        elif name == "t":
            collecting = not in_phonetic
        elif name == "rPh":
            in_phonetic = True
        elif name == "sst":
            _check_declared(attrs.get("uniqueCount", ""), max_strings)

    def end(tag: str) -> None:
        nonlocal collecting, in_phonetic, total
        name = tag.rpartition(" ")[2]
        if name == "si":
            text = "".join(parts)
            strings.append(text)
            total += len(text)
            if len(text) > max_cell:
                raise LimitPassed(f"has a text of {len(text):,} characters (shared text "
                                  f"number {len(strings):,})", "max_cell_chars")
            if len(strings) > max_strings:
                raise LimitPassed(f"has more than {max_strings:,} texts in its shared-strings "
                                  "table", "max_shared_strings")
            if total > max_chars:
                raise LimitPassed(f"has more than {max_chars:,} characters in its "
                                  "shared-strings table", "max_shared_chars")
        elif name == "t":
            collecting = False
        elif name == "rPh":
            in_phonetic = False

    def text(data: str) -> None:
        if collecting:
            parts.append(data)

    parser = _safe_parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.ParseFile(stream)
    return strings


def precount_shared_strings(stream: IO[bytes], limits: Limits) -> None:
    """Refuse a shared-strings table with more texts than allowed before parsing it: <si>
    start tags, plain or with a namespace prefix (<x:si>), are counted in the raw bytes (a
    fraction of the parse time), and counting stops as soon as the limit is passed."""
    limit, count, tail = limits.max_shared_strings, 0, b""
    chunk = stream.read(CHUNK)
    declared = _UNIQUE_COUNT.search(chunk, 0, 4096)
    if declared:
        _check_declared(declared.group(1).decode(), limit)
    while chunk:
        window, chunk = tail + chunk, stream.read(CHUNK)
        # Tags starting in the last bytes are left for the next window, which begins with
        # them: each tag is counted once, whole, whichever chunk boundary cuts it.
        cut = max(len(window) - _HELD_BACK, 0) if chunk else len(window)
        count += sum(window.count(tag, 0, cut + 3) for tag in (b"<si>", b"<si ", b"<si/"))
        if b":si" in window:
            count += sum(1 for tag in _PREFIXED_SI.finditer(window) if tag.start() < cut)
        tail = window[cut:]
        if count > limit:
            raise LimitPassed(f"has more than {limit:,} texts in its shared-strings table",
                              "max_shared_strings")


_PREFIXED_SI = re.compile(rb"<[A-Za-z_][\w.\-]{0,30}:si[\s>/]")
_HELD_BACK = 40  # longer than any <si> tag the count looks for


def _check_declared(count: str, max_strings: int) -> None:
    """Refuse at once a table that says it holds more texts than allowed (a table that
    says less and holds more is stopped by the count)."""
    if count.isdigit() and int(count) > max_strings:
        raise LimitPassed(f"declares {int(count):,} texts in its shared-strings table",
                          "max_shared_strings")


def _safe_parser(namespaces: bool = True) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ") if namespaces else expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    return parser
