"""The Stakeholders sheet: one row of weights per person or body, one column per criterion.

The criterion columns are the user's own headers, named as the criteria of the Criteria sheet
(by criterion or by the column it reads) or, without one, of the preset in Settings. Every
problem is reported on the row and column the user sees; a row with an unreadable, blank,
negative or zero weight, no name or a name already used is left out. How the weights are
combined, and when, is `planner.score.stakeholders`.
"""

from __future__ import annotations

from typing import Any

from planner.core.issues import IssueCode, IssueLog
from planner.core.models import Criterion, Portfolio, Stakeholder
from planner.errors import ScoringError
from planner.recognize.raw_tables import DataRow, RawTable
from planner.score.criteria import preset_for
from planner.score.stakeholders import criterion_for
from planner.values.parse import CellError, clean_text, is_missing, to_number


def known_criteria(portfolio: Portfolio) -> tuple[Criterion, ...]:
    """The criteria a stakeholder column may name: the Criteria sheet's, else the preset's."""
    if portfolio.criteria:
        return portfolio.criteria
    try:
        return preset_for(portfolio.settings.preset).criteria
    except ScoringError:  # an unknown preset is reported with the Settings sheet
        return ()


def _header(table: RawTable, column: str) -> str | None:
    return next((h for h, c in table.mapping.items() if c == column), None)


def _criterion_columns(table: RawTable, criteria: tuple[Criterion, ...],
                       log: IssueLog) -> dict[str, str]:
    """Header -> criterion name for the columns that name a criterion; the others reported."""
    extra = set(table.extra_columns)
    # The recognizer calls every criterion column a custom column; here each is accounted for.
    log.items = [i for i in log.items if not (i.sheet == table.title and i.column in extra
                                              and i.code is IssueCode.UNMAPPED_COLUMN)]
    names = ", ".join(c.criterion for c in criteria)
    columns: dict[str, str] = {}
    for header in table.extra_columns:
        crit = criterion_for(header, criteria) if criteria else None
        if crit is None and criteria:
            log.warning(table.title, table.header_row, header, IssueCode.UNKNOWN_REFERENCE,
                        f"Column '{header}' is not one of the criteria ({names}); it was not "
                        "read as a weight.")
        elif crit is not None and crit.criterion in columns.values():
            log.warning(table.title, table.header_row, header, IssueCode.DUPLICATE_COLUMN,
                        f"Column '{header}' weighs {crit.criterion} again; only the first "
                        "such column was read.")
        else:
            columns[header] = crit.criterion if crit else header
    return columns


def _report_uncovered(table: RawTable, columns: dict[str, str],
                      criteria: tuple[Criterion, ...], log: IssueLog) -> None:
    missing = [c.criterion for c in criteria if c.criterion not in columns.values()]
    if missing:
        log.warning(table.title, table.header_row, None, IssueCode.MISSING_COLUMN,
                    f"No column weighs {', '.join(missing)}. The stakeholders' weights are "
                    "combined only when every stakeholder weighs every criterion; add a "
                    "column for each.")


def _weight(table: RawTable, row: DataRow, header: str, log: IssueLog) -> float | None:
    """One weight cell, or None after reporting why it cannot be used."""
    raw = row.cells.get(header)
    if is_missing(raw):
        log.error(table.title, row.number, header, IssueCode.MISSING_VALUE,
                  f"No weight for {header}: every stakeholder weighs every criterion (use a "
                  "small number such as 1 for 'hardly matters'). This row was not imported.",
                  raw)
        return None
    try:
        value = to_number(raw, table.read_options)
    except CellError as exc:
        log.error(table.title, row.number, header, IssueCode.TYPE_ERROR,
                  f"Weight for {header}: {exc}. This row was not imported.", raw)
        return None
    if value <= 0:
        why = "is negative" if value < 0 else "is zero, which would silence the criterion " \
                                               "for every stakeholder in a geometric mean"
        log.error(table.title, row.number, header, IssueCode.OUT_OF_RANGE,
                  f"Weight for {header} {why}; weights are positive numbers (use a small "
                  "number such as 1 for 'hardly matters'). This row was not imported.", raw)
        return None
    return value


def _read_row(table: RawTable, row: DataRow, columns: dict[str, str],
              log: IssueLog) -> Stakeholder | None:
    name_header, role_header = _header(table, "stakeholder"), _header(table, "role")
    raw_name = row.cells.get(name_header) if name_header else None
    weights = {criterion: _weight(table, row, header, log)
               for header, criterion in columns.items()}
    if is_missing(raw_name):
        log.error(table.title, row.number, name_header, IssueCode.MISSING_VALUE,
                  "stakeholder is required: whose weights are these? This row was not "
                  "imported.")
        return None
    if any(w is None for w in weights.values()):
        return None
    raw_role: Any = row.cells.get(role_header) if role_header else None
    role = None if is_missing(raw_role) else clean_text(raw_role)
    return Stakeholder(name=clean_text(raw_name), role=role,
                       weights={c: float(w) for c, w in weights.items() if w is not None})


def read_stakeholders(table: RawTable | None, portfolio: Portfolio,
                      log: IssueLog) -> tuple[Stakeholder, ...]:
    """The stakeholders of the sheet, every problem reported with its row and column."""
    if table is None or not table.rows:  # a blank sheet (the template's) lists nobody
        return ()
    criteria = known_criteria(portfolio)
    columns = _criterion_columns(table, criteria, log)
    if not columns:
        log.warning(table.title, table.header_row, None, IssueCode.NO_USABLE_ROWS,
                    "None of the columns names a criterion, so no stakeholder weights were "
                    f"read. Name one column per criterion: "
                    f"{', '.join(c.criterion for c in criteria)}.")
        return ()
    _report_uncovered(table, columns, criteria, log)
    first: dict[str, int] = {}
    people: list[Stakeholder] = []
    for row in table.rows:
        person = _read_row(table, row, columns, log)
        if person is None:
            continue
        key = person.name.casefold()
        if key in first:
            log.error(table.title, row.number, _header(table, "stakeholder"),
                      IssueCode.DUPLICATE_ID, f"stakeholder '{person.name}' is already on row "
                      f"{first[key]}; this row was not imported.", person.name)
            continue
        first[key] = row.number
        people.append(person)
    return tuple(people)
