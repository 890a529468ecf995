"""User text written to a workbook stays text, survives a reload, and never becomes a formula."""

from __future__ import annotations

import datetime as dt
import io
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from planner.export.safe_cells import (
    MAX_CELL_CHARS,
    cell_changes,
    cell_value,
    clean_text,
    header_footer_text,
    header_texts,
    needs_quote,
    sheet_title,
    table_name,
    write_cell,
    write_cell_changes,
    write_formula,
)

HYPERLINK = '=HYPERLINK("http://example.com","x")'


def reload(workbook: Workbook) -> Workbook:
    """Save and load again, as a reader of the file would see it."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize("text", [HYPERLINK, "=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\r=1",
                                  "#N/A", "#REF!", "=cmd|' /C calc'!A0"])
def test_formula_like_text_is_stored_as_quoted_text(text: str) -> None:
    workbook = Workbook()
    write_cell(workbook.active, 1, 1, text)
    cell = reload(workbook).active["A1"]
    assert cell.data_type == "s"
    assert cell.value == clean_text(text)
    assert cell.quotePrefix == needs_quote(clean_text(text))


def test_plain_text_gets_no_quote_prefix() -> None:
    workbook = Workbook()
    write_cell(workbook.active, 1, 1, "Utility billing")
    assert reload(workbook).active["A1"].quotePrefix is False


def test_control_characters_are_removed_and_carriage_returns_become_line_feeds() -> None:
    assert clean_text("a\x01b\x1fc\x00d") == "abcd"
    assert clean_text("one\r\ntwo\rthree\tfour") == "one\ntwo\nthree\tfour"
    assert clean_text("bad\ufffe\uffff\ud800end") == "badend"


def test_text_is_capped_at_the_excel_cell_limit_without_splitting_a_surrogate_pair() -> None:
    assert len(clean_text("x" * 40_000)) == MAX_CELL_CHARS
    emoji = clean_text("😀" * 20_000)  # two UTF-16 units each
    assert len(emoji) == MAX_CELL_CHARS // 2
    workbook = Workbook()
    write_cell(workbook.active, 1, 1, "y" * 50_000)
    assert len(reload(workbook).active["A1"].value) == MAX_CELL_CHARS


def test_values_of_every_common_type_become_storable_cells() -> None:
    assert cell_value(math.nan) is None
    assert cell_value(math.inf) is None
    assert cell_value(pd.NA) is None
    assert cell_value(pd.NaT) is None
    assert cell_value(np.int64(3)) == 3 and isinstance(cell_value(np.int64(3)), int)
    assert cell_value(np.float64(2.5)) == 2.5
    assert cell_value(("a", "b")) == "a; b"
    aware = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert cell_value(aware) == dt.datetime(2026, 3, 2, 17, 0)
    assert cell_value(pd.Timestamp("2026-01-05")) == dt.datetime(2026, 1, 5)


def test_write_formula_refuses_anything_that_is_not_a_formula() -> None:
    workbook = Workbook()
    with pytest.raises(ValueError):
        write_formula(workbook.active, 1, 1, "SUM(A1:A2)")
    write_formula(workbook.active, 1, 1, "=SUM(A2:A3)")
    assert reload(workbook).active["A1"].data_type == "f"


def test_sheet_titles_are_valid_and_unique() -> None:
    used: set[str] = set()
    first = sheet_title("Budget [FY27]: draft/final?*\\", used)
    assert not set("[]:*?/\\") & set(first)
    long = sheet_title("x" * 40, used)
    again = sheet_title("x" * 40, used)
    assert len(long) == 31 and len(again) <= 31 and long != again
    assert sheet_title("history", set()) != "history"  # reserved by Excel
    assert sheet_title("", set()) == "Sheet"


def test_table_names_are_valid_excel_names_and_unique() -> None:
    used: set[str] = set()
    names = [table_name(n, used) for n in ("Input Systems", "Input Systems", "A1", "1st", "R1C1",
                                           "C")]
    assert len(set(n.casefold() for n in names)) == len(names)
    for name in names:
        assert name[0].isalpha() or name[0] == "_"
        assert " " not in name
    assert names[2] != "A1" and names[4] != "R1C1" and names[5] != "C"


def test_headers_are_unique_single_line_strings() -> None:
    assert header_texts(["Name", "name", None, "a\nb", 2027]) == \
        ["Name", "name (2)", "Column 3", "a b", "2027"]


def test_footer_text_escapes_the_code_character() -> None:
    assert header_footer_text("Parks & Rec &P") == "Parks && Rec &&P"


user_text = st.text(st.characters(codec="utf-8"), max_size=60) | st.sampled_from(
    [HYPERLINK, "=1+2", "+A1", "-2", "@x", "\t=1", "\r\n=1", "#DIV/0!", " =1", "'=1"])


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(user_text, min_size=1, max_size=8))
def test_no_user_string_ever_becomes_a_formula_and_text_round_trips(texts: list[str]) -> None:
    workbook = Workbook()
    for row, text in enumerate(texts, start=1):
        write_cell(workbook.active, row, 1, text)
    sheet = reload(workbook).active
    for row, text in enumerate(texts, start=1):
        cell = sheet.cell(row=row, column=1)
        assert cell.data_type != "f"
        assert (cell.value or "") == clean_text(text)


def test_bidirectional_controls_are_shown_as_visible_marks() -> None:
    assert clean_text("invoice\u202efdp.exe") == "invoice[U+202E]fdp.exe"
    assert clean_text("\u2066a\u2069 \u202ab\u202c") == "[U+2066]a[U+2069] [U+202A]b[U+202C]"
    arabic = "\u0645\u0631\u062d\u0628\u0627 \u200f"  # a right-to-left mark is not a control
    assert clean_text(arabic) == arabic


def test_every_changed_cell_is_listed_with_its_sheet_row_and_column() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Candidates"
    write_cell(sheet, 2, 2, "x" * 40_000)
    write_cell(sheet, 3, 4, "Permits\u202eportal")
    write_cell(sheet, 4, 1, "bell\x07 and escape\x1b[31m")
    write_cell(sheet, 5, 1, "Utility billing")  # ordinary text: not listed
    assert [(c.sheet, c.row, c.column) for c in cell_changes(workbook)] == [
        ("Candidates", 2, "B"), ("Candidates", 3, "D"), ("Candidates", 4, "A")]
    listed = write_cell_changes(workbook)
    assert listed is not None and listed.title == "Changed Cells"
    rows = [[c.value for c in row] for row in reload(workbook)["Changed Cells"].iter_rows()]
    assert rows[0][0] == "3 cells changed so the text could be stored safely"
    assert rows[1] == ["Sheet", "Row", "Column", "Change"]
    assert rows[2:] == [
        ["Candidates", 2, "B", "cut from 40,000 to 32,767 characters, Excel's limit for a cell"],
        ["Candidates", 3, "D", "text-direction control U+202E shown as [U+202E]"],
        ["Candidates", 4, "A", "2 control characters removed"]]
    assert reload(workbook)["Candidates"]["D3"].value == "Permits[U+202E]portal"


def test_a_workbook_with_nothing_changed_gets_no_changes_sheet() -> None:
    workbook = Workbook()
    write_cell(workbook.active, 1, 1, "Utility billing")
    assert write_cell_changes(workbook) is None
    assert workbook.sheetnames == ["Sheet"]


def test_the_council_workbook_lists_a_cut_note_and_a_bidi_name() -> None:
    from planner.export.workbook import export_workbook
    from tests.export.support import TIMESTAMP, hand_plan, stand_in_scores
    from tests.factories import make_portfolio

    portfolio = make_portfolio()
    first = next(iter(portfolio.candidates))
    candidates = dict(portfolio.candidates)
    candidates[first] = candidates[first].model_copy(
        update={"name": "Permits\u202eportal", "notes": "n" * 40_000})
    portfolio = portfolio.replace(candidates=candidates)
    scores = stand_in_scores(portfolio)
    book = load_workbook(io.BytesIO(export_workbook(
        portfolio, hand_plan(portfolio, scores), scores=scores, timestamp=TIMESTAMP)))
    assert book.sheetnames[-1] == "Changed Cells"
    listed = [[c.value for c in row] for row in book["Changed Cells"].iter_rows(min_row=3)]
    assert ["Candidates", "cut from 40,000 to 32,767 characters, Excel's limit for a cell"] in [
        [sheet, change] for sheet, _, _, change in listed]
    assert any("U+202E" in change for *_, change in listed)
    text = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str)]
    assert not any("\u202e" in t for t in text)
