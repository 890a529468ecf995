"""The one schema: sheets and their names, header spellings, spend columns by fiscal year."""

from __future__ import annotations

import pytest

from planner.core.schema import (
    BUDGET,
    CANDIDATES,
    SHEETS_BY_NAME,
    STAKEHOLDERS,
    SYSTEMS,
    Kind,
    loose_header,
    normalize_header,
    sheet_for_name,
    sheet_hint,
    spend_column_year,
)


@pytest.mark.parametrize("header, year", [
    ("cost_FY2027", 2027), ("cost FY27", 2027), ("Cost_fy 2028", 2028), ("spend in FY29", 2029),
    ("FY2030 cost", 2030), ("spending FY'31", 2031), ("capital_budget", None), ("FY2027", None),
])
def test_spend_columns_name_the_fiscal_year_they_hold(header: str, year: int | None) -> None:
    assert spend_column_year(header) == year


def test_headers_are_compared_without_case_spacing_or_marks() -> None:
    assert normalize_header("  System_ID:* ") == "system id"
    assert normalize_header("Annual\u00a0O&M  Cost") == "annual o&m cost"
    assert loose_header("Annual Maint. ($)") == "annual maint"
    assert loose_header("Cost [USD] (est.)") == "cost"


@pytest.mark.parametrize("title, sheet", [
    ("Systems", "Systems"), ("  systems ", "Systems"), ("Candidates", "Candidates"),
    ("Budget", "Budget"), ("README", None),
])
def test_a_sheet_is_found_by_its_exact_name(title: str, sheet: str | None) -> None:
    found = sheet_for_name(title)
    assert (found.name if found else None) == sheet


def test_a_title_that_contains_a_sheet_name_hints_at_it() -> None:
    assert sheet_hint("FY27 Application Inventory") is SYSTEMS
    assert sheet_hint("Capital Budget 2027") is BUDGET
    assert sheet_hint("Notes for council") is None


def test_each_sheet_names_its_required_columns_and_id() -> None:
    assert SHEETS_BY_NAME["Candidates"] is CANDIDATES
    assert {"candidate_id", "name", "one_time_cost"} <= set(CANDIDATES.required_columns)
    assert CANDIDATES.id_column == "candidate_id"
    assert CANDIDATES.column_index["one_time_cost"].kind is Kind.MONEY


@pytest.mark.parametrize("title", ["Stakeholders", "Stakeholder weights", "stakeholder",
                                   "Weights by stakeholder"])
def test_the_stakeholders_sheet_is_found_by_its_names(title: str) -> None:
    assert sheet_for_name(title) is STAKEHOLDERS
    assert sheet_for_name("Weights").name == "Criteria"  # the Criteria sheet keeps its alias
    assert sheet_hint("FY27 stakeholder weights (board)") is STAKEHOLDERS


def test_the_stakeholders_sheet_is_a_name_an_optional_role_and_the_users_criteria() -> None:
    assert SHEETS_BY_NAME["Stakeholders"] is STAKEHOLDERS
    assert STAKEHOLDERS.id_column == "stakeholder"
    assert STAKEHOLDERS.required_columns == ("stakeholder",)
    assert [c.name for c in STAKEHOLDERS.columns] == ["stakeholder", "role"]
    assert STAKEHOLDERS.header_columns == 1 and CANDIDATES.header_columns == 2
