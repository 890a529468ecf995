"""Reading workbooks and CSV files into raw sheets: values, layout facts, encodings."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from planner.errors import UnreadableFileError
from planner.ingest.files import read_bytes, read_paths
from planner.service import load_files
from tests import messy_files as mf
from tests.factories import workbook_bytes


def test_paths_are_read_and_hashed(tmp_path: Path) -> None:
    path = tmp_path / "in.xlsx"
    path.write_bytes(mf.small_workbook())
    book = read_paths([path])
    assert list(book.files) == ["in.xlsx"] and len(book.files["in.xlsx"]) == 64


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




def test_utf16_text_without_a_byte_order_mark_is_read_as_csv() -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        book = read_bytes("systems.csv", "system_id,name\nS1,Billing\n".encode(encoding))
        assert book.sheets[0].rows[1][1] == ["S1", "Billing"]


def test_random_bytes_under_a_workbook_or_csv_name_are_not_called_text() -> None:
    noise = bytes((i * 7919 + 13) % 251 for i in range(6000))
    for name, phrase in (("inventory.xlsx", "not an Excel workbook"),
                         ("inventory.csv", r"not a text \(CSV\) file")):
        with pytest.raises(UnreadableFileError, match=phrase):
            read_bytes(name, noise)


def test_a_listed_sheet_whose_data_is_missing_is_an_error_naming_it() -> None:
    data = workbook_bytes({"Systems": [["system_id", "name"], ["S1", "A"]],
                           "Budget": [["fiscal_year", "fund", "capital_budget"],
                                      [2027, "General", 100]]})
    source = zipfile.ZipFile(io.BytesIO(data))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for member in source.namelist():
            if member != "xl/worksheets/sheet1.xml":
                target.writestr(member, source.read(member))
    book = read_bytes("damaged.xlsx", damaged.getvalue())
    assert [s.title for s in book.sheets] == ["Budget"]
    [note] = [n for n in book.notes if n.code.value == "missing-sheet"]
    assert note.sheet == "Systems" and note.severity.value == "error"
    assert "xl/worksheets/sheet1.xml" in note.message
