"""Raw tables to a validated Portfolio plus one lazy report of every problem found."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
from pydantic import BaseModel, ValidationError

from planner.core.issues import IssueCode, IssueLog
from planner.core.models import Pairwise, Portfolio, Settings
from planner.core.schema import CANDIDATES, SHEETS, Kind, Sheet
from planner.ingest.files import RawSheet
from planner.recognize.mapping import Suggestion
from planner.recognize.profiles import MappingProfile
from planner.recognize.tables import TableSet
from planner.validate.canonical import restore_estimates
from planner.validate.column_plan import money_magnitudes, plan_table, warn_small_money
from planner.validate.crosscheck import check_references
from planner.validate.funds import check_funds
from planner.validate.rows import MODELS, build_records, read_table, report_unusable
from planner.validate.rules import read_rules
from planner.validate.settings import known_overrides, read_settings
from planner.validate.stakeholders import read_stakeholders
from planner.validate.weighting import check_weighting
from planner.values.parse import CellError, clean_text, is_missing, parse_cell, to_number

__all__ = ["MODELS", "Validated", "build_records", "read_pairwise", "validate_tables"]
OWN_READERS = ("Settings", "Stakeholders", "Rules")  # read by their own module, not row models

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


def _read_tables(tables: TableSet, settings: Settings,
                 log: IssueLog) -> dict[str, list[tuple[int, BaseModel]]]:
    """Plan every table's columns, then read its rows (fiscal years with the start month)."""
    plans = {name: plan_table(table, log, start_month=settings.fiscal_year_start_month)
             for name, table in tables.tables.items() if name not in OWN_READERS}
    magnitudes = {(tables.tables[name].title, key): median for name, plan in plans.items()
                  for key, median in money_magnitudes(tables.tables[name], plan).items()}
    by_sheet: dict[str, list[tuple[int, BaseModel]]] = {}
    for name, plan in plans.items():
        table = tables.tables[name]
        warn_small_money(table, plan, magnitudes, log)
        read = read_table(table, log, plan)
        report_unusable(table, read, log)
        if name == "Budget":
            by_sheet[name] = _budget_unique(table.title, read.records, log)
        else:
            by_sheet[name] = _unique(table.sheet, table.title, read.records, log)
    return by_sheet


def _report_nothing_recognized(tables: TableSet, log: IssueLog) -> None:
    """An error when no table at all was recognized: the sheets found, the tables sought."""
    if tables.tables or tables.pairwise is not None:
        return
    sheets = sorted({i.sheet for i in log.items if i.sheet and i.sheet not in tables.files})
    found = ", ".join(f"'{s}'" for s in sheets) or "no sheet with data"
    sought = "; ".join(f"{s.name} ({', '.join(s.required_columns)})" for s in SHEETS
                       if s.name != "Settings")
    where = next(iter(tables.files), "upload")
    log.error(where, None, None, IssueCode.NO_USABLE_ROWS,
              f"No input table was recognized. Sheets found: {found}. Tables looked for, "
              f"with the columns each needs: {sought}. Name the sheets after the tables or "
              "map their columns.")


def validate_tables(tables: TableSet, log: IssueLog | None = None) -> Validated:
    """Validate recognized tables into a Portfolio with cross-references resolved."""
    log = log or IssueLog()
    # Settings first: the fiscal year's start month decides which year a date falls in.
    settings = read_settings(tables.tables.get("Settings"), log)
    by_sheet = _read_tables(tables, settings, log)
    _report_nothing_recognized(tables, log)
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
    check_funds(portfolio, _title(tables, "Budget"), rows, log)
    check_weighting(portfolio, tables.tables, rows, log)
    portfolio = portfolio.replace(stakeholders=read_stakeholders(
        tables.tables.get("Stakeholders"), portfolio, log))
    portfolio = portfolio.replace(rules=read_rules(tables.tables.get("Rules"), portfolio, log))
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


def _title(tables: TableSet, name: str) -> str | None:
    return tables.tables[name].title if name in tables.tables else None


def _id_field(sheet_name: str) -> str | None:
    return {"Systems": "system_id", "Processes": "process_id", "Candidates": "candidate_id",
            "Criteria": "criterion"}.get(sheet_name)
