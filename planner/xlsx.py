"""Bounded, fast reading of .xlsx cell values.

openpyxl reads the workbook's structure (sheet names and states, shared strings, date
styles, the 1900/1904 epoch). The sheets themselves are streamed through expat with hard
limits, because openpyxl's read-only reader trusts the <dimension> tag, pads every row to
it, takes about 9 s per 600,000 cells, and needs a second pass to see uncalculated formulas.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import warnings
import zipfile
from dataclasses import dataclass, field
from functools import cache
from typing import IO, Any
from xml.parsers import expat

from defusedxml import DefusedXmlException
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, from_excel, from_ISO8601
from openpyxl.xml.constants import SHARED_STRINGS

from planner.errors import UnreadableFileError

_LOCAL = ("c", "v", "f", "is", "t", "rPh", "row", "mergeCell", "col")
LOCAL_NAMES = {name: name for name in _LOCAL}
# Formatting inside a rich-text run of an inline string: not the end of a cell.
RUN_PROPERTIES = frozenset({"b", "i", "u", "strike", "sz", "color", "rFont", "family",
                            "charset", "scheme", "vertAlign", "outline", "shadow", "condense",
                            "extend", "phoneticPr"})
DIGITS = "0123456789"
TRUE_FLAGS = ("1", "true")


@dataclass(frozen=True)
class Limits:
    """How much of a sheet is read at most."""

    max_rows: int
    max_columns: int
    max_cells: int


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
    cells_capped: bool = False


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
        if cells >= max_cells:
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
            min_col, min_row, max_col, max_row = range_boundaries(attrs.get("ref", ""))
            out.merged.append((min_row, min_col, max_row, max_col))
        elif name == "col" and attrs.get("hidden") in TRUE_FLAGS:
            first, last = int(attrs.get("min", 0)), int(attrs.get("max", 0))
            out.hidden_columns.update(range(first, min(last, max_cols) + 1))

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
    return out


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


def fill_merged(cells: SheetCells) -> None:
    """Copy a vertically merged value into every row of its range, as the user sees it."""
    for min_row, min_col, max_row, max_col in cells.merged:
        if max_row == min_row:
            continue
        top = cells.rows.get(min_row)
        value = top[min_col - 1] if top and min_col <= len(top) else None
        if value is None:
            continue
        for number in range(min_row + 1, max_row + 1):
            row = cells.rows.setdefault(number, [])
            for col in range(min_col, max_col + 1 if max_col == min_col else min_col + 1):
                if len(row) < col:
                    row.extend([None] * (col - len(row)))
                if row[col - 1] is None:
                    row[col - 1] = value


def parse_shared_strings(stream: IO[bytes]) -> list[str]:
    """The shared string table: one text per <si>, phonetic runs left out."""
    strings: list[str] = []
    parts: list[str] = []
    collecting = in_phonetic = False

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal parts, collecting, in_phonetic
        name = tag.rpartition(" ")[2]
        if name == "si":
            parts = []
        elif name == "t":
            collecting = not in_phonetic
        elif name == "rPh":
            in_phonetic = True

    def end(tag: str) -> None:
        nonlocal collecting, in_phonetic
        name = tag.rpartition(" ")[2]
        if name == "si":
            strings.append("".join(parts))
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


def _safe_parser(namespaces: bool = True) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ") if namespaces else expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    return parser


@dataclass
class WorkbookSheet:
    """One worksheet read from an .xlsx file."""

    title: str
    hidden: bool
    cells: SheetCells


def _structure(name: str, data: bytes) -> tuple[Any, list[tuple[str, str, str]], StyleInfo]:
    """Workbook part, (title, state, path) of each worksheet, and what cell values need."""
    # openpyxl's ExcelReader steps, minus read_worksheets: its read-only sheets scan the
    # whole sheet XML with a pure-Python parser when the <dimension> tag is missing.
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    reader.read_manifest()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    workbook = reader.wb
    sheets = [(sheet.name, sheet.state or "visible", rel.target)
              for sheet, rel in reader.parser.find_sheets()
              if rel.target in reader.valid_files and "chartsheet" not in rel.Type]
    strings_part = reader.package.find(SHARED_STRINGS)
    shared: list[str] = []
    if strings_part is not None:
        with reader.archive.open(strings_part.PartName[1:]) as stream:
            shared = parse_shared_strings(stream)
    reader.archive.close()
    styles = StyleInfo(
        shared_strings=shared,
        # openpyxl keeps the style ids of date and duration formats only privately.
        date_styles=frozenset(str(i) for i in getattr(workbook, "_date_formats", ())),
        timedelta_styles=frozenset(str(i) for i in getattr(workbook, "_timedelta_formats", ())),
        epoch=workbook.epoch,
    )
    return workbook, sheets, styles


def _is_unsafe(exc: BaseException) -> bool:
    # openpyxl re-raises parse errors as ValueError("Unable to read workbook ...") from them.
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def read_xlsx(name: str, data: bytes, archive: zipfile.ZipFile,
              limits: Limits) -> tuple[list[WorkbookSheet], bool]:
    """Every worksheet's cells, and whether the workbook uses the 1904 date system."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook, parts, styles = _structure(name, data)
    except KeyError as exc:
        raise UnreadableFileError(
            name, f"the workbook is missing a part it needs ({exc}); save it again from Excel."
        ) from None
    except Exception as exc:  # openpyxl raises many types for damaged files
        if _is_unsafe(exc):
            raise _unsafe_xml(name) from None
        raise UnreadableFileError(
            name, f"the workbook is damaged and cannot be read ({type(exc).__name__}).") from None
    sheets = []
    for title, state, path in parts:
        try:
            with archive.open(path.lstrip("/")) as stream:
                cells = parse_sheet(stream, styles, limits)
        except DefusedXmlException:
            raise _unsafe_xml(name) from None
        except (expat.ExpatError, KeyError, zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise UnreadableFileError(
                name, f"sheet '{title}' is damaged and cannot be read "
                f"({type(exc).__name__}).") from None
        fill_merged(cells)
        sheets.append(WorkbookSheet(title, state != "visible", cells))
    return sheets, workbook.epoch == CALENDAR_MAC_1904


def _unsafe_xml(name: str) -> UnreadableFileError:
    return UnreadableFileError(
        name, "the workbook contains XML entity declarations, a known way to attack servers "
        "(an 'XML bomb'). It was refused; save the data into a new workbook and upload that.")
