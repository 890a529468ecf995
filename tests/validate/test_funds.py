"""Fund kinds on the Budget sheet: read in the city's words, checked on their rows."""

from __future__ import annotations

from planner.core.issues import IssueCode
from planner.service import load_files
from tests.factories import workbook_bytes

CANDIDATES = [["candidate_id", "name", "one_time_cost", "funding_sources"],
              ["C-1", "Records portal", 100_000, None],
              ["C-2", "Meter data", 200_000, "Water & Sewer Enterprise Fund"]]


def _load(budget: list[list[object]]):
    book = workbook_bytes({"Candidates": CANDIDATES, "Budget": budget})
    return load_files([("city.xlsx", book)])


def test_a_fund_kind_column_restricts_enterprise_money_to_the_candidates_naming_it() -> None:
    loaded = _load([["Fiscal Year", "Fund", "Capital Budget", "Fund Type"],
                    [2027, "General Fund", 500_000, "General"],
                    [2027, "Water & Sewer Enterprise Fund", 900_000, "Enterprise fund"]])
    p = loaded.portfolio
    assert p.restricted_funds == ["Water & Sewer Enterprise Fund"]
    assert p.eligible_funds("C-1") == ["General Fund"]
    assert p.eligible_funds("C-2") == ["Water & Sewer Enterprise Fund"]
    assert not [i for i in loaded.log.items if i.code is IssueCode.UNUSED_RESTRICTED_FUND]


def test_a_restricted_fund_no_candidate_names_is_reported_on_its_first_row() -> None:
    loaded = _load([["fiscal_year", "fund", "capital_budget", "fund kind", "restricted"],
                    [2027, "General Fund", 500_000, "general", None],
                    [2027, "ARPA Grant", 300_000, "grant", None],
                    [2028, "ARPA Grant", 300_000, "grant", None],
                    [2027, "Gift Fund", 50_000, None, "yes"],
                    [2027, "Water & Sewer Enterprise Fund", 50_000, "enterprise", None]])
    unused = [i for i in loaded.log.items if i.code is IssueCode.UNUSED_RESTRICTED_FUND]
    assert [(i.sheet, i.row, i.column, i.value) for i in unused] == [
        ("Budget", 3, "fund kind", "ARPA Grant"), ("Budget", 5, "restricted", "Gift Fund")]
    assert unused[0].message.startswith("ARPA Grant is restricted (it is a grant fund), but no "
                                        "candidate names it in funding_sources")


def test_an_unknown_kind_or_kinds_that_disagree_are_warned_about_on_their_row() -> None:
    loaded = _load([["fiscal_year", "fund", "capital_budget", "fund_type"],
                    [2027, "General Fund", 500_000, "discretionary"],
                    [2027, "Water & Sewer Enterprise Fund", 50_000, "enterprise"],
                    [2028, "Water & Sewer Enterprise Fund", 50_000, "general"]])
    found = {(i.code, i.row) for i in loaded.log.items if i.column == "fund_type"}
    assert found == {(IssueCode.INVALID_CHOICE, 2), (IssueCode.INCONSISTENT_VALUE, 4)}
    assert loaded.portfolio.restricted_funds == ["Water & Sewer Enterprise Fund"]
