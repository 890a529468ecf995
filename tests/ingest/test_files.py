"""Reading workbooks and CSV files into raw sheets: values, layout facts, encodings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from planner.ingest.files import read_bytes, read_paths
from planner.service import load_files
from tests import messy_files as mf
from tests.factories import workbook_bytes


def test_workbook_values_keep_their_types() -> None:
    data = workbook_bytes({"Sheet": [
        ["text", 12, 12.5, True, dt.datetime(2027, 6, 30), None, "  padded  "],
    ]})
    sheet = read_bytes("t.xlsx", data).sheets[0]
    assert sheet.rows == [(1, ["text", 12, 12.5, True, dt.datetime(2027, 6, 30), None,
                               "  padded  "])]


def test_row_numbers_are_the_ones_the_user_sees() -> None:
    wb = Workbook()
    ws = wb.active
    ws["B3"] = "a"
    ws["C7"] = "b"
    sheet = read_bytes("t.xlsx", mf.save(wb)).sheets[0]
    assert sheet.rows == [(3, [None, "a"]), (7, [None, None, "b"])]


def test_shared_strings_rich_text_and_missing_cell_references() -> None:
    sheet = read_bytes("s.xlsx", mf.shared_strings_workbook()).sheets[0]
    assert sheet.rows == [
        (1, ["candidate_id", "name", "one_time_cost"]),
        (2, ["C1", "Rich text", 1500.5]),
        (3, ["C2", " Spaced ", True]),
    ]


def test_1904_workbooks_read_dates_and_serials_right() -> None:
    data = mf.workbook_1904()
    book = read_bytes("mac.xlsx", data)
    assert book.sheets[0].date1904
    assert book.sheets[0].rows[1][1][2] == dt.datetime(2027, 6, 30)
    systems = load_files([("mac.xlsx", data)]).portfolio.systems
    assert systems["S1"].end_of_support == dt.date(2027, 6, 30)
    assert systems["S2"].end_of_support == dt.date(2027, 6, 30)


def test_hidden_sheets_rows_and_columns_are_recorded() -> None:
    book = read_bytes("h.xlsx", mf.hidden_things())
    systems, scratch = book.sheets
    assert not systems.hidden and scratch.hidden
    assert systems.hidden_rows == frozenset({3})
    assert systems.hidden_columns == frozenset({3})
    codes = {(i.row, i.column, i.code.value)
             for i in load_files([("h.xlsx", mf.hidden_things())]).log.items}
    assert {(3, None, "hidden-row"), (1, "vendor", "hidden-column"),
            (None, None, "hidden-sheet")} <= codes


def test_formulas_without_saved_results_are_found_in_one_pass() -> None:
    book = read_bytes("f.xlsx", mf.formulas_without_results())
    assert book.sheets[0].uncached == frozenset({(2, 4), (3, 3)})
    validated = load_files([("f.xlsx", mf.formulas_without_results())])
    found = {(i.row, i.column) for i in validated.log.items
             if i.code.value == "formula-not-calculated"}
    assert found == {(2, "annual_savings"), (3, "one_time_cost")}
    assert ("Candidates", 3) in {(i.sheet, i.row) for i in validated.log.items
                                 if i.code.value == "missing-value"}


def test_vertical_merges_fill_down_horizontal_merges_stay_labels() -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["system_id", "name", "department"])
    ws.append(["S1", "One", "Police"])
    ws.append(["S2", "Two", None])
    ws.append(["PARKS"])
    ws.merge_cells("C2:C3")
    ws.merge_cells("A4:C4")
    sheet = read_bytes("m.xlsx", mf.save(wb)).sheets[0]
    assert sheet.rows[2] == (3, ["S2", "Two", "Police"])
    assert sheet.rows[3] == (4, ["PARKS"])
    assert (4, 1, 4, 3) in sheet.merged


def test_paths_are_read_and_hashed(tmp_path: Path) -> None:
    path = tmp_path / "in.xlsx"
    path.write_bytes(mf.small_workbook())
    book = read_paths([path])
    assert list(book.files) == ["in.xlsx"] and len(book.files["in.xlsx"]) == 64


# --- CSV -------------------------------------------------------------------------------

SYSTEMS_CSV = "system_id,name,department,annual_om_cost\nS1,Café,Finance,\"1,200\"\n"


@pytest.mark.parametrize("encoded", [
    SYSTEMS_CSV.encode("utf-8"),
    b"\xef\xbb\xbf" + SYSTEMS_CSV.encode("utf-8"),
    SYSTEMS_CSV.encode("cp1252"),
    SYSTEMS_CSV.replace(",Finance", ",Finance").encode("utf-16"),
])
def test_csv_encodings(encoded: bytes) -> None:
    sheet = read_bytes("systems.csv", encoded).sheets[0]
    assert sheet.title == "systems"
    assert sheet.rows[0] == (1, ["system_id", "name", "department", "annual_om_cost"])
    assert sheet.rows[1] == (2, ["S1", "Café", "Finance", "1,200"])


def test_utf16_tab_separated_export() -> None:
    text = "system_id\tname\r\nS1\tOne\r\n"
    sheet = read_bytes("systems.txt", text.encode("utf-16")).sheets[0]
    assert sheet.rows == [(1, ["system_id", "name"]), (2, ["S1", "One"])]


def test_semicolons_and_decimal_commas() -> None:
    data = ("candidate_id;name;one_time_cost;annual_savings\n"
            "C1;Eins;1.200.000,50;12,5\nC2;Zwei;85.000;1.250\n").encode("cp1252")
    book = read_bytes("candidates.csv", data)
    assert book.sheets[0].decimal_comma
    assert "decimal comma" in book.notes[0].message
    candidates = load_files([("candidates.csv", data)]).portfolio.candidates
    assert candidates["C1"].one_time_cost == 1_200_000.5
    assert candidates["C1"].annual_savings == 12.5
    assert candidates["C2"].one_time_cost == 85_000
    assert candidates["C2"].annual_savings == 1_250


def test_commas_with_decimal_points_are_not_misread() -> None:
    data = b'candidate_id,name,one_time_cost\nC1,One,"1,200.50"\nC2,Two,12.5\n'
    book = read_bytes("candidates.csv", data)
    assert not book.sheets[0].decimal_comma
    candidates = load_files([("candidates.csv", data)]).portfolio.candidates
    assert candidates["C1"].one_time_cost == 1200.5


def test_a_text_year_is_a_warning_in_a_workbook_but_not_in_a_csv_file() -> None:
    # In a workbook a year typed as text is a change of type worth noting; in a CSV file
    # every cell is text, so a year there is the column's documented form.
    rows = [["system_id", "name", "end_of_support"], ["S1", "One", "2027"], ["S2", "Two", 2028]]
    from_csv = load_files([("systems.csv", b"system_id,name,end_of_support\nS1,One,2027\n")])
    from_book = load_files([("city.xlsx", workbook_bytes({"Systems": rows}))])
    assert from_csv.portfolio.systems["S1"].end_of_support == dt.date(2027, 12, 31)
    assert not [i for i in from_csv.log.items if i.code.value == "coerced-value"]
    warned = [(i.row, i.column) for i in from_book.log.items if i.code.value == "coerced-value"]
    assert warned == [(2, "end_of_support")]
    assert from_book.portfolio.systems["S2"].end_of_support == dt.date(2028, 12, 31)


def test_csv_title_rows_and_quoted_newlines() -> None:
    data = (b"Riverton projects,,\n,,\ncandidate_id,name,one_time_cost\n"
            b'C1,"Two\nlines",100\n')
    validated = load_files([("projects.csv", data)])
    assert validated.portfolio.candidates["C1"].name == "Two\nlines"
    assert {(i.row, i.code.value) for i in validated.log.items} >= {(1, "skipped-row")}


def test_zip_of_csvs_skips_mac_junk_and_reports_other_files() -> None:
    data = mf.csv_zip({
        "export/systems.csv": b"system_id,name\nS1,One\n",
        "export/candidates.csv": b"candidate_id,name,one_time_cost,targets\nC1,Fix,10,S1\n",
        "__MACOSX/export/._systems.csv": b"\x00\x05\x16\x07junk",
        "export/readme.pdf": b"%PDF-1.4",
    })
    validated = load_files([("city.zip", data)])
    assert validated.counts == {"Systems": 1, "Candidates": 1}
    assert validated.portfolio.candidates["C1"].targets == ("S1",)
    assert any("readme.pdf" in i.message for i in validated.log.items)


def test_workbook_renamed_csv_is_read_as_a_workbook() -> None:
    book = read_bytes("oops.csv", mf.small_workbook())
    assert [s.title for s in book.sheets] == ["Candidates", "Budget"]


def test_prefixed_names_pretty_printing_and_odd_merges_are_read() -> None:
    sheet_xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\n'
        b'  <x:sheetData>\n'
        b'    <x:row r="1">\n      <x:c r="A1" t="inlineStr"><x:is><x:t>system_id</x:t></x:is>'
        b'</x:c>\n      <x:c r="B1" t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c>\n'
        b'    </x:row>\n'
        b'    <x:row r="2">\n      <x:c r="A2">\n        <x:v>101</x:v>\n      </x:c>\n'
        b'      <x:c r="B2" t="inlineStr"><x:is><x:t>Tom &amp; Jerry</x:t></x:is></x:c>\n'
        b'    </x:row>\n'
        b'  </x:sheetData>\n  <x:mergeCells><x:mergeCell ref="bogus"/></x:mergeCells>\n'
        b'</x:worksheet>\n')
    data = mf.rezip(workbook_bytes({"Systems": [["x"]]}),
                    replace={"xl/worksheets/sheet1.xml": sheet_xml})
    validated = load_files([("p.xlsx", data)])
    assert validated.portfolio.systems["101"].name == "Tom & Jerry"
