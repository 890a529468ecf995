"""One table's rows to models, keeping what can be kept.

Only a missing or invalid id, a missing name or an invalid required value keeps a row out.
An unreadable optional cell, or an optional value the model refuses (out of range), leaves
that field blank with a `blanked-value` warning naming the cell, and the row is imported.
A table whose rows were all kept out is reported once with `no-usable-rows`, saying what
was looked for and what was found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.core.issues import IssueCode, IssueLog
from planner.core.models import BudgetLine, Candidate, Criterion, Process, System
from planner.core.schema import Sheet
from planner.recognize.tables import DataRow, RawTable
from planner.validate.column_plan import Plan, plan_table
from planner.validate.columns import zero_key
from planner.values.parse import CellError, clean_text, is_missing, to_number

MODELS: dict[str, type[BaseModel]] = {
    "Systems": System,
    "Processes": Process,
    "Candidates": Candidate,
    "Budget": BudgetLine,
    "Criteria": Criterion,
}
_RANGE_ERRORS = ("greater_than_equal", "less_than_equal", "greater_than", "less_than",
                 "string_too_short")
_NOUNS = {"Systems": "system", "Processes": "process", "Candidates": "candidate",
          "Budget": "budget", "Criteria": "criterion"}


@dataclass
class TableRead:
    """The records read from a table, and why the others were kept out."""

    records: list[tuple[int, BaseModel]] = field(default_factory=list)
    missing: Counter[str] = field(default_factory=Counter)  # required column -> rows blank
    unreadable: Counter[str] = field(default_factory=Counter)  # column -> rows unreadable
    refused: int = 0  # rows the model refused for other reasons


def blocks_row(sheet: Sheet, canonical: str) -> bool:
    """True for the id and required columns: without a readable value the row is kept out."""
    column = sheet.column_index.get(canonical)
    return canonical == sheet.id_column or (column is not None and column.required)


def _blank(table: RawTable, row: DataRow, header: str, canonical: str, why: str,
           value: Any, log: IssueLog) -> None:
    log.warning(table.title, row.number, header, IssueCode.BLANKED_VALUE,
                f"{canonical}: {why}. The field was left blank; the rest of the row was "
                "imported.", value)


def _cells(table: RawTable, row: DataRow, plan: Plan, log: IssueLog,
           read: TableRead) -> tuple[dict[str, Any], dict[int, float], dict[str, str], bool]:
    """Each mapped cell read by its column's plan: fields, spend, blank required, ok."""
    fields: dict[str, Any] = {}
    spend: dict[int, float] = {}
    missing: dict[str, str] = {}
    ok = True
    for key, reading in plan.items():
        canonical = reading.canonical
        raw = row.cells.get(key)
        try:
            parsed = reading.read(raw)
        except CellError as exc:
            header = row.labels.get(key, key)  # budget grids name the grid's own column
            if not blocks_row(table.sheet, canonical):
                _blank(table, row, header, canonical, str(exc), raw, log)
                continue
            log.error(table.title, row.number, header, IssueCode(exc.code),
                      f"{canonical}: {exc}", raw)
            read.unreadable[canonical] += ok
            ok = False
            continue
        if reading.spend_year is not None:
            if parsed.value:
                spend[reading.spend_year] = parsed.value
            continue
        if parsed.value is None:
            if blocks_row(table.sheet, canonical):
                missing[canonical] = key
            continue
        if parsed.note:
            log.warning(table.title, row.number, row.labels.get(key, key),
                        IssueCode.COERCED_VALUE,
                        f"{canonical}: {parsed.note}.", raw)
        fields[canonical] = parsed.value
    return fields, spend, missing, ok


def _extra(table: RawTable, row: DataRow) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for header in table.extra_columns:
        raw = row.cells.get(header)
        if is_missing(raw):
            continue
        try:
            extra[header] = to_number(raw, table.read_options)
        except CellError:
            extra[header] = clean_text(raw)
    return extra


def read_fields(table: RawTable, row: DataRow, plan: Plan, log: IssueLog,
                read: TableRead) -> dict[str, Any] | None:
    """Parse one row's cells into model fields; None when a blocking cell keeps it out."""
    fields, spend, missing, ok = _cells(table, row, plan, log, read)
    if table.sheet.name in ("Systems", "Processes", "Candidates"):
        fields["extra"] = _extra(table, row)
    if table.sheet.name == "Candidates":
        fields["spend_profile"] = spend
        cost_key = next((k for k, c in table.mapping.items() if c == "one_time_cost"), None)
        if spend and cost_key and zero_key(row.cells.get(cost_key)):
            fields.pop("one_time_cost", None)  # a dash beside spend columns: their sum
            missing["one_time_cost"] = cost_key
        if spend and "one_time_cost" in missing:
            fields["one_time_cost"] = sum(spend.values())
            del missing["one_time_cost"]
            log.info(table.title, row.number, None, IssueCode.COERCED_VALUE,
                     "one_time_cost taken as the sum of the cost_FY columns.")
    for canonical, key in missing.items():
        log.error(table.title, row.number, row.labels.get(key, key), IssueCode.MISSING_VALUE,
                  f"{canonical} is required.", row.cells.get(key))
        read.missing[canonical] += ok
        ok = False
    return fields if ok else None


def _error_field(error: Any) -> str | None:
    return str(error["loc"][0]) if error["loc"] else None


def _model_errors(table: RawTable, row: DataRow, exc: ValidationError, log: IssueLog,
                  *, blanked: bool = False) -> None:
    reverse = {canonical: header for header, canonical in table.mapping.items()}
    for error in exc.errors():
        field_name = _error_field(error)
        key = reverse.get(field_name, field_name) if field_name else None
        value = row.cells.get(key) if key else None
        header = row.labels.get(key, key) if key else None
        message = error["msg"].removeprefix("Value error, ")
        if blanked:
            _blank(table, row, header or field_name or "", field_name or "", message, value, log)
            continue
        code = IssueCode.OUT_OF_RANGE if error["type"] in _RANGE_ERRORS else \
            IssueCode.INVALID_ROW
        label = f"{field_name}: " if field_name else ""
        log.error(table.title, row.number, header, code, f"{label}{message}.", value)


def _refuse(table: RawTable, row: DataRow, exc: ValidationError, log: IssueLog,
            read: TableRead) -> None:
    _model_errors(table, row, exc, log)
    absent = [_error_field(e) for e in exc.errors() if e["type"] == "missing"]
    if absent and absent[0]:
        read.missing[absent[0]] += 1  # a required column the table does not have
    else:
        read.refused += 1


def _model(table: RawTable, row: DataRow, fields: dict[str, Any], log: IssueLog,
           read: TableRead) -> BaseModel | None:
    """The row's model; optional fields it refuses are blanked and it is validated again."""
    model = MODELS[table.sheet.name]
    try:
        return model(**fields)
    except ValidationError as exc:
        refused = {_error_field(e) for e in exc.errors()}
        optional = {f for f in refused if f in table.sheet.column_index
                    and not blocks_row(table.sheet, f)}
        if refused != optional:
            _refuse(table, row, exc, log, read)
            return None
        _model_errors(table, row, exc, log, blanked=True)
    try:
        return model(**{k: v for k, v in fields.items() if k not in optional})
    except ValidationError as exc:
        _refuse(table, row, exc, log, read)
        return None


def read_table(table: RawTable, log: IssueLog, plan: Plan | None = None) -> TableRead:
    """Every row of a table validated into models, and a tally of the rows kept out."""
    plan = plan if plan is not None else plan_table(table, log)
    read = TableRead()
    for row in table.rows:
        fields = read_fields(table, row, plan, log, read)
        if fields is None:
            continue
        record = _model(table, row, fields, log, read)
        if record is not None:
            read.records.append((row.number, record))
    return read


def build_records(table: RawTable, log: IssueLog) -> list[tuple[int, BaseModel]]:
    """Validate every row of a table into models; rows with blocking errors are left out."""
    return read_table(table, log).records


def report_unusable(table: RawTable, read: TableRead, log: IssueLog) -> None:
    """An error when a table had rows but none could be read, saying why and what to do."""
    if not table.rows or read.records:
        return
    mapped = set(table.mapping.values())
    reasons = [f"{n} have no {c}" for c, n in read.missing.most_common()]
    reasons += [f"{n} have an unreadable {c}" for c, n in read.unreadable.most_common()]
    if read.refused:
        reasons.append(f"{read.refused} have other errors")
    unmapped = [c for c in table.sheet.required_columns if c not in mapped]
    hint = (f"; no column was read as {', '.join(unmapped)}: map the column that holds it"
            if unmapped else "; see the errors on each row")
    noun = _NOUNS.get(table.sheet.name, "data")
    log.error(table.title, None, None, IssueCode.NO_USABLE_ROWS,
              f"{len(table.rows)} {noun} rows found, none readable: "
              f"{', '.join(reasons) or 'every row has errors'}{hint}.")
