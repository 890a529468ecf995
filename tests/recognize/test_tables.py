"""Which sheet is which table, where its header is, which rows are data."""

from __future__ import annotations

from typing import Any

import pytest

from planner.ingest.files import RawWorkbook
from planner.recognize.tables import guess_sheet
from planner.service import load_book
from tests.recognize.support import sheet, skipped, tables


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


def test_missing_required_column_is_an_error_at_the_header() -> None:
    result, log = tables(sheet("Candidates", [["Title"], ["candidate_id", "name"], ["C1", "x"]]))
    [issue] = [i for i in log.items if i.code.value == "missing-column"]
    assert (issue.row, issue.column, issue.severity.value) == (2, "one_time_cost", "error")


def test_second_table_of_the_same_kind_is_reported() -> None:
    _, log = tables(sheet("Systems", [["system_id", "name"], ["S1", "x"]]),
                    sheet("Apps", [["system_id", "name"], ["S2", "y"]]))
    assert any("second Systems table" in i.message for i in log.items)


def test_pairwise_sheet_loses_its_title_rows() -> None:
    validated = load_book(RawWorkbook(sheets=[sheet("Pairwise", [
        ["AHP judgments"], ["", "Risk", "Cost"], ["Risk", 1, 3], ["Cost", "1/3", 1]])]))
    assert validated.portfolio.pairwise is not None
    assert validated.portfolio.pairwise.criteria == ("Risk", "Cost")




def test_a_title_word_gives_way_to_headers_that_clearly_say_another_table() -> None:
    # A city's capital improvement program (CIP) requests file is a project list.
    requests = sheet("FY14-FY24_CIP-Requests_Source", [
        ["fiscal_year", "cip_number", "project_title", "project_desc", "operating_impact_amt",
         "budget_amt", "total_amt", "source", "source_name"],
        [2024, "127-012", "Fiber network", "City fiber ring", 0, 500, 500, "GO", "GO Bonds"],
        [2024, "127-013", "Permits system", "Replace permits", 20, 300, 300, "GF", "General"],
    ])
    result, _ = tables(requests)
    assert list(result.tables) == ["Candidates"]
    assert result.tables["Candidates"].mapping["total_amt"] == "one_time_cost"
    budget = sheet("FY27 CIP", [["fiscal_year", "fund", "amount"], [2027, "General", 100]])
    result, _ = tables(budget)
    assert list(result.tables) == ["Budget"]


def test_a_table_without_ids_gets_them_from_its_row_numbers() -> None:
    result, log = tables(sheet("Systems", [["Name", "Vendor"], ["Payroll", "Acme"],
                                           ["Permits", "Tyler"]]))
    table = result.tables["Systems"]
    assert [row.cells["(row number)"] for row in table.rows] == ["S-row2", "S-row3"]
    [issue] = [i for i in log.items if i.code.value == "generated-id"]
    assert issue.severity.value == "warning" and "S-row2" in issue.message
    assert not [i for i in log.items if i.code.value == "missing-column"]
