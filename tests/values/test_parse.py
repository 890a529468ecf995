"""Messy cell values: money, numbers, percentages, dates, fiscal years, booleans, ids."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.models import Approach
from planner.core.schema import Kind
from planner.values.parse import (
    CellError,
    Parsed,
    ReadOptions,
    clean_text,
    is_missing,
    parse_cell,
    parse_number_text,
    to_number,
)

EURO = ReadOptions(decimal_comma=True)


@pytest.mark.parametrize("text, expected", [
    ("1,200,000", 1_200_000), ("$1.2M", 1_200_000), ("85k", 85_000), ("85K", 85_000),
    ("(1,500)", -1_500), ("1.200.000,50", 1_200_000.5), ("1,200,000.50", 1_200_000.5),
    ("$ 1,200", 1_200), ("USD 1,200", 1_200), ("1,200 USD", 1_200), ("€1.200,50", 1_200.5),
    ("-$1,500", -1_500), ("$-1,500", -1_500), ("($1,500)", -1_500), ("\u22121,500", -1_500),
    ("1 200 000", 1_200_000), ("1'200'000", 1_200_000), ("12,5", 12.5), (".5", 0.5),
    ("1.5E+06", 1_500_000), ("2.5 million", 2_500_000), ("3bn", 3e9), ("1.2mm", 1_200_000),
    ("\u00a012,500 ", 12_500), ("+42", 42), ("0", 0),
])
def test_money_text_is_read_as_dollars(text: str, expected: float) -> None:
    assert parse_cell(Kind.MONEY, text).value == pytest.approx(expected)


@pytest.mark.parametrize("text", ["lots", "1,2,3", "1,234,56", "12.5.2", "1.2.3,4", "$", "k",
                                  "12 apples", "1,200.5.3"])
def test_text_that_is_not_a_number_is_a_type_error(text: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_cell(Kind.MONEY, text)
    assert caught.value.code == "type-error"


def test_a_percentage_is_not_money() -> None:
    with pytest.raises(CellError, match="percentage"):
        parse_cell(Kind.MONEY, "15%")


@pytest.mark.parametrize("text, expected", [
    ("1.200", 1_200), ("1,200", 1.2), ("1.234.567,89", 1_234_567.89), ("12,5", 12.5),
    ("1.5", 1.5),
])
def test_decimal_comma_files_read_dots_as_thousands(text: str, expected: float) -> None:
    assert parse_number_text(text, EURO) == pytest.approx(expected)
    assert parse_cell(Kind.NUMBER, text, decimal_comma=True).value == pytest.approx(expected)


def test_numbers_stay_numbers() -> None:
    assert parse_cell(Kind.MONEY, 1500).value == 1500.0
    assert parse_cell(Kind.NUMBER, 2.5).value == 2.5
    with pytest.raises(CellError):
        to_number(float("inf"))


@pytest.mark.parametrize("raw", [None, "", "  ", "N/A", "n/a", "NA", "TBD", "tbc", "-", "--",
                                 "—", "–", "?", "unknown", "#N/A", "\u00a0N/A\u00a0", float("nan"),
                                 "None", "null"])
def test_placeholders_are_missing(raw: object) -> None:
    assert is_missing(raw)
    for kind in Kind:
        assert parse_cell(kind, raw).value is None


@pytest.mark.parametrize("raw", ["#REF!", "#DIV/0!", "#VALUE!", "#NAME?"])
def test_excel_errors_are_reported_as_broken_formulas(raw: str) -> None:
    with pytest.raises(CellError, match="Excel error"):
        parse_cell(Kind.MONEY, raw)


@pytest.mark.parametrize("raw, expected, noted", [
    ("15%", 0.15, False), ("15 %", 0.15, False), (0.15, 0.15, False), ("0.15", 0.15, False),
    (15, 0.15, True), ("15", 0.15, True), (0, 0.0, False), (1, 1.0, False),
])
def test_percentages(raw: object, expected: float, noted: bool) -> None:
    parsed = parse_cell(Kind.PERCENT, raw)
    assert parsed.value == pytest.approx(expected)
    assert (parsed.note is not None) == noted


def test_percent_out_of_range() -> None:
    with pytest.raises(CellError) as caught:
        parse_cell(Kind.PERCENT, 150)
    assert caught.value.code == "out-of-range"


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


@pytest.mark.parametrize("raw, expected", [
    ("yes", True), ("Y", True), ("x", True), ("X", True), ("true", True), ("TRUE", True),
    (1, True), (1.0, True), (True, True), ("✓", True), ("no", False), ("N", False),
    ("false", False), (0, False), (False, False), ("No.", False),
])
def test_booleans(raw: object, expected: bool) -> None:
    assert parse_cell(Kind.BOOLEAN, raw).value is expected


def test_boolean_with_a_comment_is_read_with_a_note() -> None:
    parsed = parse_cell(Kind.BOOLEAN, "Yes (state law)")
    assert parsed.value is True and parsed.note


@pytest.mark.parametrize("raw", ["maybe", 2, "sometimes"])
def test_bad_booleans_are_invalid_choices(raw: object) -> None:
    with pytest.raises(CellError) as caught:
        parse_cell(Kind.BOOLEAN, raw)
    assert caught.value.code == "invalid-choice"


@pytest.mark.parametrize("raw, expected, noted", [
    (4, 4, False), ("4", 4, False), (4.0, 4, False), ("High", 4, True),
    ("very high mission criticality", 5, True), ("Very Low", 1, True),
    ("moderate usage", 3, True), ("4 - good", 4, False), ("3.5", 4, True), (2.5, 3, True),
])
def test_scales(raw: object, expected: int, noted: bool) -> None:
    parsed = parse_cell(Kind.SCALE_1_5, raw)
    assert parsed.value == expected
    assert (parsed.note is not None) == noted


@pytest.mark.parametrize("raw", [0, 6, "7 - off the chart"])
def test_scale_out_of_range(raw: object) -> None:
    with pytest.raises(CellError) as caught:
        parse_cell(Kind.SCALE_1_5, raw)
    assert caught.value.code == "out-of-range"


@pytest.mark.parametrize("raw, expected", [
    ("S-001", "S-001"), (101, "101"), (101.0, "101"), (" S-1\u00a0", "S-1"), ("0012", "0012"),
])
def test_ids_given_as_numbers_or_text(raw: object, expected: str) -> None:
    assert parse_cell(Kind.ID, raw).value == expected


def test_lists_split_on_commas_semicolons_and_new_lines() -> None:
    assert parse_cell(Kind.LIST, "S-1, S-2;S-3\nS-1").value == ("S-1", "S-2", "S-3")
    assert parse_cell(Kind.LIST, 101.0).value == ("101",)


def test_text_is_trimmed_of_stray_spaces() -> None:
    assert parse_cell(Kind.TEXT, "\u00a0 Police \u200b").value == "Police"
    assert clean_text("\ufeffName") == "Name"


def test_approach_aliases_are_noted() -> None:
    assert parse_cell(Kind.APPROACH, "Replace") == Parsed(Approach.REPLACE)
    parsed = parse_cell(Kind.APPROACH, "SaaS")
    assert parsed.value is Approach.REPURCHASE and parsed.note


def test_integer_rounds_half_up_with_a_note() -> None:
    parsed = parse_cell(Kind.INTEGER, "12.5")
    assert parsed.value == 13 and parsed.note


def test_cache_keeps_types_apart() -> None:
    assert parse_cell(Kind.TEXT, True).value == "True"
    assert parse_cell(Kind.TEXT, 1).value == "1"
    assert parse_cell(Kind.TEXT, 1.5).value == "1.5"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).map(lambda x: round(x, 2)))
def test_formatted_money_reads_back(value: float) -> None:
    us = f"${value:,.2f}" if value >= 0 else f"(${-value:,.2f})"
    euro = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    assert parse_cell(Kind.MONEY, us).value == pytest.approx(value, abs=0.005)
    assert parse_cell(Kind.MONEY, euro, decimal_comma=True).value == \
        pytest.approx(value, abs=0.005)


@given(st.text(max_size=30))
def test_no_text_crashes_the_parsers(text: str) -> None:
    for kind in Kind:
        try:
            parsed = parse_cell(kind, text)
        except CellError:
            continue
        if isinstance(parsed.value, float):
            assert math.isfinite(parsed.value)
