"""Which rows are data: section labels, totals, repeated headers, blank runs, duplicate headers."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.core.issues import IssueLog
from planner.ingest.files import RawSheet
from planner.recognize.rowkinds import (
    dedupe_headers,
    first_present,
    header_text,
    is_totals_label,
    merged_label_rows,
    row_skip_reason,
    shown,
)
from tests.recognize.support import sheet, skipped, tables


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


@pytest.mark.parametrize("cell, text", [
    (None, ""), (2027.0, "2027"), (12.5, "12.5"), (dt.datetime(2027, 6, 30), "2027-06-30"),
    ("\u00a0System ID ", "System ID"),
])
def test_header_cells_read_as_the_text_a_person_sees(cell: object, text: str) -> None:
    assert header_text(cell) == text


@pytest.mark.parametrize("cell, totals", [
    ("Total", True), ("TOTALS", True), ("Grand total", True), ("Subtotal", True),
    ("Sum of costs", True), ("Total Compensation system", True), ("Totally new", False),
    ("Summit", False), (100, False), (None, False),
])
def test_totals_labels(cell: object, totals: bool) -> None:
    assert is_totals_label(cell) is totals


def test_first_present_skips_blanks_and_placeholders() -> None:
    assert first_present([None, " ", "N/A", "Parks", 3]) == (3, "Parks")
    assert first_present([None, ""]) is None


def test_long_text_in_an_issue_is_cut_to_eighty_characters() -> None:
    shortened = shown("x" * 120)
    assert len(shortened) == 80 and shortened.endswith("...")
    assert shown("  short ") == "short" and shown(12) == 12


def test_only_merges_across_columns_make_label_rows() -> None:
    assert merged_label_rows(((2, 1, 2, 4), (5, 3, 8, 3), (9, 1, 10, 2))) == {2, 9, 10}


def test_each_repeat_of_a_header_gets_the_next_number() -> None:
    log = IssueLog()
    assert dedupe_headers(["Notes", "Cost", "Notes", "", "Notes", ""], "Systems", 3, log) == \
        ["Notes", "Cost", "Notes (2)", "", "Notes (3)", ""]
    assert [(i.row, i.column, i.severity.value) for i in log.items] == \
        [(3, "Notes", "warning"), (3, "Notes", "warning")]


def test_a_complete_row_is_data_unless_it_is_a_total_or_a_repeated_header() -> None:
    required = ["id", "name"]

    def reason(values: dict) -> str | None:
        return row_skip_reason(list(values.values()), values, required, "id", "id", False)
    assert reason({"id": "S1", "name": "One"}) is None
    assert reason({"id": "Total", "name": "x"}) == "Totals row skipped."
    assert reason({"id": "id", "name": "name"}) == "Repeated header row skipped."
    assert reason({"id": "S9", "name": None}) is None  # a lone id is a row with errors
    assert reason({"id": "POLICE", "name": None}) == "Section label skipped."
