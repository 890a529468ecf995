"""The Rules sheet: one balance rule per row (a share, amount or count of capital for a group).

Columns: rule (its name), column (a Candidates column, or department), value (the group's
value in that column), kind (min share, max share, min amount, max amount, exactly one, at
least one), limit (a share such as 40% or an amount such as $2M; blank for a count) and scope
(all years, each year or one fiscal year). Every problem is reported on the row and under the
header the user sees; a row with an unknown column, a value no candidate has, an unreadable or
out-of-range limit, a minimum above the maximum of the same group, or a name already used is
left out. What a rule means for the plan is `planner.core.balance`.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from planner.core.balance import (
    REPORT_HEADERS,
    BalanceRule,
    RuleKind,
    column_values,
    known_column,
    members,
)
from planner.core.issues import IssueCode, IssueLog
from planner.core.models import Portfolio
from planner.core.schema import Kind
from planner.recognize.raw_tables import DataRow, RawTable
from planner.values.parse import CellError, clean_text, is_missing, parse_cell

ALL_YEARS = ("", "all", "all years", "horizon", "whole horizon", "total", "over all years",
             "plan", "the plan")
EACH_YEAR = ("each year", "every year", "per year", "yearly", "annual", "annually", "a year")
KINDS = ", ".join(k.value for k in RuleKind)


class _Row:
    """One row being read: its cells by canonical column, and where to report problems."""

    def __init__(self, table: RawTable, row: DataRow, log: IssueLog) -> None:
        self.table, self.row, self.log = table, row, log
        self.headers = {c: h for h, c in table.mapping.items()}

    def header(self, column: str) -> str:
        return self.headers.get(column, column)

    def cell(self, column: str) -> Any:
        header = self.headers.get(column)
        return None if header is None else self.row.cells.get(header)

    def text(self, column: str) -> str | None:
        raw = self.cell(column)
        return None if is_missing(raw) else clean_text(raw)

    def error(self, column: str | None, code: IssueCode, message: str, value: Any = None) -> None:
        self.log.error(self.table.title, self.row.number, self.header(column) if column else None,
                       code, message + " This rule was not imported.", value)

    def warning(self, column: str, code: IssueCode, message: str, value: Any = None) -> None:
        self.log.warning(self.table.title, self.row.number, self.header(column), code, message,
                         value)


def _required(row: _Row, column: str, why: str) -> str | None:
    text = row.text(column)
    if text is None:
        row.error(column, IssueCode.MISSING_VALUE, f"{column} is required: {why}.")
    return text


def _kind(row: _Row) -> RuleKind | None:
    text = _required(row, "kind", f"say what the rule limits ({KINDS})")
    if text is None:
        return None
    try:
        return RuleKind.from_text(text)
    except ValueError:
        row.error("kind", IssueCode.INVALID_CHOICE, f"'{text}' is not a kind of rule; use one "
                  f"of: {KINDS}.", text)
        return None


def _limit(row: _Row, kind: RuleKind) -> tuple[bool, float | None]:
    """(readable, limit): a share 0-1, dollars, or None for a count."""
    raw = row.cell("limit")
    if kind.is_count:
        if not is_missing(raw):
            row.warning("limit", IssueCode.BLANKED_VALUE, f"A rule of '{kind.value}' counts "
                        "funded candidates, so its limit was not used.", raw)
        return True, None
    what = "a share such as 40%" if kind.is_share else "an amount such as $2M"
    if is_missing(raw):
        row.error("limit", IssueCode.MISSING_VALUE, f"A rule of '{kind.value}' needs a limit: "
                  f"{what}.")
        return False, None
    try:
        parsed = parse_cell(Kind.PERCENT if kind.is_share else Kind.MONEY, raw,
                            **row.table.parse_options)
    except CellError as exc:
        code = IssueCode.OUT_OF_RANGE if kind.is_share and "between" in str(exc) \
            else IssueCode.TYPE_ERROR
        row.error("limit", code, f"The limit of a '{kind.value}' rule is {what}: {exc}.", raw)
        return False, None
    if parsed.value is None or parsed.value < 0:
        row.error("limit", IssueCode.OUT_OF_RANGE, f"The limit of a '{kind.value}' rule is "
                  f"{what}, not a negative number.", raw)
        return False, None
    if parsed.note:
        row.warning("limit", IssueCode.COERCED_VALUE, f"Limit {parsed.note}.", raw)
    return True, float(parsed.value)


def _scope(row: _Row, kind: RuleKind, years: list[int]) -> tuple[bool, int | None, bool]:
    """(readable, fiscal year, each year)."""
    raw = row.cell("scope")
    text = "" if is_missing(raw) else " ".join(clean_text(raw).casefold().split())
    if text in ALL_YEARS or text in EACH_YEAR:
        each = text in EACH_YEAR
        if each and kind.is_count:
            row.warning("scope", IssueCode.BLANKED_VALUE, f"A rule of '{kind.value}' counts "
                        "over all years; 'each year' was not used.", raw)
        return True, None, each and not kind.is_count
    try:
        year = parse_cell(Kind.FISCAL_YEAR, raw, **row.table.parse_options).value
    except CellError:
        year = None
    if year is None:
        row.error("scope", IssueCode.INVALID_CHOICE, f"Scope '{clean_text(raw)}' is not "
                  "'all years', 'each year' or a fiscal year such as FY2028.", raw)
        return False, None, False
    if kind.is_count:
        row.warning("scope", IssueCode.BLANKED_VALUE, f"A rule of '{kind.value}' counts over "
                    "all years; the fiscal year was not used.", raw)
        return True, None, False
    if years and year not in years:
        row.error("scope", IssueCode.OUTSIDE_HORIZON, f"FY{year} is outside the plan's years "
                  f"(FY{years[0]}-FY{years[-1]}).", raw)
        return False, None, False
    return True, int(year), False


def _group(row: _Row, portfolio: Portfolio, column: str, value: str) -> bool:
    if not known_column(portfolio, column):
        row.error("column", IssueCode.UNKNOWN_REFERENCE, f"'{column}' is not a column of the "
                  "Candidates sheet (nor department, read from the systems and processes each "
                  "candidate modernizes).", column)
        return False
    probe = BalanceRule(name="probe", column=column, value=value, kind=RuleKind.AT_LEAST_ONE)
    if portfolio.candidates and not members(portfolio, probe):
        known = column_values(portfolio, column)
        listed = ", ".join(known[:8]) + (" ..." if len(known) > 8 else "")
        row.error("value", IssueCode.UNKNOWN_REFERENCE, f"No candidate has {column} "
                  f"'{value}'" + (f" (values found: {listed})." if known else "."), value)
        return False
    return True


def _read_row(table: RawTable, data: DataRow, portfolio: Portfolio,
              log: IssueLog) -> BalanceRule | None:
    row = _Row(table, data, log)
    name = _required(row, "rule", "name the rule, so the plan can report it")
    column = _required(row, "column", "the Candidates column that forms the group")
    value = _required(row, "value", "the value of that column the group's candidates have")
    kind = _kind(row)
    if name is None or column is None or value is None or kind is None:
        return None
    if not _group(row, portfolio, column, value):
        return None
    limit_ok, limit = _limit(row, kind)
    scope_ok, year, each = _scope(row, kind, portfolio.fiscal_years)
    if not (limit_ok and scope_ok):
        return None
    try:
        return BalanceRule(name=name, column=column, value=value, kind=kind, limit=limit,
                           fiscal_year=year, each_year=each)
    except ValidationError as exc:
        row.error("limit", IssueCode.OUT_OF_RANGE,
                  exc.errors()[0]["msg"].removeprefix("Value error, ") + ".", row.cell("limit"))
        return None


def _min_above_max(rules: list[tuple[int, BalanceRule]], table: RawTable,
                   log: IssueLog) -> list[tuple[int, BalanceRule]]:
    """Drop a minimum above the maximum of the same group, scope and measure."""
    header = next((h for h, c in table.mapping.items() if c == "limit"), "limit")
    kept = []
    for number, rule in rules:
        clash = next(((n, r) for n, r in rules if r.kind.is_share == rule.kind.is_share
                      and rule.kind.is_min and not r.kind.is_min and not r.kind.is_count
                      and (r.column.casefold(), r.value.casefold(), r.fiscal_year, r.each_year)
                      == (rule.column.casefold(), rule.value.casefold(), rule.fiscal_year,
                          rule.each_year)
                      and (rule.limit or 0) > (r.limit or 0) + 1e-9), None)
        if clash is None:
            kept.append((number, rule))
            continue
        log.error(table.title, number, header, IssueCode.INCONSISTENT_VALUE,
                  f"Rule '{rule.name}' asks for at least {_limit_words(rule)} of "
                  f"{rule.group}, above the most that rule '{clash[1].name}' on row {clash[0]} "
                  f"allows ({_limit_words(clash[1])}); no plan could keep both. This rule was "
                  "not imported.", rule.limit)
    return kept


def _limit_words(rule: BalanceRule) -> str:
    limit = rule.limit or 0.0
    return f"{100 * limit:g}%" if rule.kind.is_share else f"${limit:,.0f}"


def read_rules(table: RawTable | None, portfolio: Portfolio,
               log: IssueLog) -> tuple[BalanceRule, ...]:
    """The balance rules of the sheet, every problem reported with its row and column."""
    if table is None or not table.rows:  # a blank sheet (the template's) has no rules
        return ()
    # the council workbook's report beside each rule is no custom column to note
    log.items = [i for i in log.items if not (i.sheet == table.title and i.code is
                                              IssueCode.UNMAPPED_COLUMN and i.column
                                              and i.column.casefold() in REPORT_HEADERS)]
    first: dict[str, int] = {}
    rules: list[tuple[int, BalanceRule]] = []
    header = next((h for h, c in table.mapping.items() if c == "rule"), "rule")
    for data in table.rows:
        rule = _read_row(table, data, portfolio, log)
        if rule is None:
            continue
        key = rule.name.casefold()
        if key in first:
            log.error(table.title, data.number, header, IssueCode.DUPLICATE_ID,
                      f"rule '{rule.name}' is already on row {first[key]}. This rule was not "
                      "imported.", rule.name)
            continue
        first[key] = data.number
        rules.append((data.number, rule))
    return tuple(rule for _, rule in _min_above_max(rules, table, log))
