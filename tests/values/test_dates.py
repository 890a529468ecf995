"""Dates, fiscal years and years read from cells, with a note whenever meaning changed."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.core.schema import Kind
from planner.values.cells import CellError, Parsed, ReadOptions
from planner.values.dates import (
    fiscal_year_of,
    parse_date_or_year,
    parse_fiscal_year,
    parse_year,
)
from planner.values.parse import parse_cell


@pytest.mark.parametrize("raw, expected, noted", [
    (dt.datetime(2027, 6, 30, 0, 0), dt.date(2027, 6, 30), False),
    (dt.date(2027, 6, 30), dt.date(2027, 6, 30), False),
    ("2027-06-30", dt.date(2027, 6, 30), False),
    ("2027-06-30T00:00:00", dt.date(2027, 6, 30), False),
    ("6/30/2027", dt.date(2027, 6, 30), False),
    ("06/30/27", dt.date(2027, 6, 30), False),
    ("June 30, 2027", dt.date(2027, 6, 30), False),
    ("30 June 2027", dt.date(2027, 6, 30), False),
    ("30/06/2027", dt.date(2027, 6, 30), True),
    ("June 2027", dt.date(2027, 6, 30), True),
    ("Feb 2028", dt.date(2028, 2, 29), True),
    ("2027-06", dt.date(2027, 6, 30), True),
    ("Jun-27", dt.date(2027, 6, 30), True),
    (2027, dt.date(2027, 12, 31), False),
    (2027.0, dt.date(2027, 12, 31), False),
    ("2027", dt.date(2027, 12, 31), True),
    (46568, dt.date(2027, 6, 30), True),
    ("46568", dt.date(2027, 6, 30), True),
])
def test_dates(raw: object, expected: dt.date, noted: bool) -> None:
    parsed = parse_cell(Kind.DATE_OR_YEAR, raw)
    assert parsed.value == expected
    assert (parsed.note is not None) == noted


def test_excel_serials_follow_the_workbook_epoch() -> None:
    assert parse_cell(Kind.DATE_OR_YEAR, 45106, date1904=True).value == dt.date(2027, 6, 30)
    assert "1904" in parse_cell(Kind.DATE_OR_YEAR, 45106, date1904=True).note
    assert parse_cell(Kind.DATE_OR_YEAR, 45106).value == dt.date(2023, 6, 29)


@pytest.mark.parametrize("raw", ["someday", 12, True, "13/13/2027"])
def test_unreadable_dates(raw: object) -> None:
    with pytest.raises(CellError):
        parse_cell(Kind.DATE_OR_YEAR, raw)


@pytest.mark.parametrize("raw, expected, noted", [
    (2027, 2027, False), ("2027", 2027, False), ("FY27", 2027, False), ("FY2027", 2027, False),
    ("fy 2027", 2027, False), ("FY'27", 2027, False), ("Fiscal Year 2027", 2027, False),
    ("2026-27", 2027, True), ("2026/27", 2027, True), ("FY2026-27", 2027, True),
    ("FY26-27", 2027, True), ("2026-2027", 2027, True), (27, 2027, True), (2027.0, 2027, False),
])
def test_fiscal_years_are_named_by_the_year_they_end(raw: object, expected: int,
                                                     noted: bool) -> None:
    parsed = parse_cell(Kind.FISCAL_YEAR, raw)
    assert parsed.value == expected
    assert (parsed.note is not None) == noted


@pytest.mark.parametrize("raw", ["2026-28", "FY-next", dt.date(2027, 6, 30)])
def test_bad_fiscal_years(raw: object) -> None:
    with pytest.raises(CellError):
        parse_cell(Kind.FISCAL_YEAR, raw)


@pytest.mark.parametrize("raw, expected, noted", [
    (1996, 1996, False), ("1996", 1996, False), (1996.0, 1996, False), (96, 1996, True),
    ("circa 1995", 1995, True), ("1990s", 1990, True), (dt.date(1996, 3, 1), 1996, True),
    (35065, 1996, True),
])
def test_years(raw: object, expected: int, noted: bool) -> None:
    parsed = parse_cell(Kind.YEAR, raw)
    assert parsed.value == expected
    assert (parsed.note is not None) == noted


def test_implausible_year_is_out_of_range() -> None:
    with pytest.raises(CellError) as caught:
        parse_cell(Kind.YEAR, 1492)
    assert caught.value.code == "out-of-range"


def test_a_fiscal_year_note_says_which_year_a_span_was_read_as() -> None:
    parsed = parse_fiscal_year("2026-27")
    assert parsed.value == 2027 and "2027" in parsed.note
    assert parse_fiscal_year("FY2028") == Parsed(2028)


def test_a_month_is_read_as_its_last_day_with_a_note() -> None:
    parsed = parse_date_or_year("2028-02")
    assert parsed.value == dt.date(2028, 2, 29)
    assert parsed.note
    assert parse_date_or_year("2027-06-30") == Parsed(dt.date(2027, 6, 30))


def test_serial_dates_count_from_the_epoch_the_options_name() -> None:
    from_1900 = parse_date_or_year(46568)
    from_1904 = parse_date_or_year(46568, ReadOptions(date1904=True))
    assert from_1900.value == dt.date(2027, 6, 30)
    assert from_1904.value - from_1900.value == dt.timedelta(days=1462)


def test_a_year_in_words_keeps_the_year_and_says_how_it_was_read() -> None:
    parsed = parse_year("installed around 2004")
    assert parsed.value == 2004 and parsed.note
    assert parse_year(2004) == Parsed(2004)


@pytest.mark.parametrize("day, start_month, year", [
    (dt.date(2011, 10, 1), 10, 2012), (dt.date(2011, 10, 1), 7, 2012),
    (dt.date(2011, 6, 30), 7, 2011), (dt.date(2026, 7, 1), 7, 2027),
    (dt.date(2027, 6, 30), 7, 2027), (dt.date(2011, 9, 30), 10, 2011),
    (dt.date(2027, 12, 31), 1, 2027),
])
def test_a_day_falls_in_the_fiscal_year_named_by_the_year_it_ends_in(
        day: dt.date, start_month: int, year: int) -> None:
    assert fiscal_year_of(day, start_month) == year


@pytest.mark.parametrize("raw, start_month, year", [
    (dt.datetime(2011, 10, 1), 10, 2012), ("2011-10-01", 7, 2012), ("10/1/2011", 10, 2012),
    ("2011-06-30", 7, 2011), ("June 2027", 7, 2027), ("Sep 2027", 10, 2027),
    (dt.date(2027, 9, 1), 7, 2028),
])
def test_dates_read_as_fiscal_years_with_the_start_month(raw: object, start_month: int,
                                                         year: int) -> None:
    parsed = parse_fiscal_year(raw, start_month=start_month)
    assert parsed.value == year and parsed.note.startswith("date ")


def test_fiscal_year_names_are_not_dates_whatever_the_start_month() -> None:
    assert parse_fiscal_year("FY27", start_month=10).value == 2027
    assert parse_fiscal_year("2026-27", start_month=10).value == 2027
    assert parse_fiscal_year(2028, start_month=10) == Parsed(2028)


def test_without_a_start_month_a_date_is_still_refused() -> None:
    with pytest.raises(CellError, match="is a date"):
        parse_fiscal_year(dt.date(2011, 10, 1))
