"""The Stakeholders sheet: recognized by name or headers, each problem on its row and column."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from planner.core.models import Severity, Stakeholder
from planner.service import load_files
from tests.factories import SAMPLE, workbook_bytes

CRITERIA = ["Legacy risk", "Resident impact", "Staff hours freed", "Net annual savings",
            "Strategic alignment", "Delivery risk"]


def sample_with(title: str, rows: list[list[object]]) -> bytes:
    """The sample city (Balanced preset, no Criteria sheet) with one more sheet."""
    book = load_workbook(SAMPLE)
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def issues_on(validated, title: str) -> set[tuple]:
    return {(i.row, i.column, i.code.value, i.severity.value) for i in validated.log.items
            if i.sheet == title and i.code.value != "skipped-row"}


def test_stakeholders_are_read_with_their_roles_and_weights_by_criterion() -> None:
    data = sample_with("Stakeholders", [
        ["stakeholder", "role", *CRITERIA],
        ["Mayor", "Elected", 30, 20, 10, 10, 20, 10],
        ["Finance director", None, "10", 10, 10, 50, 10, 10],
    ])
    validated = load_files([("city.xlsx", data)])
    assert issues_on(validated, "Stakeholders") == set()
    mayor, finance = validated.portfolio.stakeholders
    assert mayor == Stakeholder(name="Mayor", role="Elected", weights=dict(zip(
        CRITERIA, [30.0, 20.0, 10.0, 10.0, 20.0, 10.0], strict=True)))
    assert finance.role is None and finance.weights["Net annual savings"] == 50.0
    assert validated.counts["Stakeholders"] == 2


def test_every_problem_is_reported_on_its_row_and_column_and_the_row_left_out() -> None:
    data = sample_with("Stakeholder weights", [
        ["Weights given by each board member"],
        ["Name", "Role", *CRITERIA, "Colour"],
        ["Mayor", "Elected", 30, 20, 10, 10, 20, 10, "red"],
        ["CIO", "IT", 50, "lots", 10, 10, 10, 10],
        ["mayor", "Twice", 1, 1, 1, 1, 1, 1],
        ["Clerk", None, 1, -2, 0, 1, 1, None],
        [None, "Nobody", 1, 1, 1, 1, 1, 1],
    ])
    validated = load_files([("city.xlsx", data)])
    assert issues_on(validated, "Stakeholder weights") == {
        (2, "Colour", "unknown-reference", "warning"),
        (4, "Resident impact", "type-error", "error"),
        (5, "Name", "duplicate-id", "error"),
        (6, "Resident impact", "out-of-range", "error"),
        (6, "Staff hours freed", "out-of-range", "error"),
        (6, "Delivery risk", "missing-value", "error"),
        (7, "Name", "missing-value", "error"),
    }
    assert [p.name for p in validated.portfolio.stakeholders] == ["Mayor"]
    negative = next(i for i in validated.log.items if i.row == 6 and i.column == "Resident impact")
    assert "negative" in negative.message and negative.value == -2
    # Criterion columns are weights, not custom columns of a table.
    assert not [i for i in validated.log.items if i.sheet == "Stakeholder weights"
                and i.code.value == "unmapped-column"]


def test_a_sheet_is_recognized_by_its_headers_whatever_its_title() -> None:
    data = sample_with("Survey 2027", [["Stakeholder", "Role", *CRITERIA],
                                       ["Mayor", None, 5, 1, 1, 1, 1, 1]])
    validated = load_files([("city.xlsx", data)])
    assert [p.name for p in validated.portfolio.stakeholders] == ["Mayor"]
    assert validated.mapping["Stakeholders"] == {"Stakeholder": "stakeholder", "Role": "role"}


def test_a_titled_sheet_needs_only_its_name_column_and_a_lone_name_elsewhere_is_no_header(
) -> None:
    data = sample_with("Stakeholders", [["Name", *CRITERIA], ["Mayor", 5, 1, 1, 1, 1, 1]])
    assert [p.name for p in load_files([("city.xlsx", data)]).portfolio.stakeholders] == \
        ["Mayor"]
    report = sample_with("Import report", [["Sheet", "Row", "Column", "Message"],
                                           ["Systems", 12, "Name", "name is required."]])
    validated = load_files([("city.xlsx", report)])
    assert "Stakeholders" not in validated.mapping
    assert validated.portfolio.stakeholders == ()


def test_columns_name_criteria_of_the_criteria_sheet_by_name_or_by_the_column_read() -> None:
    data = workbook_bytes({
        "Candidates": [["candidate_id", "name", "one_time_cost", "annual_savings",
                        "delivery_risk"], ["C-1", "Billing", 100, 10, 2],
                       ["C-2", "Permits", 200, 30, 4]],
        "Criteria": [["criterion", "column", "direction"], ["Savings", "annual_savings", "max"],
                     ["Risk", "delivery_risk", "min"]],
        "Stakeholders": [["stakeholder", "annual_savings", "Risk", "Legacy risk"],
                         ["Mayor", 3, 1, 9]],
    })
    validated = load_files([("city.xlsx", data)])
    assert validated.portfolio.stakeholders[0].weights == {"Savings": 3.0, "Risk": 1.0}
    assert issues_on(validated, "Stakeholders") == {
        (1, "Legacy risk", "unknown-reference", "warning")}


def test_a_criterion_without_a_column_is_said_once_on_the_header_row() -> None:
    data = sample_with("Stakeholders", [["stakeholder", *CRITERIA[:5]],
                                        ["Mayor", 1, 2, 3, 4, 5]])
    validated = load_files([("city.xlsx", data)])
    (issue,) = [i for i in validated.log.items if i.sheet == "Stakeholders"
                and i.severity is not Severity.INFO]
    assert (issue.row, issue.code.value) == (1, "missing-column")
    assert "Delivery risk" in issue.message


def test_a_blank_stakeholders_sheet_lists_nobody_and_says_nothing() -> None:
    data = sample_with("Stakeholders", [["stakeholder", "role"]])
    validated = load_files([("city.xlsx", data)])
    assert validated.portfolio.stakeholders == ()
    assert issues_on(validated, "Stakeholders") == set()
