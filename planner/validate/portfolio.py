"""Raw tables to a validated Portfolio plus one lazy report of every problem found."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
from pydantic import BaseModel, ValidationError

from planner.core.issues import IssueCode, IssueLog
from planner.core.models import (
    BudgetLine,
    Candidate,
    Criterion,
    Pairwise,
    Portfolio,
    Process,
    System,
)
from planner.core.schema import CANDIDATES, Kind, Sheet
from planner.ingest.files import RawSheet
from planner.recognize.mapping import Suggestion
from planner.recognize.profiles import MappingProfile
from planner.recognize.tables import DataRow, RawTable, TableSet
from planner.validate.canonical import restore_estimates
from planner.validate.crosscheck import check_references
from planner.validate.settings import known_overrides, read_settings
from planner.values.parse import CellError, clean_text, is_missing, parse_cell, to_number

MODELS: dict[str, type[BaseModel]] = {
    "Systems": System,
    "Processes": Process,
    "Candidates": Candidate,
    "Budget": BudgetLine,
    "Criteria": Criterion,
}


@dataclass
class Validated:
    """The outcome of validation: the portfolio, every issue, and where each record came from."""

    portfolio: Portfolio
    log: IssueLog
    counts: dict[str, int] = field(default_factory=dict)
    mapping: dict[str, dict[str, str]] = field(default_factory=dict)
    rows: dict[tuple[str, str], int] = field(default_factory=dict)  # (sheet, id) -> row
    files: dict[str, str] = field(default_factory=dict)
    suggestions: dict[str, list[Suggestion]] = field(default_factory=dict)  # unmapped headers
    profile: MappingProfile = field(default_factory=MappingProfile)  # the mapping, to save

    @property
    def issues(self) -> pd.DataFrame:
        """The issues table."""
        return self.log.frame()


def _record(table: RawTable, row: DataRow, log: IssueLog) -> dict[str, Any] | None:
    """Parse one row's cells into model fields; None when a cell error keeps it out."""
    sheet = table.sheet
    fields: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    spend: dict[int, float] = {}
    missing: dict[str, str] = {}
    ok = True
    options = table.read_options
    parse_options = table.parse_options
    for key, canonical in table.mapping.items():
        raw = row.cells.get(key)
        header = row.labels.get(key, key)  # budget grids name the grid's own column
        if canonical.startswith("cost_FY"):
            try:
                amount = to_number(raw, options) if not is_missing(raw) else None
            except CellError as exc:
                log.error(table.title, row.number, header, IssueCode.TYPE_ERROR, str(exc), raw)
                ok = False
                continue
            if amount:
                spend[int(canonical[len("cost_FY"):])] = amount
            continue
        column = sheet.column_index[canonical]
        try:
            parsed = parse_cell(column.kind, raw, **parse_options)
        except CellError as exc:
            log.error(table.title, row.number, header, IssueCode(exc.code),
                      f"{column.name}: {exc}", raw)
            ok = False
            continue
        if parsed.value is None:
            if column.required:
                missing[canonical] = key
            continue
        if parsed.note:
            log.warning(table.title, row.number, header, IssueCode.COERCED_VALUE,
                        f"{column.name}: {parsed.note}.", raw)
        fields[canonical] = parsed.value
    for header in table.extra_columns:
        raw = row.cells.get(header)
        if is_missing(raw):
            continue
        try:
            extra[header] = to_number(raw, options)
        except CellError:
            extra[header] = clean_text(raw)
    if sheet.name in ("Systems", "Processes", "Candidates"):
        fields["extra"] = extra
    if sheet.name == "Candidates":
        fields["spend_profile"] = spend
        if spend and "one_time_cost" in missing:
            fields["one_time_cost"] = sum(spend.values())
            del missing["one_time_cost"]
            log.info(table.title, row.number, None, IssueCode.COERCED_VALUE,
                     "one_time_cost taken as the sum of the cost_FY columns.")
    for canonical, key in missing.items():
        log.error(table.title, row.number, row.labels.get(key, key), IssueCode.MISSING_VALUE,
                  f"{canonical} is required.", row.cells.get(key))
    return fields if ok and not missing else None


def _model_errors(table: RawTable, row: DataRow, exc: ValidationError, log: IssueLog) -> None:
    reverse = {canonical: header for header, canonical in table.mapping.items()}
    for error in exc.errors():
        field_name = str(error["loc"][0]) if error["loc"] else None
        header = reverse.get(field_name, field_name) if field_name else None
        value = row.cells.get(header) if header else None
        header = row.labels.get(header, header) if header else None
        code = IssueCode.OUT_OF_RANGE if error["type"] in (
            "greater_than_equal", "less_than_equal", "greater_than", "less_than",
            "string_too_short") else IssueCode.INVALID_ROW
        message = error["msg"].removeprefix("Value error, ")
        label = f"{field_name}: " if field_name else ""
        log.error(table.title, row.number, header, code, f"{label}{message}.", value)


def build_records(table: RawTable, log: IssueLog) -> list[tuple[int, BaseModel]]:
    """Validate every row of a table into models; rows with errors are reported and left out."""
    model = MODELS[table.sheet.name]
    records: list[tuple[int, BaseModel]] = []
    for row in table.rows:
        fields = _record(table, row, log)
        if fields is None:
            continue
        try:
            records.append((row.number, model(**fields)))
        except ValidationError as exc:
            _model_errors(table, row, exc, log)
    return records


def _unique(sheet: Sheet, title: str, records: list[tuple[int, BaseModel]],
            log: IssueLog) -> list[tuple[int, BaseModel]]:
    if sheet.id_column is None:
        return records
    first: dict[str, int] = {}
    kept = []
    for number, record in records:
        key = getattr(record, sheet.id_column)
        if key in first:
            log.error(title, number, sheet.id_column, IssueCode.DUPLICATE_ID,
                      f"{sheet.id_column} '{key}' already used on row {first[key]}; this row "
                      "was not imported.", key)
            continue
        first[key] = number
        kept.append((number, record))
    return kept


def _budget_unique(title: str, records: list[tuple[int, BaseModel]],
                   log: IssueLog) -> list[tuple[int, BaseModel]]:
    first: dict[tuple[int, str], int] = {}
    kept = []
    for number, line in records:
        key = (line.fiscal_year, line.fund.casefold())
        if key in first:
            log.error(title, number, "fund", IssueCode.DUPLICATE_ID,
                      f"FY{line.fiscal_year} {line.fund} already has a budget on row "
                      f"{first[key]}; this row was not imported.", line.fund)
            continue
        first[key] = number
        kept.append((number, line))
    return kept


def read_pairwise(raw: RawSheet | None, log: IssueLog) -> Pairwise | None:
    """A square AHP matrix: criterion names across the first row and down the first column."""
    if raw is None or not raw.rows:
        return None
    header_number, header = raw.rows[0]
    names = [clean_text(c) for c in header[1:] if not is_missing(c)]
    matrix = []
    for number, cells in raw.rows[1:len(names) + 1]:
        try:
            matrix.append(tuple(_judgment(c) for c in cells[1:len(names) + 1]))
        except (CellError, ZeroDivisionError):
            log.error(raw.title, number, None, IssueCode.TYPE_ERROR,
                      "Pairwise judgments must be positive numbers such as 3 or 1/3.")
            return None
    try:
        return Pairwise(criteria=tuple(names), matrix=tuple(matrix))
    except ValidationError as exc:
        log.error(raw.title, header_number, None, IssueCode.INVALID_ROW,
                  exc.errors()[0]["msg"].removeprefix("Value error, ") + ".")
        return None


def _judgment(cell: Any) -> float:
    if isinstance(cell, str) and "/" in cell:
        top, bottom = cell.split("/", 1)
        return to_number(top) / to_number(bottom)
    return to_number(cell)


def validate_tables(tables: TableSet, log: IssueLog | None = None) -> Validated:
    """Validate recognized tables into a Portfolio with cross-references resolved."""
    log = log or IssueLog()
    by_sheet: dict[str, list[tuple[int, BaseModel]]] = {}
    for name, table in tables.tables.items():
        if name == "Settings":
            continue
        records = build_records(table, log)
        if name == "Budget":
            records = _budget_unique(table.title, records, log)
        else:
            records = _unique(table.sheet, table.title, records, log)
        by_sheet[name] = records
    settings = read_settings(tables.tables.get("Settings"), log)
    rows: dict[tuple[str, str], int] = {}
    for name, records in by_sheet.items():
        id_field = _id_field(name)
        for number, record in records:
            key = getattr(record, id_field) if id_field else f"FY{record.fiscal_year}/{record.fund}"
            rows[(name, key)] = number
    portfolio = Portfolio.build(
        systems=[r for _, r in by_sheet.get("Systems", [])],
        processes=[r for _, r in by_sheet.get("Processes", [])],
        candidates=[r for _, r in by_sheet.get("Candidates", [])],
        budget=[r for _, r in by_sheet.get("Budget", [])],
        criteria=[r for _, r in by_sheet.get("Criteria", [])],
        pairwise=read_pairwise(tables.pairwise, log),
        settings=settings,
    )
    title = tables.tables["Candidates"].title if "Candidates" in tables.tables else CANDIDATES.name
    portfolio = check_references(portfolio, rows, title, log,
                                 rejected=_rejected_ids(tables, by_sheet, rows))
    portfolio = known_overrides(portfolio, tables.tables.get("Settings"), log)
    portfolio = restore_estimates(portfolio)  # a council workbook lists estimated fields
    _use_source_headers(log, tables)
    return Validated(portfolio, log, tables.counts, tables.mappings, rows, dict(tables.files),
                     tables.suggestions, tables.profile())


def _rejected_ids(tables: TableSet, by_sheet: dict[str, list[tuple[int, BaseModel]]],
                  kept: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """(sheet, id) -> row of rows that carry an id but were left out for errors."""
    rejected: dict[tuple[str, str], int] = {}
    for name in ("Systems", "Processes", "Candidates"):
        table = tables.tables.get(name)
        if table is None:
            continue
        header = next((h for h, c in table.mapping.items() if c == table.sheet.id_column), None)
        imported = {number for number, _ in by_sheet.get(name, [])}
        for row in table.rows:
            if header is None or row.number in imported:
                continue
            try:
                key = parse_cell(Kind.ID, row.cells.get(header)).value
            except CellError:
                continue
            if key and (name, key) not in kept:
                rejected.setdefault((name, key), row.number)
    return rejected


def _use_source_headers(log: IssueLog, tables: TableSet) -> None:
    """Checks that know only canonical columns report them under the user's own header."""
    by_title = {t.title: t for t in tables.tables.values()}
    for index, issue in enumerate(log.items):
        table = by_title.get(issue.sheet)
        if table is None or issue.column is None or issue.column in table.mapping:
            continue
        header = next((h for h, c in table.mapping.items() if c == issue.column), None)
        if header is not None:
            log.items[index] = replace(issue, column=header)


def _id_field(sheet_name: str) -> str | None:
    return {"Systems": "system_id", "Processes": "process_id", "Candidates": "candidate_id",
            "Criteria": "criterion"}.get(sheet_name)
