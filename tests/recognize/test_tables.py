"""Which sheet is which table, where its header is, which rows are data."""

from __future__ import annotations

from typing import Any

import pytest

from planner.core.issues import IssueLog
from planner.ingest.files import RawSheet, RawWorkbook
from planner.recognize.budget_layout import header_fiscal_year
from planner.recognize.tables import TableSet, guess_sheet, recognize
from planner.service import load_book


def sheet(title: str, rows: list[list[Any]], start: int = 1, **kw: Any) -> RawSheet:
    """A raw sheet with consecutive row numbers from `start`."""
    return RawSheet(title, [(start + i, r) for i, r in enumerate(rows)], **kw)


def tables(*sheets: RawSheet) -> tuple[TableSet, IssueLog]:
    log = IssueLog()
    return recognize(RawWorkbook(sheets=list(sheets)), log), log


def skipped(log: IssueLog) -> dict[int, str]:
    return {i.row: i.message for i in log.items if i.code.value == "skipped-row"}


def test_header_found_below_title_rows() -> None:
    result, log = tables(sheet("Systems", [
        ["Riverton inventory"], ["as of 2026"], ["System ID", "System Name"], ["S1", "One"]]))
    table = result.tables["Systems"]
    assert table.header_row == 3
    assert [r.number for r in table.rows] == [4]
    assert skipped(log) == {1: "Title row above the header.", 2: "Title row above the header."}


@pytest.mark.parametrize("title, rows, expected", [
    ("Sheet1", [["candidate_id", "name", "one_time_cost"]], "Candidates"),
    ("Sheet1", [["process_id", "name", "annual_volume"]], "Processes"),
    ("Export", [["App ID", "App Name", "Vendor", "Dept"]], "Systems"),
    ("Data", [["Fund", "FY2027", "FY2028"], ["GF", 1, 2]], "Budget"),
    ("Data", [["fiscal_year", "fund", "capital_budget"]], "Budget"),
    ("Stuff", [["criterion", "column", "weight"]], "Criteria"),
    ("FY27 Application Inventory", [["id", "name"]], "Systems"),
    ("Paper Processes 2026", [["id", "name"]], "Processes"),
    ("README", [["Fill in the sheets"]], None),
])
def test_sheets_recognized_by_title_or_content(title: str, rows: list[list[Any]],
                                               expected: str | None) -> None:
    found = guess_sheet(sheet(title, rows))
    assert (found.name if found else None) == expected


def test_section_labels_totals_and_repeated_headers_are_skipped_and_reported() -> None:
    result, log = tables(sheet("Systems", [
        ["system_id", "name", "annual_om_cost"],   # 1
        ["PUBLIC SAFETY"],                        # 2
        ["S1", "CAD", 10],                        # 3
        ["Finance"],                              # 4
        ["S2", "Total Compensation", 20],         # 5: a real system named 'Total ...'
        ["S3"],                                   # 6: a lone id is a data row with errors
        [None, "Parks", None],                    # 7: lone text in name column -> label
        ["system_id", "name", "annual_om_cost"],  # 8
        ["TOTAL", None, 30],                      # 9
        [None, None, None, "stray note"],         # 10: value in a column without a header
    ]))
    assert [r.number for r in result.tables["Systems"].rows] == [3, 5, 6, 7]
    assert skipped(log) == {2: "Section label skipped.", 4: "Section label skipped.",
                            8: "Repeated header row skipped.",
                            9: "Totals row skipped.",
                            10: "Row with values only in columns without a header skipped."}
    values = {i.row: i.value for i in log.items if i.code.value == "skipped-row"}
    assert values[2] == "PUBLIC SAFETY" and values[10] == "stray note"


def test_merged_label_rows_are_labels_even_with_digits() -> None:
    result, log = tables(sheet("Systems", [
        ["system_id", "name"], ["FY2027 PROJECTS"], ["S1", "One"]],
        merged=((2, 1, 2, 2),)))
    assert [r.number for r in result.tables["Systems"].rows] == [3]
    assert 2 in skipped(log)


def test_blank_rows_between_filled_ones_are_reported() -> None:
    raw = RawSheet("Systems", [(1, ["system_id", "name"]), (3, ["S1", "One"]),
                               (50, ["S2", "Two"])])
    _, log = tables(raw)
    notes = skipped(log)
    assert notes[2] == "Blank row skipped."
    assert notes[4] == "Rows 4-49 are blank; skipped."


def test_duplicate_headers_are_renamed_and_reported() -> None:
    result, log = tables(sheet("Candidates", [
        ["candidate_id", "name", "one_time_cost", "Notes", "Notes"], ["C1", "One", 5, "a", "b"]]))
    assert result.tables["Candidates"].headers[-1] == "Notes (2)"
    assert [i.code.value for i in log.items if i.column == "Notes"] == ["duplicate-column"]


def test_missing_required_column_is_an_error_at_the_header() -> None:
    result, log = tables(sheet("Candidates", [["Title"], ["candidate_id", "name"], ["C1", "x"]]))
    [issue] = [i for i in log.items if i.code.value == "missing-column"]
    assert (issue.row, issue.column, issue.severity.value) == (2, "one_time_cost", "error")


def test_second_table_of_the_same_kind_is_reported() -> None:
    _, log = tables(sheet("Systems", [["system_id", "name"], ["S1", "x"]]),
                    sheet("Apps", [["system_id", "name"], ["S2", "y"]]))
    assert any("second Systems table" in i.message for i in log.items)


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


def test_pairwise_sheet_loses_its_title_rows() -> None:
    validated = load_book(RawWorkbook(sheets=[sheet("Pairwise", [
        ["AHP judgments"], ["", "Risk", "Cost"], ["Risk", 1, 3], ["Cost", "1/3", 1]])]))
    assert validated.portfolio.pairwise is not None
    assert validated.portfolio.pairwise.criteria == ("Risk", "Cost")


def test_grid_rows_report_hidden_rows_and_uncalculated_formulas() -> None:
    raw = sheet("Budget", [["Fund", "FY2027", "FY2028"], ["GF", 1, None], ["Grants", 2, 3]],
                hidden_rows=frozenset({3}), uncached=frozenset({(2, 3)}))
    _, log = tables(raw)
    assert {(i.row, i.column, i.code.value) for i in log.items if i.severity.value == "warning"} \
        == {(3, None, "hidden-row"), (2, "FY2028", "formula-not-calculated")}
