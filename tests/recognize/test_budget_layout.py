"""Budget grids: funds as rows or fiscal years as rows, read as lines that keep their rows."""

from __future__ import annotations

import pytest

from planner.core.issues import IssueLog
from planner.ingest.files import RawWorkbook
from planner.recognize import budget_layout
from planner.recognize.budget_layout import header_fiscal_year
from planner.service import load_book
from tests.recognize.support import sheet, skipped, tables

WIDE = [
    ["IT capital plan"],
    ["Fund", "FY2027", "FY2028 Adopted", 2029, "2029-30", "Total", "Account"],
    ["General Fund", 100, "$200", 300, None, 600, "101-1"],
    ["Grants", None, "50k", None, "TBD", 50, "220-4"],
    ["Staff FTE capacity", 3, 3, 3, 3],
    ["Total", 100, 250, 300, None, 650],
]


def test_wide_budget_becomes_lines_that_keep_their_rows() -> None:
    result, log = tables(sheet("Budget", WIDE))
    table = result.tables["Budget"]
    assert table.layout == "wide"
    lines = [(r.number, r.cells["fiscal year"], r.cells["Fund"], r.cells["capital budget"])
             for r in table.rows]
    assert lines == [(3, 2027, "General Fund", 100), (3, 2028, "General Fund", "$200"),
                     (3, 2029, "General Fund", 300), (4, 2028, "Grants", "50k"),
                     (4, 2030, "Grants", "TBD")]
    assert table.rows[4].labels == {"fiscal year": "2029-30", "capital budget": "2029-30"}
    assert result.mappings["Budget"] == {
        "Fund": "fund", "FY2027": "capital_budget (FY2027)",
        "FY2028 Adopted": "capital_budget (FY2028)", "2029": "capital_budget (FY2029)",
        "2029-30": "capital_budget (FY2030)"}
    notes = {(i.row, i.column): i.message for i in log.items}
    assert "totals column" in notes[(2, "Total")]
    assert "not part of the budget grid" in notes[(2, "Account")]
    assert "staff_fte_capacity" in notes[(5, "Fund")]
    assert notes[(6, None)] == "Totals row skipped."


def test_wide_budget_validates_with_the_grids_own_headers() -> None:
    validated = load_book(RawWorkbook(sheets=[sheet("Budget", WIDE)]))
    assert validated.counts == {"Budget": 5}
    assert len(validated.portfolio.budget) == 4
    [error] = [i for i in validated.log.items if i.severity.value == "error"]
    assert (error.row, error.column, error.code.value) == (4, "2029-30", "missing-value")
    assert validated.portfolio.capital_cap(2028, "Grants") == 50_000


def test_transposed_budget_years_as_rows() -> None:
    validated = load_book(RawWorkbook(sheets=[sheet("Capital Budget", [
        ["Fiscal Year", "General Fund", "Enterprise", "Total", "Notes"],
        ["FY27", "1,000", 500, 1500, "ok"],
        ["FY28", "lots", None, None, None],
        ["Totals", 2000, 500],
    ])]))
    assert validated.mapping["Budget"] == {
        "Fiscal Year": "fiscal_year", "General Fund": "capital_budget (fund 'General Fund')",
        "Enterprise": "capital_budget (fund 'Enterprise')"}
    assert validated.counts == {"Budget": 3}
    assert {(b.fiscal_year, b.fund, b.capital_budget) for b in validated.portfolio.budget} == {
        (2027, "General Fund", 1000.0), (2027, "Enterprise", 500.0)}
    [error] = [i for i in validated.log.items if i.severity.value == "error"]
    assert (error.row, error.column, error.code.value) == (3, "General Fund", "type-error")


def test_long_budget_is_not_mistaken_for_a_grid() -> None:
    result, _ = tables(sheet("Budget", [["fiscal_year", "fund", "capital_budget"],
                                        ["FY2027", "GF", 100]]))
    assert result.tables["Budget"].layout == "long"


@pytest.mark.parametrize("cell, year", [
    (2027, 2027), (2027.0, 2027), ("FY2027", 2027), ("FY 27", 2027), ("FY27 Budget", 2027),
    ("2026-27", 2027), ("FY 2027 ($)", 2027), ("Fiscal Year 2028 Proposed", 2028),
    ("Fund", None), ("cost_FY2027", None), (12, None), ("27", None), (None, None),
])
def test_grid_headers_name_fiscal_years(cell: object, year: int | None) -> None:
    assert header_fiscal_year(cell) == year


def test_grid_rows_report_hidden_rows_and_uncalculated_formulas() -> None:
    raw = sheet("Budget", [["Fund", "FY2027", "FY2028"], ["GF", 1, None], ["Grants", 2, 3]],
                hidden_rows=frozenset({3}), uncached=frozenset({(2, 3)}))
    _, log = tables(raw)
    assert {(i.row, i.column, i.code.value) for i in log.items if i.severity.value == "warning"} \
        == {(3, None, "hidden-row"), (2, "FY2028", "formula-not-calculated")}


def test_a_grid_is_found_below_its_title_and_named_by_its_layout() -> None:
    assert budget_layout.detect(sheet("Budget", WIDE)) == ("wide", 1)
    transposed = sheet("Budget", [["Fiscal Year", "General Fund"], ["FY27", 10], ["FY28", 20]])
    assert budget_layout.detect(transposed) == ("transposed", 0)
    long = sheet("Budget", [["fiscal_year", "fund", "capital_budget"], ["FY27", "GF", 1]])
    assert budget_layout.detect(long) is None


def test_reading_a_grid_reports_the_title_rows_above_it() -> None:
    log = IssueLog()
    grid = budget_layout.read_grid(sheet("Budget", WIDE), "wide", 1, log)
    assert grid.layout == "wide" and grid.header_index == 1
    assert [number for number, _, _ in grid.lines] == [3, 3, 3, 4, 4]
    assert skipped(log)[1] == "Title row above the header."


def test_a_transposed_grid_gives_one_line_per_year_and_fund_with_an_amount() -> None:
    raw = sheet("Budget", [["Year", "General Fund", "Water"], ["FY2027", 100, 40],
                           ["FY2028", 120, None]])
    grid = budget_layout.read_grid(raw, "transposed", 0, IssueLog())
    assert grid.mapping == {"fund": "fund", "Year": "fiscal_year",
                            "capital budget": "capital_budget"}
    lines = [(number, cells["Year"], cells["fund"], cells["capital budget"])
             for number, cells, _ in grid.lines]
    assert lines == [(2, "FY2027", "General Fund", 100), (2, "FY2027", "Water", 40),
                     (3, "FY2028", "General Fund", 120)]
    assert grid.lines[1][2] == {"fund": "Water", "capital budget": "Water"}


@pytest.mark.parametrize("rows, factor", [
    ([["Fund", "FY2027 ($M)", "FY2028 ($M)"], ["General Fund", 1.5, 2]], 1_000_000),
    ([["Capital plan"], ["Amounts in thousands"], ["Fund", "FY2027", "FY2028"],
      ["General Fund", 1_500, 2_000]], 1_000),
])
def test_a_grid_states_its_unit_in_year_headers_or_a_title_row(rows: list, factor: int) -> None:
    validated = load_book(RawWorkbook(sheets=[sheet("Budget", rows)]))
    amounts = {line.fiscal_year: line.capital_budget for line in validated.portfolio.budget}
    assert amounts == {2027: 1_500_000, 2028: 2_000_000}
    [note] = [i for i in validated.log.items if i.code.value == "unit-converted"]
    assert f"multiplied by {factor:,}" in note.message


def test_year_headers_with_units_are_still_years() -> None:
    assert header_fiscal_year("FY2027 ($M)") == 2027
    assert header_fiscal_year("FY27 ($000s)") == 2027
    assert header_fiscal_year("2029 in thousands") == 2029


def test_a_data_row_holding_a_year_like_amount_is_not_a_grid_header() -> None:
    rows = [["Fiscal year", "General Fund", "Federal Grant"], ["FY2027", 1990, "150000"],
            ["FY2028", 500_000, "200000"]]
    assert budget_layout.detect(sheet("Budget", rows)) == ("transposed", 0)
    validated = load_book(RawWorkbook(sheets=[sheet("Budget", rows)]))
    lines = {(b.fiscal_year, b.fund): b.capital_budget for b in validated.portfolio.budget}
    assert lines[(2027, "General Fund")] == 1990


def test_a_data_row_of_years_with_a_blank_amount_is_not_a_grid_header() -> None:
    # ('FY2027', blank, 1990) holds two year-like cells and no other amount; the rows below
    # start with years, so it is a row of a grid with years as rows
    rows = [["Fiscal year", "General Fund", "Federal Grant"], ["FY2027", None, 1990],
            ["FY2028", 500_000, 200_000]]
    assert budget_layout.detect(sheet("Budget", rows)) == ("transposed", 0)
    validated = load_book(RawWorkbook(sheets=[sheet("Budget", rows)]))
    lines = {(b.fiscal_year, b.fund): b.capital_budget for b in validated.portfolio.budget}
    assert lines == {(2027, "Federal Grant"): 1990, (2028, "General Fund"): 500_000,
                     (2028, "Federal Grant"): 200_000}


def test_a_last_row_of_years_is_not_a_grid_header() -> None:
    rows = [["Fiscal year", "General Fund", "Federal Grant"], ["FY2027", 500_000, 200_000],
            ["FY2028", 1990, None]]
    assert budget_layout.detect(sheet("Budget", rows)) == ("transposed", 0)
