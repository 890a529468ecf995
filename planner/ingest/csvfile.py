"""CSV bytes to rows: encoding, separator and decimal mark detected, rows and columns capped."""

from __future__ import annotations

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
from planner.ingest.safety import utf16_without_bom
from planner.ingest.xlsx import Limits

DELIMITERS = (",", ";", "\t", "|")
SAMPLE_LINES = 60
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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    bare = utf16_without_bom(data[:4096])
    if bare is not None:
        return data.decode(bare, errors="replace"), "UTF-16"
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def detect_delimiter(lines: list[str]) -> str:
    """The separator that splits the sample lines into the most consistent number of fields."""
    best = (0.0, 0, ",")
    for delimiter in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(r)]
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


def read_csv_text(name: str, data: bytes, limits: Limits) -> tuple[CsvSheet, list[Issue]]:
    """Parse one CSV file into numbered rows, with notes on how it was read."""
    text, encoding = decode_text(data)
    if "\x00" in text:
        raise UnreadableFileError(name, "this is not a text CSV file (it contains binary data).")
    sample = text[:200_000].splitlines()[:SAMPLE_LINES]
    delimiter = detect_delimiter(sample)
    rows: list[tuple[int, list[Any]]] = []
    title = Path(name).stem
    notes: list[Issue] = []
    wide_at: int | None = None
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            if number > limits.max_rows:
                notes.append(Issue(
                    title, limits.max_rows, None, IssueCode.TRUNCATED, Severity.WARNING,
                    f"Only the first {limits.max_rows:,} rows were read."))
                break
            if len(cells) > limits.max_columns:
                wide_at = wide_at or number
                cells = cells[:limits.max_columns]
            values = [c if c.strip() else None for c in cells]
            if any(v is not None for v in values):
                rows.append((number, values))
    except csv.Error as exc:
        raise UnreadableFileError(name, f"the CSV file is malformed ({exc}).") from None
    if wide_at is not None:
        notes.append(Issue(
            title, wide_at, None, IssueCode.TRUNCATED, Severity.WARNING,
            f"Only the first {limits.max_columns} columns were read."))
    decimal_comma = detect_decimal_comma([r for _, r in rows[:SAMPLE_LINES * 10]], delimiter)
    separator = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "bar"}[delimiter]
    mark = "decimal comma (1.234,56)" if decimal_comma else "decimal point (1,234.56)"
    notes.append(Issue(
        title, None, None, IssueCode.FILE_FORMAT, Severity.INFO,
        f"Read as {encoding} text, {separator}-separated, numbers with a {mark}."))
    return CsvSheet(rows, decimal_comma, delimiter, encoding), notes
