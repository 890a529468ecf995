"""Raw sheets to tables: which sheet is which, where the header is, which column is which."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner.ingest import RawSheet, RawWorkbook
from planner.issues import IssueCode, IssueLog
from planner.schema import (
    PAIRWISE_ALIASES,
    PAIRWISE_NAME,
    SHEETS,
    Sheet,
    header_lookup,
    normalize_header,
    sheet_for_name,
    spend_column_year,
)
from planner.values import clean_text, is_missing

HEADER_SEARCH_ROWS = 15


@dataclass
class DataRow:
    """One data row: its number in the user's file and its cells keyed by source header."""

    number: int
    cells: dict[str, Any]


@dataclass
class RawTable:
    """A sheet recognized as one canonical table, with its header mapping and data rows."""

    sheet: Sheet
    title: str
    header_row: int
    headers: list[str]
    mapping: dict[str, str]  # source header -> canonical column (or cost_FY####)
    rows: list[DataRow] = field(default_factory=list)
    skipped: int = 0

    @property
    def extra_columns(self) -> list[str]:
        """Source headers not mapped to a canonical column (kept as custom columns)."""
        return [h for h in self.headers if h and h not in self.mapping]


@dataclass
class TableSet:
    """The recognized tables of an upload, plus the pairwise matrix when present."""

    tables: dict[str, RawTable] = field(default_factory=dict)
    pairwise: RawSheet | None = None
    files: dict[str, str] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        """Data rows read per table (errors included, skipped rows excluded)."""
        return {name: len(table.rows) for name, table in self.tables.items()}

    @property
    def mappings(self) -> dict[str, dict[str, str]]:
        """Source header -> canonical column, per table."""
        return {name: dict(table.mapping) for name, table in self.tables.items()}


def map_headers(sheet: Sheet, headers: list[str]) -> dict[str, str]:
    """Map source headers to canonical columns by name and alias (first match wins)."""
    lookup = header_lookup(sheet)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for header in headers:
        if not header:
            continue
        canonical = lookup.get(normalize_header(header))
        if canonical is None and sheet.name == "Candidates":
            year = spend_column_year(header)
            canonical = f"cost_FY{year}" if year else None
        if canonical and canonical not in used:
            mapping[header] = canonical
            used.add(canonical)
    return mapping


def _header_score(sheet: Sheet, cells: list[Any]) -> int:
    headers = [clean_text(c) for c in cells if isinstance(c, str) and not is_missing(c)]
    return len(map_headers(sheet, headers))


def find_header(sheet: Sheet, raw: RawSheet) -> tuple[int, list[str]] | None:
    """Index into raw.rows of the header row (most recognized headers in the first rows)."""
    best: tuple[int, int] | None = None
    for index, (_, cells) in enumerate(raw.rows[:HEADER_SEARCH_ROWS]):
        score = _header_score(sheet, cells)
        if score >= max(1, len(sheet.required_columns)) and (best is None or score > best[1]):
            best = (index, score)
    if best is None:
        return None
    cells = raw.rows[best[0]][1]
    return best[0], [clean_text(c) if c is not None else "" for c in cells]


def guess_sheet(raw: RawSheet) -> Sheet | None:
    """Canonical sheet for a raw sheet: by its title, else by the headers it carries."""
    by_name = sheet_for_name(raw.title)
    if by_name is not None:
        return by_name
    scores = []
    for sheet in SHEETS:
        found = find_header(sheet, raw)
        if found is not None:
            score = len(map_headers(sheet, found[1]))
            if all(c in map_headers(sheet, found[1]).values() for c in sheet.required_columns):
                scores.append((score, sheet.name, sheet))
    return max(scores)[2] if scores else None


def _is_totals_row(cells: list[Any]) -> bool:
    texts = [clean_text(c).lower() for c in cells[:3] if isinstance(c, str)]
    return any(t.startswith(("total", "grand total", "sum")) for t in texts)


def _is_section_label(table: RawTable, cells: list[Any], values: dict[str, Any],
                      present: list[Any]) -> bool:
    """A lone text in the first cell of a row that lacks a required value: a group label."""
    if len(present) != 1 or not cells or not isinstance(cells[0], str) or is_missing(cells[0]):
        return False
    by_canonical = {c: values.get(h) for h, c in table.mapping.items()}
    return any(is_missing(by_canonical.get(c)) for c in table.sheet.required_columns)


def build_table(sheet: Sheet, raw: RawSheet, log: IssueLog) -> RawTable | None:
    """Find the header, map columns and collect data rows, reporting every skipped row."""
    found = find_header(sheet, raw)
    if found is None:
        missing = ", ".join(sheet.required_columns)
        log.error(raw.title, None, None, IssueCode.MISSING_COLUMN,
                  f"Could not find a header row with the columns {missing} in sheet "
                  f"'{raw.title}'.")
        return None
    index, headers = found
    headers = _dedupe(headers, raw.title, raw.rows[index][0], log)
    mapping = map_headers(sheet, headers)
    table = RawTable(sheet, raw.title, raw.rows[index][0], headers, mapping)
    for number, _ in raw.rows[:index]:
        log.info(raw.title, number, None, IssueCode.SKIPPED_ROW, "Title row above the header.")
    for missing in [c for c in sheet.required_columns if c not in mapping.values()]:
        log.error(raw.title, table.header_row, missing, IssueCode.MISSING_COLUMN,
                  f"Required column '{missing}' was not found.")
    for header in table.extra_columns:
        log.info(raw.title, table.header_row, header, IssueCode.UNMAPPED_COLUMN,
                 f"Column '{header}' is not a standard column; it is kept as a custom "
                 "column.")
    for number, cells in raw.rows[index + 1:]:
        values = {h: cells[i] for i, h in enumerate(headers) if h and i < len(cells)}
        present = [v for v in values.values() if not is_missing(v)]
        if not present:
            log.info(raw.title, number, None, IssueCode.SKIPPED_ROW, "Blank row skipped.")
            table.skipped += 1
            continue
        if _is_totals_row(cells):
            log.info(raw.title, number, None, IssueCode.SKIPPED_ROW, "Totals row skipped.")
            table.skipped += 1
            continue
        if _is_section_label(table, cells, values, present):
            log.info(raw.title, number, None, IssueCode.SKIPPED_ROW,
                     f"Section label '{clean_text(cells[0])}' skipped.")
            table.skipped += 1
            continue
        if number in raw.hidden_rows:
            log.warning(raw.title, number, None, IssueCode.HIDDEN_ROW,
                        "This row is hidden in the workbook; it was imported.")
        table.rows.append(DataRow(number, values))
    return table


def _dedupe(headers: list[str], title: str, row: int, log: IssueLog) -> list[str]:
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


def recognize(book: RawWorkbook, log: IssueLog) -> TableSet:
    """Assign every raw sheet to a canonical table (or report it), and build the tables."""
    result = TableSet(files=dict(book.files))
    log.extend(book.notes)
    for raw in book.sheets:
        if raw.hidden:
            log.warning(raw.title, None, None, IssueCode.HIDDEN_SHEET,
                        f"Sheet '{raw.title}' is hidden in the workbook.")
        if normalize_header(raw.title) in (PAIRWISE_NAME.lower(), *PAIRWISE_ALIASES):
            result.pairwise = raw
            continue
        sheet = guess_sheet(raw)
        if sheet is None:
            if raw.rows:
                log.info(raw.title, None, None, IssueCode.UNKNOWN_SHEET,
                         f"Sheet '{raw.title}' was not recognized as an input table; "
                         "it was not read.")
            continue
        if sheet.name in result.tables:
            log.warning(raw.title, None, None, IssueCode.UNKNOWN_SHEET,
                        f"A second {sheet.name} table ('{raw.title}') was ignored; only "
                        f"'{result.tables[sheet.name].title}' was read.")
            continue
        table = build_table(sheet, raw, log)
        if table is not None:
            result.tables[sheet.name] = table
    return result
