"""Bytes or paths to raw sheets: workbook and CSV reading with safety checks at the door."""

from __future__ import annotations

import gc
import hashlib
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.core.issues import Issue, IssueCode
from planner.core.models import Severity
from planner.errors import UnreadableFileError
from planner.ingest import safety
from planner.ingest.csvfile import read_csv_text
from planner.ingest.limits import Budget, Limits, current_limits, over_limit
from planner.ingest.xlsx import read_xlsx

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")


@dataclass
class RawSheet:
    """The cells of one sheet or CSV file, each row with the number the user sees."""

    title: str
    rows: list[tuple[int, list[Any]]]
    source: str = ""
    hidden: bool = False
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()  # 1-based column numbers
    merged: tuple[tuple[int, int, int, int], ...] = ()  # (min_row, min_col, max_row, max_col)
    uncached: frozenset[tuple[int, int]] = frozenset()  # (row, col) of formulas with no result
    date1904: bool = False  # the workbook counts serial dates from 1904
    decimal_comma: bool = False  # numbers written as 1.234,56
    text_file: bool = False  # a CSV file: every cell is text


@dataclass
class RawWorkbook:
    """Everything read from the uploaded files, before any interpretation."""

    sheets: list[RawSheet] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # filename -> SHA-256
    notes: list[Issue] = field(default_factory=list)

    def merge(self, other: RawWorkbook) -> None:
        """Add another file's sheets to this one."""
        self.sheets.extend(other.sheets)
        self.files.update(other.files)
        self.notes.extend(other.notes)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Suspend cyclic garbage collection while a large upload is turned into objects.

    Reading creates hundreds of thousands of long-lived objects and no cycles; without this
    the collector rescans them again and again (about a fifth of the import time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def default_limits() -> Limits:
    """The limits every read uses: the defaults, or the PLANNER_MAX_* settings."""
    return current_limits()


def read_files(sources: list[tuple[str, bytes]]) -> RawWorkbook:
    """Read several uploaded files (name, bytes) into one raw workbook; the cell limit
    counts every file together."""
    book = RawWorkbook()
    budget = Budget(default_limits())
    with paused_gc():
        for name, data in sources:
            book.merge(read_bytes(name, data, budget))
    return book


def read_paths(paths: list[str | Path]) -> RawWorkbook:
    """Read files from disk; a missing file is an UnreadableFileError."""
    limits = default_limits()
    sources = []
    for path in paths:
        path = Path(path)
        try:
            safety.check_file_size(path.name, path.stat().st_size, limits)
            sources.append((path.name, path.read_bytes()))
        except OSError as exc:
            raise UnreadableFileError(path.name, f"cannot be opened ({exc.strerror}).") from None
    return read_files(sources)


def read_bytes(name: str, data: bytes, budget: Budget | None = None) -> RawWorkbook:
    """Read one file by what its bytes are (not only its name): workbook, CSV or zip of CSVs.

    `budget` counts filled cells across an upload of several files (this file alone when
    not given)."""
    budget = budget or Budget(default_limits())
    lower = name.lower()
    kind = safety.sniff(data)
    if kind == "empty":
        raise UnreadableFileError(name, "the file is empty.")
    safety.check_file_size(name, len(data), budget.limits)
    if kind == "ole":
        raise safety.refuse_ole(name, data)
    try:
        book = _read_by_kind(name, lower, kind, data, budget)
    except safety.READ_FAILURES as exc:  # the file's fault, said in plain words
        raise UnreadableFileError(name, safety.describe_damage(exc)) from None
    book.files[name] = hashlib.sha256(data).hexdigest()
    return book


def _read_by_kind(name: str, lower: str, kind: str, data: bytes,
                  budget: Budget) -> RawWorkbook:
    if kind == "zip":
        return _read_zip(name, data, budget)
    if kind == "text" and lower.endswith(TEXT_SUFFIXES):
        return read_csv(name, data, budget)
    if kind == "text" and lower.endswith((*WORKBOOK_SUFFIXES, ".xls")):
        raise UnreadableFileError(
            name, "this is a text (CSV) file with an Excel name, not a real workbook. Rename "
            "it to .csv and upload it again, or open it in Excel and save it as .xlsx.")
    if kind == "binary" and lower.endswith((*WORKBOOK_SUFFIXES, *TEXT_SUFFIXES, ".zip")):
        what = ("an Excel workbook" if lower.endswith(WORKBOOK_SUFFIXES) else
                "a text (CSV) file" if lower.endswith(TEXT_SUFFIXES) else "a zip file")
        raise UnreadableFileError(
            name, f"this is not {what}: its bytes are neither a workbook nor text, so it may be "
            "damaged or another kind of file saved under this name. Open it where it was made "
            "and save it again.")
    raise UnreadableFileError(
        name, "unsupported file type. Upload an Excel workbook (.xlsx), CSV files, or a "
        ".zip of CSV files.")


def _read_zip(name: str, data: bytes, budget: Budget) -> RawWorkbook:
    archive = safety.open_zip(name, data, budget.limits)
    with archive:
        names = set(archive.namelist())
        if name.lower().endswith(".zip") and "[Content_Types].xml" not in names:
            return read_csv_zip(name, archive, budget)
        safety.check_workbook_parts(name, archive)
        return read_workbook(name, data, archive, budget)


def read_workbook(name: str, data: bytes, archive: zipfile.ZipFile | None = None,
                  budget: Budget | None = None) -> RawWorkbook:
    """Read every sheet's values (saved results for formulas) from an .xlsx file, within
    the limits."""
    safety.require_defused_xml()
    budget = budget or Budget(default_limits())
    if archive is None:
        with safety.open_zip(name, data, budget.limits) as opened:
            safety.check_workbook_parts(name, opened)
            return read_workbook(name, data, opened, budget)
    limits = budget.limits
    book = RawWorkbook(notes=safety.workbook_notes(name, archive))
    sheets, date1904 = read_xlsx(name, data, archive, limits, budget)
    for sheet in sheets:
        if sheet.missing is not None:
            book.notes.append(Issue(
                sheet.title, None, None, IssueCode.MISSING_SHEET, Severity.ERROR,
                f"Sheet '{sheet.title}' is listed in the workbook, but its data "
                f"({sheet.missing.lstrip('/')}) is missing from the file, so it could not be "
                "read. The file is damaged: open it in Excel and save it again."))
            continue
        cells = sheet.cells
        rows = [(number, cells.rows[number]) for number in sorted(cells.rows)]
        book.sheets.append(RawSheet(
            sheet.title, rows, source=name, hidden=sheet.hidden,
            hidden_rows=frozenset(cells.hidden_rows),
            hidden_columns=frozenset(cells.hidden_columns),
            merged=tuple(cells.merged), uncached=frozenset(cells.uncached), date1904=date1904))
        book.notes.extend(_truncation_notes(sheet.title, cells, limits))
    return book


def _truncation_notes(title: str, cells: Any, limits: Limits) -> list[Issue]:
    """Stray cells past the row or column limit: the table is read, the strays named."""
    notes = []
    if cells.row_beyond is not None:
        notes.append(Issue(
            title, limits.max_rows, None, IssueCode.TRUNCATED, Severity.WARNING,
            f"Only the first {limits.max_rows:,} rows were read (the limit, PLANNER_MAX_ROWS): "
            f"the sheet has something in row {cells.row_beyond:,}. Delete stray cells far "
            "below the table.", cells.row_beyond))
    if cells.columns_beyond is not None:
        notes.append(Issue(
            title, None, None, IssueCode.TRUNCATED, Severity.WARNING,
            f"Only the first {limits.max_columns} columns were read (the limit, "
            f"PLANNER_MAX_COLUMNS): there is something at {cells.columns_beyond}. Delete "
            "stray cells far to the right of the table.", cells.columns_beyond))
    return notes


def read_csv(name: str, data: bytes, budget: Budget | None = None) -> RawWorkbook:
    """Read one CSV file (encoding, separator and decimal mark are detected)."""
    budget = budget or Budget(default_limits())
    sheet, notes = read_csv_text(name, data, budget.limits, budget)
    raw = RawSheet(Path(name).stem, sheet.rows, source=name, decimal_comma=sheet.decimal_comma,
                   text_file=True)
    return RawWorkbook(sheets=[raw], notes=notes)


def _is_csv_member(info: zipfile.ZipInfo) -> bool | None:
    """True for a CSV file, False for another file, None for folders and Mac junk."""
    base = Path(info.filename).name
    if info.is_dir() or info.filename.startswith("__MACOSX/") or base.startswith("._"):
        return None
    return base.lower().endswith(TEXT_SUFFIXES)


def read_csv_zip(name: str, archive: zipfile.ZipFile,
                 budget: Budget | None = None) -> RawWorkbook:
    """Read a (preflighted) zip holding one CSV per table."""
    budget = budget or Budget(default_limits())
    members = [(info, _is_csv_member(info)) for info in archive.infolist()]
    count = sum(1 for _, is_csv in members if is_csv)
    if count > budget.limits.max_csv_files:
        raise over_limit(name, f"the zip holds {count:,} CSV files", "max_csv_files",
                         budget.limits)
    book = RawWorkbook()
    for info, is_csv in members:
        if is_csv is None:
            continue
        if not is_csv:
            book.notes.append(Issue(
                name, None, None, IssueCode.UNKNOWN_SHEET, Severity.INFO,
                f"'{info.filename}' in the zip is not a CSV file; it was not read."))
            continue
        try:
            data = archive.read(info)
        except (zipfile.BadZipFile, EOFError, OSError):
            raise UnreadableFileError(name, f"'{info.filename}' in the zip is damaged.") from None
        if safety.sniff(data) not in ("text", "empty"):
            raise UnreadableFileError(name, f"'{info.filename}' in the zip is not a text file.")
        if data.strip():
            try:
                book.merge(read_csv(Path(info.filename).name, data, budget))
            except UnreadableFileError as exc:  # the zip is the file the user knows
                raise UnreadableFileError(
                    name, f"'{info.filename}' in the zip: {exc.reason}") from None
    if not book.sheets:
        raise UnreadableFileError(name, "the zip file holds no .csv files.")
    return book
