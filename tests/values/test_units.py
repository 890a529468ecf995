"""Units in headers and cells: thousands and millions, hours, per month and per week."""

from __future__ import annotations

import pytest

from planner.values.units import cell_unit, factor_words, has_magnitude, header_unit


@pytest.mark.parametrize("header, factor", [
    ("Project Life Cycle Cost ($M)", 1e6), ("Cost $ millions", 1e6),
    ("Budget in millions", 1e6), ("Cost (millions)", 1e6), ("Total $MM", 1e6),
    ("Cost $K", 1e3), ("Cost ($000s)", 1e3), ("Amount (thousands)", 1e3),
    ("Capital, in thousands", 1e3), ("Cost ($000)", 1e3), ("Grant ($B)", 1e9),
])
def test_money_headers_state_their_scale(header: str, factor: float) -> None:
    [unit] = header_unit(header, "one_time_cost", is_money=True)
    assert unit.factor == factor and unit.words.endswith("of dollars")


@pytest.mark.parametrize("header", ["Est. Cost ($)", "Cost FY2000", "Total cost", "Amount"])
def test_headers_without_a_unit_have_none(header: str) -> None:
    assert header_unit(header, "one_time_cost", is_money=True) == []


@pytest.mark.parametrize("header, canonical, factor, words", [
    ("Transactions / Month", "annual_volume", 12, "per month"),
    ("Monthly cost", "annual_om_cost", 12, "per month"),
    ("Subscription $/mo", "annual_operating_cost", 12, "per month"),
    ("Forms per week", "annual_volume", 52, "per week"),
    ("Hours per transaction", "minutes_per_transaction", 60, "in hours"),
    ("Staff hours", "minutes_per_transaction", 60, "in hours"),
])
def test_periods_and_hours_convert_to_the_canonical_unit(header: str, canonical: str,
                                                          factor: float, words: str) -> None:
    [unit] = header_unit(header, canonical, is_money=canonical.endswith("cost"))
    assert (unit.factor, unit.words) == (factor, words)


def test_a_period_applies_only_to_yearly_columns() -> None:
    assert header_unit("Months to deliver", "duration_months", is_money=False) == []
    assert header_unit("Monthly cost", "one_time_cost", is_money=True) == []
    assert header_unit("Minutes (staff hours excluded)", "minutes_per_transaction",
                       is_money=False) == []


def test_units_multiply_when_a_header_states_two() -> None:
    units = header_unit("Maintenance ($K / month)", "annual_om_cost", is_money=True)
    assert [u.factor for u in units] == [1e3, 12]


@pytest.mark.parametrize("text, canonical, number, factor", [
    ("$1,200/mo", "annual_om_cost", "$1,200", 12), ("500 per month", "annual_volume", "500", 12),
    ("40 a week", "annual_volume", "40", 52), ("2 hrs", "minutes_per_transaction", "2", 60),
    ("1.5 hours", "minutes_per_transaction", "1.5", 60),
    ("30 min", "minutes_per_transaction", "30", 1),
])
def test_cells_that_state_their_unit(text: str, canonical: str, number: str,
                                     factor: float) -> None:
    found = cell_unit(text, canonical)
    assert found is not None and (found[0], found[1].factor) == (number, factor)


def test_plain_cells_and_other_columns_state_no_unit() -> None:
    assert cell_unit("1,200", "annual_om_cost") is None
    assert cell_unit("2 hrs", "annual_volume") is None


@pytest.mark.parametrize("text, expected", [("$1.2M", True), ("250K", True), ("(1.5m)", True),
                                            ("3 million", True), ("1,200", False),
                                            ("$85", False)])
def test_money_text_with_its_own_multiplier(text: str, expected: bool) -> None:
    assert has_magnitude(text) is expected


def test_factors_are_written_for_people() -> None:
    assert [factor_words(f) for f in (1e6, 12, 1 / 60, 1.5)] == ["1,000,000", "12", "1/60", "1.5"]
