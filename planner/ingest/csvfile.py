"""CSV bytes to rows: encoding, separator and decimal mark detected, rows and columns capped."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.core.issues import Issue, IssueCode
from planner.core.models import Severity
from planner.errors import UnreadableFileError
from planner.ingest.limits import Budget, Limits, over_limit
from planner.ingest.safety import utf16_without_bom

DELIMITERS = (",", ";", "\t", "|")
SAMPLE_LINES = 60
SAMPLE_BYTES = 400_000
CHUNK = 2**20
# 1.234,56 / 12,5 (decimal comma) against 1,234.56 / 12.5 (decimal point)
_SIGN = r"^[-+(]?[$€£]?\s?"
_COMMA_DECIMAL = re.compile(_SIGN + r"(\d{1,3}(\.\d{3})+(,\d+)?|\d+,\d{1,2})\)?$")
_POINT_DECIMAL = re.compile(_SIGN + r"(\d{1,3}(,\d{3})+(\.\d+)?|\d+\.\d{1,2})\)?$")


@dataclass
class CsvSheet:
    """Rows of one CSV file and how its numbers are written."""

    rows: list[tuple[int, list[Any]]]
    decimal_comma: bool
    delimiter: str
    encoding: str


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes: UTF-16 (with a BOM or without), UTF-8 (with or without BOM), else
    Windows-1252."""
    codec, errors, encoding = text_encoding(data)
    return data.decode(codec, errors=errors), encoding


def text_encoding(data: bytes) -> tuple[str, str, str]:
    """(codec, error handling, name said to the user) of CSV bytes, without decoding them
    into a second copy: UTF-16 by BOM or by its zeros, UTF-8 when every byte is valid
    UTF-8, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "replace", "UTF-16"
    bare = utf16_without_bom(data[:4096])
    if bare is not None:
        return bare, "replace", "UTF-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(view), CHUNK):
            decoder.decode(view[start:start + CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252", "replace", "Windows-1252"
    return "utf-8-sig", "strict", "UTF-8"


def detect_delimiter(lines: list[str]) -> str:
    """The separator that splits the sample lines into the most consistent number of fields."""
    best = (0.0, 0, ",")
    for delimiter in DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(r)]
        except csv.Error:  # a field longer than the cell limit when split this way
            continue
        if not counts:
            continue
        width, hits = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        score = (hits / len(counts), width, delimiter)
        if score[:2] > best[:2]:
            best = score
    return best[2]


def detect_decimal_comma(rows: list[list[str | None]], delimiter: str) -> bool:
    """True when numbers are written 1.234,56 (or when `;` separates and nothing says else)."""
    comma = point = 0
    for row in rows:
        for cell in row:
            if not cell:
                continue
            text = cell.strip().replace("\u00a0", "")
            if _COMMA_DECIMAL.match(text):
                comma += 1
            elif _POINT_DECIMAL.match(text):
                point += 1
    if comma != point:
        return comma > point
    return delimiter == ";" and comma > 0


def read_csv_text(name: str, data: bytes, limits: Limits,
                  budget: Budget | None = None) -> tuple[CsvSheet, list[Issue]]:
    """Parse one CSV file into numbered rows, with notes on how it was read.

    The bytes are decoded as the rows are read (no second copy of the file as one string);
    more rows, columns with values, filled cells or characters in a cell than the limits
    allow refuse the file, naming the limit."""
    codec, errors, encoding = text_encoding(data)
    if not codec.startswith("utf-16") and b"\x00" in data:
        raise _binary(name)
    csv.field_size_limit(limits.max_cell_chars)  # the CSV reader's own cell limit
    sample = data[:SAMPLE_BYTES].decode(codec, errors="ignore").splitlines()[:SAMPLE_LINES]
    delimiter = detect_delimiter(sample)
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=codec, errors=errors, newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        rows = _rows(name, reader, limits, budget or Budget(limits), codec.startswith("utf-16"))
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise over_limit(name, f"line {reader.line_num:,} has a cell of more than "
                             f"{limits.max_cell_chars:,} characters", "max_cell_chars",
                             limits) from None
        raise UnreadableFileError(name, f"the CSV file is malformed ({exc}).") from None
    decimal_comma = detect_decimal_comma([r for _, r in rows[:SAMPLE_LINES * 10]], delimiter)
    separator = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "bar"}[delimiter]
    mark = "decimal comma (1.234,56)" if decimal_comma else "decimal point (1,234.56)"
    notes = [Issue(
        Path(name).stem, None, None, IssueCode.FILE_FORMAT, Severity.INFO,
        f"Read as {encoding} text, {separator}-separated, numbers with a {mark}.")]
    return CsvSheet(rows, decimal_comma, delimiter, encoding), notes


def _rows(name: str, reader: Any, limits: Limits, budget: Budget,
          utf16: bool) -> list[tuple[int, list[Any]]]:
    """The non-blank rows with their numbers, within the row, column and cell limits."""
    max_rows, max_columns = limits.max_rows, limits.max_columns
    left, filled = budget.cells_left(), 0
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(reader, 1):
        if number > max_rows:
            raise over_limit(name, f"the file has more than {max_rows:,} rows", "max_rows",
                             limits)
        if len(cells) > max_columns:
            cells = _within_columns(name, number, cells, limits)
        values = [c if c.strip() else None for c in cells]
        count = len(values) - values.count(None)
        if not count:
            continue
        if utf16 and any("\x00" in c for c in cells):
            raise _binary(name)
        filled += count
        if filled > left:
            budget.spend_cells(name, filled, f"row {number:,} of '{Path(name).name}'")
        rows.append((number, values))
    budget.spend_cells(name, filled, f"the end of '{Path(name).name}'")
    return rows


def _within_columns(name: str, number: int, cells: list[str], limits: Limits) -> list[str]:
    """A row's first max_columns cells; refused when a cell past them holds a value
    (separators with nothing between them, as spreadsheets export, are only blanks)."""
    for index in range(limits.max_columns, len(cells)):
        if cells[index].strip():
            raise over_limit(name, f"row {number:,} has {len(cells):,} columns, with a value "
                             f"in column {index + 1:,}", "max_columns", limits)
    return cells[:limits.max_columns]


def _binary(name: str) -> UnreadableFileError:
    return UnreadableFileError(name, "this is not a text CSV file (it contains binary data).")
