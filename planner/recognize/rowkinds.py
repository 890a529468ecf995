"""How raw rows read, in every layout: header text, totals, section labels, blank rows."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from planner.core.issues import IssueCode, IssueLog
from planner.ingest.files import RawSheet
from planner.values.parse import clean_text, is_missing

BLANK_ROWS_LISTED = 5  # a longer run of blank rows is one note
TOTALS = re.compile(r"^(grand\s+|sub-?\s*)?totals?\b|^sum\b|^sum\s+of\b", re.IGNORECASE)


def header_text(cell: Any) -> str:
    """A header cell as text: 2027.0 -> '2027', a date -> its ISO form, blank -> ''."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    return clean_text(cell)


def is_totals_label(cell: Any) -> bool:
    """True for 'Total', 'TOTALS', 'Grand total', 'Subtotal', 'Sum of ...'."""
    return isinstance(cell, str) and bool(TOTALS.match(clean_text(cell)))


def first_present(cells: list[Any]) -> tuple[int, Any] | None:
    """Position and value of the first non-blank cell of a row."""
    for index, cell in enumerate(cells):
        if not is_missing(cell):
            return index, cell
    return None


def shown(value: Any) -> Any:
    """A cell value as it goes into an issue (text trimmed, long text cut)."""
    if isinstance(value, str):
        text = clean_text(value)
        return text if len(text) <= 80 else text[:77] + "..."
    return value


def merged_label_rows(merged: tuple[tuple[int, int, int, int], ...]) -> set[int]:
    """Rows covered by a merge across two or more columns (group labels such as a department)."""
    rows: set[int] = set()
    for min_row, min_col, max_row, max_col in merged:
        if max_col > min_col:
            rows.update(range(min_row, max_row + 1))
    return rows


def dedupe_headers(headers: list[str], title: str, row: int, log: IssueLog) -> list[str]:
    """Rename repeated headers 'X' to 'X (2)' ..., with a warning each."""
    seen: dict[str, int] = {}
    result = []
    for header in headers:
        if header and header in seen:
            seen[header] += 1
            renamed = f"{header} ({seen[header]})"
            log.warning(title, row, header, IssueCode.DUPLICATE_COLUMN,
                        f"Column '{header}' appears twice; the second is read as '{renamed}'.")
            header = renamed
        seen.setdefault(header, 1)
        result.append(header)
    return result


def row_skip_reason(cells: list[Any], values: dict[str, Any], required: list[str],
              id_header: str | None, first_header: str | None, merged: bool) -> str | None:
    """Why a row is not a data row (totals, section label, repeated header ...), or None."""
    complete = True
    for header in required:
        value = values.get(header)
        if value is None or (value.__class__ is str and is_missing(value)):
            complete = False
            break
    if complete:
        id_cell = values.get(id_header) if id_header else None
        if is_totals_label(id_cell):
            return "Totals row skipped."
        if required and all(header_text(values.get(h)) == h for h in required):
            return "Repeated header row skipped."
        return None
    present = [(h, v) for h, v in values.items() if not is_missing(v)]
    if not present:
        return "Row with values only in columns without a header skipped."
    if any(is_totals_label(c) for c in cells[:3]):
        return "Totals row skipped."
    if len(present) == 1 and isinstance(present[0][1], str):
        header, label = present[0]
        has_digit = any(ch.isdigit() for ch in label)
        # A lone text in the first column (or a merged or upper-case one) labels a group of
        # rows; a lone id with digits is a data row that lacks its other values.
        if merged or (label.isupper() and not has_digit) or \
                (header == first_header and not (header == id_header and has_digit)):
            return "Section label skipped."
    return None


def report_blank_rows(raw: RawSheet, log: IssueLog) -> None:
    """Blank rows between filled ones (blank rows below the last one are not in the file)."""
    previous = None
    for number, _ in raw.rows:
        if previous is not None and number - previous > 1:
            if number - previous - 1 <= BLANK_ROWS_LISTED:
                for blank in range(previous + 1, number):
                    log.info(raw.title, blank, None, IssueCode.SKIPPED_ROW, "Blank row skipped.")
            else:
                log.info(raw.title, previous + 1, None, IssueCode.SKIPPED_ROW,
                         f"Rows {previous + 1}-{number - 1} are blank; skipped.")
        previous = number
