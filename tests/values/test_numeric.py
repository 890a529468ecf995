"""Numbers, money, percentages, 1-5 ratings and whole numbers read from cells."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.schema import Kind
from planner.values.cells import CellError, Parsed, ReadOptions
from planner.values.numeric import (
    parse_integer,
    parse_money,
    parse_number,
    parse_number_text,
    parse_percent,
    parse_scale,
    to_number,
)
from planner.values.parse import parse_cell

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


def test_integer_rounds_half_up_with_a_note() -> None:
    parsed = parse_cell(Kind.INTEGER, "12.5")
    assert parsed.value == 13 and parsed.note


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).map(lambda x: round(x, 2)))
def test_formatted_money_reads_back(value: float) -> None:
    us = f"${value:,.2f}" if value >= 0 else f"(${-value:,.2f})"
    euro = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    assert parse_cell(Kind.MONEY, us).value == pytest.approx(value, abs=0.005)
    assert parse_cell(Kind.MONEY, euro, decimal_comma=True).value == \
        pytest.approx(value, abs=0.005)


def test_money_readers_return_floats_without_a_note() -> None:
    assert parse_money("$1.2M") == Parsed(1_200_000.0)
    assert parse_number("12,5", EURO) == Parsed(12.5)
    assert isinstance(parse_money(1500).value, float)


def test_whole_numbers_keep_exact_integers_silent() -> None:
    assert parse_integer("12") == Parsed(12)
    assert parse_integer(12.0) == Parsed(12)
    rounded = parse_integer(2.5)
    assert rounded.value == 3 and "2.5" in rounded.note


@pytest.mark.parametrize("raw", [None, "twelve", float("nan"), ["1"]])
def test_numbers_that_are_not_numbers_raise_a_cell_error(raw: object) -> None:
    with pytest.raises(CellError):
        to_number(raw)


def test_a_rating_word_is_read_with_a_note_naming_the_word() -> None:
    parsed = parse_scale("Very High")
    assert parsed.value == 5 and "Very High" in parsed.note
    assert parse_scale(3) == Parsed(3)


def test_a_percent_given_as_a_whole_number_says_it_was_divided() -> None:
    parsed = parse_percent(40)
    assert parsed.value == pytest.approx(0.40)
    assert "40" in parsed.note
    assert parse_percent("40%") == Parsed(pytest.approx(0.40))
