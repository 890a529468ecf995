"""Workbooks to sheets: typed values, the row numbers the user sees, hidden things, 1904 dates."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook

from planner.errors import UnreadableFileError
from planner.ingest.files import read_bytes
from planner.ingest.xlsx import Limits, read_xlsx
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


ROOMY = Limits(max_rows=1_000, max_columns=50, max_cells=50_000)


def read(data: bytes, limits: Limits = ROOMY) -> tuple[list, bool]:
    """The worksheets read_xlsx finds in workbook bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return read_xlsx("book.xlsx", data, archive, limits)


def test_every_worksheet_is_read_in_order_with_its_visibility() -> None:
    wb = Workbook()
    wb.active.title = "Systems"
    wb.active.append(["system_id", "name"])
    hidden = wb.create_sheet("Scratch")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "notes"
    sheets, date1904 = read(mf.save(wb))
    assert [(s.title, s.hidden) for s in sheets] == [("Systems", False), ("Scratch", True)]
    assert sheets[0].cells.rows == {1: ["system_id", "name"]}
    assert not date1904


def test_the_1904_date_system_is_reported() -> None:
    _, date1904 = read(mf.workbook_1904())
    assert date1904


def test_a_workbook_with_an_xml_bomb_is_refused_as_unsafe() -> None:
    data = mf.xml_bomb()
    with pytest.raises(UnreadableFileError, match="XML bomb"):
        read(data)


def test_a_damaged_sheet_is_unreadable_and_named() -> None:
    data = mf.rezip(mf.small_workbook(),
                    replace={"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row"})
    with pytest.raises(UnreadableFileError) as caught:
        read(data)
    assert caught.value.filename == "book.xlsx"
    assert "sheet 'Candidates' is damaged" in caught.value.reason
