"""Bytes or paths to raw sheets: workbook and CSV reading with safety checks at the door."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

from planner.errors import UnreadableFileError
from planner.issues import Issue

MAX_ROWS = 100_000
MAX_COLUMNS = 200


@dataclass
class RawSheet:
    """The cells of one sheet or CSV file, each row with the number the user sees."""

    title: str
    rows: list[tuple[int, list[Any]]]
    source: str = ""
    hidden: bool = False
    hidden_rows: frozenset[int] = frozenset()


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


def read_files(sources: list[tuple[str, bytes]]) -> RawWorkbook:
    """Read several uploaded files (name, bytes) into one raw workbook."""
    book = RawWorkbook()
    for name, data in sources:
        book.merge(read_bytes(name, data))
    return book


def read_paths(paths: list[str | Path]) -> RawWorkbook:
    """Read files from disk; a missing file is an UnreadableFileError."""
    sources = []
    for path in paths:
        path = Path(path)
        try:
            sources.append((path.name, path.read_bytes()))
        except OSError as exc:
            raise UnreadableFileError(path.name, f"cannot be opened ({exc.strerror}).") from None
    return read_files(sources)


def read_bytes(name: str, data: bytes) -> RawWorkbook:
    """Read one file by its extension and content: .xlsx/.xlsm workbook, .csv, or .zip of CSVs."""
    lower = name.lower()
    digest = hashlib.sha256(data).hexdigest()
    if not data:
        raise UnreadableFileError(name, "the file is empty.")
    if lower.endswith((".xlsx", ".xlsm")):
        book = read_workbook(name, data)
    elif lower.endswith((".csv", ".txt", ".tsv")):
        book = RawWorkbook(sheets=[read_csv(name, data)])
    elif lower.endswith(".zip"):
        book = read_csv_zip(name, data)
    elif lower.endswith(".xls"):
        raise UnreadableFileError(
            name, "this is an old Excel 97-2003 (.xls) file. Open it in Excel and save it "
            "as an Excel Workbook (.xlsx), then upload that.")
    else:
        raise UnreadableFileError(
            name, "unsupported file type. Upload an Excel workbook (.xlsx) or CSV files.")
    book.files[name] = digest
    return book


def read_workbook(name: str, data: bytes) -> RawWorkbook:
    """Read every sheet's values (cached results for formulas) from an .xlsx file."""
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except zipfile.BadZipFile:
        raise UnreadableFileError(
            name, "this is not a valid Excel workbook (.xlsx). If it is an old .xls, a "
            "password-protected workbook or a CSV, save it again as .xlsx.") from None
    except KeyError:
        raise UnreadableFileError(
            name, "this zip file is not an Excel workbook (it has no [Content_Types].xml)."
        ) from None
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise UnreadableFileError(name, f"the workbook is damaged and cannot be read ({exc}).")\
            from None
    book = RawWorkbook()
    try:
        for sheet in workbook.worksheets:
            rows = []
            for number, values in enumerate(
                sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True), start=1
            ):
                cells = list(values)
                if any(v is not None for v in cells):
                    rows.append((number, cells))
            hidden = sheet.sheet_state != "visible"
            book.sheets.append(RawSheet(sheet.title, rows, source=name, hidden=hidden))
    finally:
        workbook.close()
    return book


def decode_text(name: str, data: bytes) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv(name: str, data: bytes) -> RawSheet:
    """Read one CSV file; the separator (comma, semicolon, tab) is sniffed."""
    text = decode_text(name, data)
    if "\x00" in text:
        raise UnreadableFileError(name, "this is not a text CSV file (it contains binary data).")
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for number, cells in enumerate(reader, start=1):
        if number > MAX_ROWS:
            break
        cells = [c if c.strip() else None for c in cells[:MAX_COLUMNS]]
        if any(c is not None for c in cells):
            rows.append((number, cells))
    return RawSheet(Path(name).stem, rows, source=name)


def read_csv_zip(name: str, data: bytes) -> RawWorkbook:
    """Read a .zip holding one CSV per table."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UnreadableFileError(name, "this is not a valid zip file.") from None
    book = RawWorkbook()
    with archive:
        for info in archive.infolist():
            if info.is_dir() or not info.filename.lower().endswith(".csv"):
                continue
            book.sheets.append(read_csv(info.filename, archive.read(info)))
    if not book.sheets:
        raise UnreadableFileError(name, "the zip file holds no .csv files.")
    return book
