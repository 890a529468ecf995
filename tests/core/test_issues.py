"""The issue log: every problem collected, with a stable code, severity and the user's row."""

from __future__ import annotations

import datetime as dt
import json

from planner.core.issues import ISSUE_COLUMNS, Issue, IssueCode, IssueLog, issues_frame
from planner.core.models import Severity


def test_codes_are_the_stable_kebab_case_names_the_json_output_carries() -> None:
    assert IssueCode.TYPE_ERROR == "type-error"
    assert IssueCode("missing-column") is IssueCode.MISSING_COLUMN
    assert all(code.value == code.value.lower() and "_" not in code.value for code in IssueCode)
    assert len({code.value for code in IssueCode}) == len(IssueCode)


def test_the_log_collects_every_problem_without_stopping() -> None:
    log = IssueLog()
    log.info("Systems", 2, None, IssueCode.SKIPPED_ROW, "Blank row skipped.")
    log.warning("Budget", 5, "FY2028", IssueCode.COERCED_VALUE, "'$1.2M' read as 1200000.")
    assert not log.has_errors
    log.error("Systems", 7, "name", IssueCode.MISSING_VALUE, "name is required.")
    log.error("Systems", 9, "name", IssueCode.MISSING_VALUE, "name is required.")
    assert log.has_errors
    assert [log.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)] == [2, 1, 1]
    assert [i.row for i in log.items] == [2, 5, 7, 9]


def test_issues_found_elsewhere_are_appended() -> None:
    log = IssueLog()
    log.extend([Issue("Settings", 3, "value", IssueCode.UNKNOWN_SETTING, Severity.WARNING,
                      "Unknown setting 'colour'.", "colour")])
    assert log.items[0].code is IssueCode.UNKNOWN_SETTING


def test_an_issue_as_json_keeps_codes_as_text_and_odd_values_as_strings() -> None:
    issue = Issue("Systems", 4, "end_of_support", IssueCode.TYPE_ERROR, Severity.ERROR,
                  "not a date", dt.date(2027, 6, 30))
    data = issue.as_dict()
    assert data == {"sheet": "Systems", "row": 4, "column": "end_of_support",
                    "code": "type-error", "severity": "error", "message": "not a date",
                    "value": "2027-06-30"}
    assert json.loads(json.dumps(data)) == data
    assert Issue("S", None, None, IssueCode.TRUNCATED, Severity.INFO, "m", 12.5).as_dict()[
        "value"] == 12.5


def test_the_issues_table_has_its_columns_and_whole_row_numbers_even_when_empty() -> None:
    empty = issues_frame([])
    assert list(empty.columns) == ISSUE_COLUMNS and empty.empty
    log = IssueLog()
    log.error("Systems", 12, "name", IssueCode.MISSING_VALUE, "name is required.")
    log.warning("Budget", None, None, IssueCode.TRUNCATED, "Only the first rows were read.")
    frame = log.frame()
    assert str(frame["row"].dtype) == "Int64"
    assert frame["row"].tolist()[0] == 12 and frame["row"].isna().tolist() == [False, True]
    assert frame["code"].tolist() == ["missing-value", "truncated"]
