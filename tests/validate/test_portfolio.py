"""A realistic messy workbook imports with exact counts and issues at exact rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.models import Severity
from planner.service import load_files
from planner.validate.portfolio import Validated
from tests import messy_files as mf
from tests.factories import workbook_bytes


def error_lines(validated: Validated, sheet_title: str, per_column: bool = False) -> set:
    """Rows (or row, column pairs for budget grids) that carry at least one error."""
    return {(i.row, i.column) if per_column else i.row for i in validated.log.items
            if i.sheet == sheet_title and i.severity is Severity.ERROR and i.row is not None}


def test_messy_workbook_imports_with_the_expected_counts_and_issues() -> None:
    validated = load_files([(mf.MESSY_NAME, mf.messy_workbook())])
    assert validated.counts == mf.MESSY_COUNTS
    found = {(i.sheet, i.row, i.column, i.code.value) for i in validated.log.items
             if i.severity is not Severity.INFO}
    assert found == mf.MESSY_EXPECTED
    skipped = defaultdict(set)
    for issue in validated.log.items:
        if issue.code.value == "skipped-row":
            assert issue.severity is Severity.INFO
            skipped[issue.sheet].add(issue.row)
    assert dict(skipped) == mf.MESSY_SKIPPED
    assert set(validated.portfolio.systems) == mf.MESSY_IMPORTED["Systems"]
    assert set(validated.portfolio.candidates) == mf.MESSY_IMPORTED["Candidates"]


def test_messy_workbook_values_are_read_as_meant() -> None:
    portfolio = load_files([(mf.MESSY_NAME, mf.messy_workbook())]).portfolio
    cad, records, erp = (portfolio.systems[s] for s in ("S-001", "S-002", "S-004"))
    assert (cad.annual_om_cost, cad.end_of_support, cad.security_risk) == \
        (85_000, dt.date(2027, 6, 30), 4)
    assert (records.year_implemented, records.criticality, records.annual_om_cost) == \
        (2004, 5, 1_200_000)
    assert erp.annual_om_cost is None  # a formula never calculated reads as blank
    assert erp.extra == {"Legacy Score": 9}
    gis = portfolio.systems["S-007"]
    assert (gis.department, gis.annual_om_cost, gis.end_of_support) == \
        ("Planning", 12_500, dt.date(2030, 12, 31))
    c2 = portfolio.candidates["C-02"]
    assert (c2.approach.value, c2.earliest_start, c2.must_finish_by, c2.requires,
            c2.funding_sources) == ("repurchase", 2027, 2030, ("C-01",), ("General Fund", "ARPA"))
    c3 = portfolio.candidates["C-03"]
    assert c3.spend_profile == {2027: 100_000, 2028: 50_000} and c3.one_time_cost == 150_000
    assert portfolio.capital_cap(2028, "General Fund") == 1_100_000
    assert portfolio.capital_cap(2027, "ARPA") == 750_000
    assert portfolio.settings.first_fiscal_year == 2027
    assert portfolio.settings.horizon_years == 4


def test_every_row_read_is_imported_or_reported_as_an_error() -> None:
    validated = load_files([(mf.MESSY_NAME, mf.messy_workbook())])
    portfolio = validated.portfolio
    assert validated.counts["Systems"] == len(portfolio.systems) + len(
        error_lines(validated, "FY27 App Inventory"))
    assert validated.counts["Candidates"] == len(portfolio.candidates) + len(
        error_lines(validated, "Project Requests"))
    assert validated.counts["Budget"] == len(portfolio.budget) + len(
        error_lines(validated, "Capital Plan", per_column=True))


def test_mapping_is_reported_with_the_users_headers() -> None:
    validated = load_files([(mf.MESSY_NAME, mf.messy_workbook())])
    assert validated.mapping["Systems"]["Annual Maint. ($)"] == "annual_om_cost"
    assert validated.mapping["Candidates"]["Cost FY27"] == "cost_FY2027"
    assert validated.mapping["Budget"]["FY 2029"] == "capital_budget (FY2029)"
    assert validated.rows[("Systems", "S-007")] == 14


def test_duplicate_budget_lines_name_the_fund_header() -> None:
    data = workbook_bytes({"Budget": [["FY", "Fund Name", "Amount"], ["FY27", "GF", 1],
                                      ["2027", "gf", 2]]})
    validated = load_files([("b.xlsx", data)])
    [error] = [i for i in validated.log.items if i.severity is Severity.ERROR]
    assert (error.row, error.column, error.code.value) == (3, "Fund Name", "duplicate-id")


def test_settings_errors_keep_the_default() -> None:
    data = workbook_bytes({"Settings": [["Setting", "Value"], ["horizon_years", "lots"],
                                        ["method", "topsis"]]})
    validated = load_files([("s.xlsx", data)])
    assert validated.portfolio.settings.horizon_years == 5
    assert validated.portfolio.settings.method == "topsis"
    [error] = [i for i in validated.log.items if i.severity is Severity.ERROR]
    assert (error.row, error.column) == (2, "Value")


GOOD = ["C{}", "Project {}", "$1,000", "FY2027", "yes"]
BAD = {1: "", 2: "lots", 3: "FY-never", 4: "maybe"}  # by column index: a cell that fails
BLOCKING = {1, 2}  # a blank name or an unreadable cost keeps the row out; the others blank


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([None, 1, 2, 3, 4]), min_size=1, max_size=30))
def test_any_mix_of_good_and_bad_rows_is_fully_accounted_for(plan: list[int | None]) -> None:
    rows: list[list[object]] = [["Title"], ["Project #", "Project Name", "Est. Cost",
                                           "Start FY", "Mandatory?"]]
    bad_rows, blanked_rows = set(), set()
    for n, broken in enumerate(plan):
        row = [cell.format(n) if "{}" in cell else cell for cell in GOOD]
        if broken is not None:
            row[broken] = BAD[broken]
            (bad_rows if broken in BLOCKING else blanked_rows).add(n + 3)
        rows.append(row)
    validated = load_files([("p.xlsx", workbook_bytes({"Projects": rows}))])
    assert validated.counts == {"Candidates": len(plan)}
    assert error_lines(validated, "Projects") - {2} == bad_rows  # row 2: no usable rows
    assert {i.row for i in validated.log.items if i.code.value == "blanked-value"} == \
        blanked_rows
    assert len(validated.portfolio.candidates) == len(plan) - len(bad_rows)


def _dated_workbook(start_month: int | None) -> bytes:
    settings = [["key", "value"]] + ([["fiscal_year_start_month", start_month]]
                                     if start_month else [])
    return workbook_bytes({
        "Settings": settings,
        "Candidates": [["candidate_id", "name", "one_time_cost", "earliest_start",
                        "must_finish_by"],
                       ["C1", "ERP", 100, dt.datetime(2011, 10, 1), dt.datetime(2013, 6, 30)],
                       ["C2", "Portal", 50, "FY2012", dt.date(2012, 9, 30)]],
        "Budget": [["fiscal_year", "fund", "capital_budget"],
                   [dt.datetime(2012, 6, 30), "GF", 1_000], [dt.datetime(2012, 12, 31), "GF", 5]],
    })


@pytest.mark.parametrize("start_month, c1, c2, budget_years", [
    (None, (2012, 2013), (2012, 2013), [2012, 2013]),  # July: FY2013 runs 2012-07 to 2013-06
    (10, (2012, 2013), (2012, 2012), [2012, 2013]),  # October: 2012-09-30 ends FY2012
    (1, (2011, 2013), (2012, 2012), [2012]),  # January: calendar years; both lines FY2012
])
def test_dates_in_xlsx_stand_for_the_fiscal_year_they_fall_in(
        start_month: int | None, c1: tuple, c2: tuple, budget_years: list[int]) -> None:
    validated = load_files([("dated.xlsx", _dated_workbook(start_month))])
    cands = validated.portfolio.candidates
    assert (cands["C1"].earliest_start, cands["C1"].must_finish_by) == c1
    assert (cands["C2"].earliest_start, cands["C2"].must_finish_by) == c2
    assert [line.fiscal_year for line in validated.portfolio.budget] == budget_years
    notes = [i for i in validated.log.items if i.code.value == "value-mapped"]
    assert {i.column for i in notes} >= {"earliest_start", "must_finish_by", "fiscal_year"}
    start = next(i for i in notes if i.column == "earliest_start")
    assert start.row == 1 and start.message == f"'earliest_start': '2011-10-01' read as FY{c1[0]}."


@pytest.mark.parametrize("start_month, expected", [(7, (2012, 2011)), (10, (2012, 2011))])
def test_date_text_in_csv_stands_for_its_fiscal_year(start_month: int,
                                                     expected: tuple[int, int]) -> None:
    candidates = (b"candidate_id,name,one_time_cost,earliest_start,must_finish_by\n"
                  b"C1,ERP,100,2011-10-01,2011-06-30\nC2,Portal,5,FY2012,FY2013\n")
    settings = f"key,value\nfiscal_year_start_month,{start_month}\n".encode()
    validated = load_files([("candidates.csv", candidates), ("settings.csv", settings)])
    errors = [i for i in validated.log.items if i.severity is Severity.ERROR]
    # must_finish_by before earliest_start is the row's own error: the dates were read.
    assert [(e.row, e.code.value) for e in errors] == [(2, "invalid-row")]
    assert f"FY{expected[1]} is before earliest_start FY{expected[0]}" in errors[0].message


def test_csv_dates_with_an_october_start_move_to_the_next_fiscal_year() -> None:
    candidates = (b"candidate_id,name,one_time_cost,earliest_start,must_finish_by\n"
                  b"C1,ERP,100,2011-10-01,9/30/2013\nC2,Portal,5,10/1/2011,2014-10-01\n")
    for month, finish in ((10, (2013, 2015)), (7, (2014, 2015))):
        settings = f"key,value\nfiscal_year_start_month,{month}\n".encode()
        validated = load_files([("candidates.csv", candidates), ("settings.csv", settings)])
        cands = validated.portfolio.candidates
        assert (cands["C1"].earliest_start, cands["C2"].earliest_start) == (2012, 2012)
        assert (cands["C1"].must_finish_by, cands["C2"].must_finish_by) == finish
