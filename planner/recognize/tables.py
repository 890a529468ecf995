"""Raw sheets to tables: which sheet is which, where the header is, which column is which."""

from __future__ import annotations

from typing import Any

from planner.core.issues import IssueCode, IssueLog
from planner.core.schema import (
    BUDGET,
    PAIRWISE_ALIASES,
    PAIRWISE_NAME,
    SHEETS,
    SHEETS_BY_NAME,
    Sheet,
    normalize_header,
    sheet_for_name,
    sheet_hint,
)
from planner.ingest.files import RawSheet, RawWorkbook
from planner.recognize import budget_layout
from planner.recognize.evidence import SAMPLE_CELLS
from planner.recognize.mapping import assign_columns, score_columns
from planner.recognize.mapping import map_headers as _map_headers
from planner.recognize.profiles import MappingProfile, SheetProfile
from planner.recognize.raw_tables import DataRow, RawTable, TableSet
from planner.recognize.references import link_id_lists
from planner.recognize.rowkinds import (
    dedupe_headers,
    first_present,
    header_text,
    merged_label_rows,
    report_blank_rows,
    row_skip_reason,
    shown,
)
from planner.values.parse import clean_text, is_missing

HEADER_SEARCH_ROWS = 15
ROW_ID = "(row number)"  # the made-up header of ids made from row numbers
DETAILED_FORMULA_ISSUES = 20


def map_headers(sheet: Sheet, headers: list[str],
                overrides: dict[str, str | None] | None = None) -> dict[str, str]:
    """Map source headers to canonical columns by name and alias (see planner.recognize.mapping)."""
    return _map_headers(sheet, headers, overrides)


def find_header(sheet: Sheet, raw: RawSheet, overrides: dict[str, str | None] | None = None,
                header_row: int | None = None, least: int | None = None
                ) -> tuple[int, list[str]] | None:
    """Index into raw.rows of the header row (most recognized headers in the first rows).

    A profile's `header_row` is tried first; when next year's file has moved its header
    (one more title row), the search finds it again. A row needs `least` recognized headers
    (the sheet's own number by default).
    """
    needed = min(least or sheet.header_columns, len(sheet.columns))
    if header_row is not None:
        for index, (number, cells) in enumerate(raw.rows):
            texts = [header_text(c) if isinstance(c, str) else "" for c in cells]
            found = assign_columns(sheet, texts, None, overrides)
            if number == header_row and len(found) >= needed:
                return index, [header_text(c) for c in cells]
    best: tuple[int, float] | None = None
    for index, (_, cells) in enumerate(raw.rows[:HEADER_SEARCH_ROWS]):
        texts = [header_text(c) if isinstance(c, str) else "" for c in cells]
        chosen, _ = score_columns(sheet, texts, None, overrides)
        score = sum(s.confidence for s in chosen.values())
        if len(chosen) >= needed and (best is None or score > best[1]):
            best = (index, score)
    if best is None:
        return None
    return best[0], [header_text(c) for c in raw.rows[best[0]][1]]


def samples_below(raw: RawSheet, index: int, headers: list[str]) -> dict[str, list[Any]]:
    """The first cells under each header: the content evidence for its column."""
    rows = [cells for _, cells in raw.rows[index + 1:index + 1 + SAMPLE_CELLS]]
    return {h: [r[i] if i < len(r) else None for r in rows] for i, h in enumerate(headers) if h}


def _fit(sheet: Sheet, raw: RawSheet) -> tuple[int, float] | None:
    """How well a sheet's header fits a table: (complete, confidence summed), or None.

    Two recognized headers at least: one alone ('Name') says too little of an untitled sheet.
    """
    found = find_header(sheet, raw, least=2)
    if found is None:
        return None
    index, headers = found
    chosen, _ = score_columns(sheet, headers, samples_below(raw, index, headers))
    columns = {s.column for s in chosen.values()}
    needed = [c for c in sheet.required_columns if c != sheet.id_column]
    complete = all(c in columns for c in needed) and (
        sheet.id_column in columns or len(columns) >= 3)
    return int(complete), sum(s.confidence for s in chosen.values())


def guess_sheet(raw: RawSheet) -> Sheet | None:
    """Canonical sheet for a raw sheet: by its title, else by the headers it carries."""
    by_name = sheet_for_name(raw.title)
    if by_name is not None:
        return by_name
    fits: list[tuple[int, float, int, Sheet]] = []
    for order, sheet in enumerate(SHEETS):
        fit = _fit(sheet, raw)
        if fit is not None:
            fits.append((*fit, -order, sheet))
        elif sheet is BUDGET and budget_layout.detect(raw):
            fits.append((1, 3.0, -order, sheet))
    complete = [f for f in fits if f[0]]
    best = max(complete, key=lambda f: f[:3]) if complete else None
    hint = sheet_hint(raw.title)
    hinted = next((f for f in fits if f[-1] is hint), None)
    # A title word ('CIP requests') names the table unless the headers clearly say another:
    # a complete table whose headers fit one and a half times as well.
    if hinted is not None and not (best and best[-1] is not hint and best[1] > 1.5 * hinted[1]):
        return hint
    return best[-1] if best else None


def _assign(table: RawTable, raw: RawSheet, index: int, overrides: dict[str, str | None],
            log: IssueLog) -> None:
    """Map the headers, content evidence included; report each guess with its confidence."""
    samples = samples_below(raw, index, table.headers)
    chosen, rest = score_columns(table.sheet, table.headers, samples, overrides)
    table.mapping = {h: s.column for h, s in chosen.items()}
    for header, item in chosen.items():
        if item.confidence < 1.0 and header not in overrides:
            log.warning(table.title, table.header_row, header, IssueCode.GUESSED_COLUMN,
                        f"Column '{header}' was read as {item.column} "
                        f"(confidence {item.confidence:.2f}); check this, or map it.")
    table.suggestions = [s for s in rest if s.header not in table.ignored]


def _report_columns(table: RawTable, raw: RawSheet, log: IssueLog) -> None:
    for missing in [c for c in table.sheet.required_columns if c not in table.mapping.values()]:
        if missing == table.sheet.id_column:
            table.mapping[ROW_ID] = missing
            log.warning(raw.title, table.header_row, None, IssueCode.GENERATED_ID,
                        f"No {missing} column was found, so each row's id is made from its "
                        f"row number ({row_id(table.sheet, table.header_row + 1)} for the "
                        "first row). Add an id column to keep ids stable between files.")
            continue
        log.error(raw.title, table.header_row, missing, IssueCode.MISSING_COLUMN,
                  f"Required column '{missing}' was not found.")
    hints = {s.header: s for s in table.suggestions}
    for header in table.extra_columns:
        hint = hints.get(header)
        guess = (f" It may be {hint.column} (confidence {hint.confidence:.2f}); map it to "
                 "use it." if hint else "")
        log.info(raw.title, table.header_row, header, IssueCode.UNMAPPED_COLUMN,
                 f"Column '{header}' is not a standard column; it is kept as a custom "
                 f"column.{guess}")
    for position, header in enumerate(table.headers, start=1):
        if header and position in raw.hidden_columns:
            log.warning(raw.title, table.header_row, header, IssueCode.HIDDEN_COLUMN,
                        f"Column '{header}' is hidden in the workbook; it was read.")


def row_id(sheet: Sheet, number: int) -> str:
    """The id given to a row of a table without an id column: 'S-row12' for Systems row 12."""
    return f"{sheet.name[0]}-row{number}"


def build_table(sheet: Sheet, raw: RawSheet, log: IssueLog,
                entry: SheetProfile | None = None) -> RawTable | None:
    """Find the header, map columns and collect data rows, reporting every skipped row."""
    report_blank_rows(raw, log)
    overrides = entry.overrides if entry else None
    if sheet is BUDGET and not (entry and entry.columns):
        grid = budget_layout.detect(raw)
        if grid is not None and find_header(sheet, raw, overrides) is None:
            return _grid_table(raw, *grid, log)
    found = find_header(sheet, raw, overrides, entry.header_row if entry else None)
    if found is None:
        missing = ", ".join(sheet.required_columns)
        log.error(raw.title, None, None, IssueCode.MISSING_COLUMN,
                  f"Could not find a header row with the columns {missing} in sheet "
                  f"'{raw.title}'.")
        return None
    index, headers = found
    headers = dedupe_headers(headers, raw.title, raw.rows[index][0], log)
    table = RawTable(sheet, raw.title, raw.rows[index][0], headers, {},
                     ignored=entry.ignored if entry else frozenset(),
                     reversed_scales=frozenset(entry.reversed_scales if entry else ()),
                     decimal_comma=raw.decimal_comma, date1904=raw.date1904, source=raw.source,
                     text_file=raw.text_file)
    _assign(table, raw, index, overrides or {}, log)
    for number, cells in raw.rows[:index]:
        log.info(raw.title, number, None, IssueCode.SKIPPED_ROW, "Title row above the header.",
                 shown(first_present(cells)[1]) if first_present(cells) else None)
    _report_columns(table, raw, log)
    _collect_rows(table, raw, index, log)
    return table


def _collect_rows(table: RawTable, raw: RawSheet, index: int, log: IssueLog) -> None:
    keyed = [(i, h) for i, h in enumerate(table.headers) if h]
    reverse = {c: h for h, c in table.mapping.items()}
    required = [reverse[c] for c in table.sheet.required_columns
                if c in reverse and reverse[c] != ROW_ID]
    id_header = reverse.get(table.sheet.id_column or "")
    generated = id_header == ROW_ID
    first_header = keyed[0][1] if keyed else None
    merged = merged_label_rows(raw.merged)
    uncached: dict[int, list[int]] = {}
    for row, col in sorted(raw.uncached):
        uncached.setdefault(row, []).append(col)
    formulas = 0
    for number, cells in raw.rows[index + 1:]:
        width = len(cells)
        values = {h: cells[i] if i < width else None for i, h in keyed}
        reason = row_skip_reason(cells, values, required, id_header, first_header, number in merged)
        if reason is not None:
            first = first_present(cells)
            log.info(raw.title, number, None, IssueCode.SKIPPED_ROW, reason,
                     shown(first[1]) if first else None)
            table.skipped += 1
            continue
        if number in raw.hidden_rows:
            log.warning(raw.title, number, None, IssueCode.HIDDEN_ROW,
                        "This row is hidden in the workbook; it was imported.")
        for col in uncached.get(number, ()):
            formulas += 1
            header = table.headers[col - 1] if col <= len(table.headers) else ""
            if formulas <= DETAILED_FORMULA_ISSUES and header:
                log.warning(raw.title, number, header, IssueCode.FORMULA_NOT_CALCULATED,
                            "This cell holds a formula whose result was never calculated and "
                            "saved, so it reads as blank. Open the file in Excel and save it "
                            "again.")
        if generated:
            values[ROW_ID] = row_id(table.sheet, number)
        table.rows.append(DataRow(number, values))
    if formulas > DETAILED_FORMULA_ISSUES:
        log.warning(raw.title, None, None, IssueCode.FORMULA_NOT_CALCULATED,
                    f"{formulas - DETAILED_FORMULA_ISSUES} more formula cells have no saved "
                    "result and read as blank. Open the file in Excel and save it again.")


def _grid_table(raw: RawSheet, layout: str, index: int, log: IssueLog) -> RawTable:
    grid = budget_layout.read_grid(raw, layout, index, log)
    table = RawTable(BUDGET, raw.title, raw.rows[index][0], list(grid.mapping), grid.mapping,
                     layout=layout, shown_mapping=grid.shown_mapping,
                     decimal_comma=raw.decimal_comma, date1904=raw.date1904, source=raw.source,
                     text_file=raw.text_file)
    table.rows = [DataRow(number, cells, labels) for number, cells, labels in grid.lines]
    log.info(raw.title, table.header_row, None, IssueCode.FILE_FORMAT,
             f"Budget grid ({'funds as rows' if layout == 'wide' else 'fiscal years as rows'})"
             f" read as {len(table.rows)} budget lines.")
    return table


def _pairwise(raw: RawSheet, log: IssueLog) -> RawSheet:
    """The pairwise matrix without title rows above it (names run across and down)."""
    for index, (_, cells) in enumerate(raw.rows[:HEADER_SEARCH_ROWS]):
        below = raw.rows[index + 1][1] if index + 1 < len(raw.rows) else []
        names = {header_text(c) for c in cells[1:] if not is_missing(c)}
        if below and header_text(below[0]) in names:
            for number, title_cells in raw.rows[:index]:
                first = first_present(title_cells)
                log.info(raw.title, number, None, IssueCode.SKIPPED_ROW,
                         "Title row above the header.", shown(first[1]) if first else None)
            return RawSheet(raw.title, raw.rows[index:], source=raw.source)
    return raw


def recognize(book: RawWorkbook, log: IssueLog, *,
              profile: MappingProfile | None = None) -> TableSet:
    """Assign every raw sheet to a canonical table (or report it), and build the tables."""
    result = TableSet(files=dict(book.files))
    log.extend(book.notes)
    # Sheets titled as a table are read first, so a sheet that only looks like one (an
    # exported roadmap's fiscal-year report, say) never displaces the sheet named for it.
    titled = {raw.title for raw in book.sheets
              if sheet_for_name(raw.title) or (profile and profile.for_title(raw.title))}
    for raw in sorted(book.sheets, key=lambda r: r.title not in titled):
        if raw.hidden:
            log.warning(raw.title, None, None, IssueCode.HIDDEN_SHEET,
                        f"Sheet '{raw.title}' is hidden in the workbook; it was read.")
        entry = profile.for_title(raw.title) if profile else None
        is_pairwise = entry.table == PAIRWISE_NAME if entry else \
            normalize_header(raw.title) in (PAIRWISE_NAME.lower(), *PAIRWISE_ALIASES)
        if is_pairwise:
            result.pairwise = _pairwise(raw, log)
            continue
        sheet = SHEETS_BY_NAME[entry.table] if entry else guess_sheet(raw)
        hint = sheet_hint(raw.title) if sheet is None and raw.rows else None
        if hint is not None:
            log.warning(raw.title, None, None, IssueCode.UNKNOWN_SHEET,
                        f"Sheet '{raw.title}' looks like a {hint.name} table by its name, but "
                        f"no header row with {', '.join(hint.required_columns)} was found in "
                        "its first rows; it was not read. Rename its headers or map them.")
            continue
        if sheet is None:
            if raw.rows:
                log.info(raw.title, None, None, IssueCode.UNKNOWN_SHEET,
                         f"Sheet '{raw.title}' was not recognized as an input table; "
                         "it was not read.")
            continue
        if sheet.name in result.tables:
            if raw.title not in titled and result.tables[sheet.name].title in titled:
                log.info(raw.title, None, None, IssueCode.UNKNOWN_SHEET,
                         f"Sheet '{raw.title}' looks like a {sheet.name} table; the sheet "
                         f"titled '{result.tables[sheet.name].title}' was read instead.")
                continue
            log.warning(raw.title, None, None, IssueCode.UNKNOWN_SHEET,
                        f"A second {sheet.name} table ('{raw.title}') was ignored; only "
                        f"'{result.tables[sheet.name].title}' was read.")
            continue
        table = build_table(sheet, raw, log, entry)
        if table is not None:
            result.tables[sheet.name] = table
    link_id_lists(result, log)
    return result


__all__ = ["DataRow", "RawTable", "TableSet", "build_table", "clean_text", "find_header",
           "guess_sheet", "map_headers", "recognize"]
