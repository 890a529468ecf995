"""Import problems as data: one tidy table of issues with stable codes and row numbers."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

import pandas as pd

from planner.core.models import Severity


class IssueCode(StrEnum):
    """Stable codes of every problem the importer reports (a closed set)."""

    UNREADABLE_FILE = "unreadable-file"
    UNSAFE_FILE = "unsafe-file"
    MACROS_PRESENT = "macros-present"
    EXTERNAL_LINKS = "external-links"
    HIDDEN_SHEET = "hidden-sheet"
    HIDDEN_ROW = "hidden-row"
    FORMULA_NOT_CALCULATED = "formula-not-calculated"
    UNKNOWN_SHEET = "unknown-sheet"
    MISSING_SHEET = "missing-sheet"
    MISSING_COLUMN = "missing-column"
    DUPLICATE_COLUMN = "duplicate-column"
    UNMAPPED_COLUMN = "unmapped-column"
    SKIPPED_ROW = "skipped-row"
    TRUNCATED = "truncated"
    MISSING_VALUE = "missing-value"
    TYPE_ERROR = "type-error"
    OUT_OF_RANGE = "out-of-range"
    INVALID_CHOICE = "invalid-choice"
    COERCED_VALUE = "coerced-value"
    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_REFERENCE = "unknown-reference"
    DEPENDENCY_CYCLE = "dependency-cycle"
    DEPENDS_ON_EXCLUDED = "depends-on-excluded"
    CONFLICTING_MANDATORY = "conflicting-mandatory"
    OUTSIDE_HORIZON = "outside-horizon"
    UNKNOWN_FUND = "unknown-fund"
    INCONSISTENT_VALUE = "inconsistent-value"
    UNKNOWN_SETTING = "unknown-setting"
    INVALID_ROW = "invalid-row"
    FILE_FORMAT = "file-format"
    HIDDEN_COLUMN = "hidden-column"
    GUESSED_COLUMN = "guessed-column"
    UNIT_CONVERTED = "unit-converted"
    VALUE_MAPPED = "value-mapped"
    UNCLEAR_SCALE = "unclear-scale"
    BLANKED_VALUE = "blanked-value"
    GENERATED_ID = "generated-id"
    NO_USABLE_ROWS = "no-usable-rows"
    UNUSED_RESTRICTED_FUND = "unused-restricted-fund"


@dataclass(frozen=True)
class Issue:
    """One problem found in the input: where it is, what it is, and the value at fault."""

    sheet: str
    row: int | None
    column: str | None
    code: IssueCode
    severity: Severity
    message: str
    value: Any = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, as in the `validate` command's output."""
        data = asdict(self)
        data["code"] = self.code.value
        data["severity"] = self.severity.value
        data["value"] = _jsonable(self.value)
        return data


ISSUE_COLUMNS = ["sheet", "row", "column", "code", "severity", "message", "value"]


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


class IssueLog:
    """Collects issues lazily; every check adds to it and nothing stops at the first problem."""

    def __init__(self) -> None:
        self.items: list[Issue] = []

    def add(
        self,
        sheet: str,
        row: int | None,
        column: str | None,
        code: IssueCode,
        severity: Severity,
        message: str,
        value: Any = None,
    ) -> None:
        """Record one issue."""
        self.items.append(Issue(sheet, row, column, code, severity, message, value))

    def error(self, sheet: str, row: int | None, column: str | None, code: IssueCode,
              message: str, value: Any = None) -> None:
        """Record an error: the row it names is kept out of the portfolio."""
        self.add(sheet, row, column, code, Severity.ERROR, message, value)

    def warning(self, sheet: str, row: int | None, column: str | None, code: IssueCode,
                message: str, value: Any = None) -> None:
        """Record a warning: the row is used as described in the message."""
        self.add(sheet, row, column, code, Severity.WARNING, message, value)

    def info(self, sheet: str, row: int | None, column: str | None, code: IssueCode,
             message: str, value: Any = None) -> None:
        """Record a note for the user (skipped blank rows, unmapped columns ...)."""
        self.add(sheet, row, column, code, Severity.INFO, message, value)

    def extend(self, issues: list[Issue]) -> None:
        """Append issues found elsewhere."""
        self.items.extend(issues)

    @property
    def has_errors(self) -> bool:
        """True when any issue is an error."""
        return any(i.severity is Severity.ERROR for i in self.items)

    def count(self, severity: Severity) -> int:
        """How many issues have the given severity."""
        return sum(1 for i in self.items if i.severity is severity)

    def frame(self) -> pd.DataFrame:
        """The issues as one table (the same table the app, CLI and workbook show)."""
        return issues_frame(self.items)


def issues_frame(issues: list[Issue]) -> pd.DataFrame:
    """A DataFrame of issues with the canonical columns, even when there are none."""
    rows = [i.as_dict() for i in issues]
    frame = pd.DataFrame(rows, columns=ISSUE_COLUMNS)
    frame["row"] = frame["row"].astype("Int64")
    return frame
