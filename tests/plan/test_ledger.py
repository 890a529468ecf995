"""The room a plan leaves: money per year and fund, staff and operating cost, checked exactly."""

from __future__ import annotations

import pytest

from planner.plan.ledger import Ledger, Shortfall
from planner.plan.schedule import StartOption
from tests.plan.support import cand, portfolio

CAPS = {2027: {"General": 100.0, "Grant": 50.0}, 2028: {"General": 100.0, "Grant": 50.0}}


def one_year(year: int, amount: float) -> StartOption:
    """A one-year option spending `amount` in `year`."""
    return StartOption(year, year, {year: amount})


def test_a_candidate_fits_until_its_funds_are_used_up() -> None:
    book = portfolio([cand("A", 90.0, funding_sources=("General",)),
                      cand("B", 20.0, funding_sources=("General",))], CAPS)
    ledger = Ledger(book)
    assert ledger.fits("A", one_year(2027, 90.0))
    ledger.add("A", one_year(2027, 90.0))
    assert not ledger.fits("B", one_year(2027, 20.0))
    assert ledger.fits("B", one_year(2028, 20.0))
    assert ledger.shortfall("B", one_year(2027, 20.0)).money == {2027: pytest.approx(10.0)}


def test_money_a_candidate_cannot_use_does_not_count_for_it() -> None:
    book = portfolio([cand("G", 120.0, funding_sources=("General",)),
                      cand("Any", 120.0)], CAPS)
    ledger = Ledger(book)
    assert not ledger.fits("G", one_year(2027, 120.0))  # the grant is not its money
    assert ledger.fits("Any", one_year(2027, 120.0))  # general and grant together


def test_without_carry_over_unspent_money_does_not_move_to_the_next_year() -> None:
    caps = {2027: {"General": 100.0}, 2028: {"General": 100.0}}
    ledger = Ledger(portfolio([cand("A", 150.0)], caps))
    assert not ledger.fits("A", one_year(2028, 150.0))
    carried = Ledger(portfolio([cand("A", 150.0)], caps, carry_over=True))
    assert carried.fits("A", one_year(2028, 150.0))


def test_staff_and_operating_limits_are_checked_and_reported_as_shortfalls() -> None:
    book = portfolio([cand("A", 10.0, staff_fte=2.0, annual_operating_cost=30.0)], CAPS,
                     staff={2027: 1.5, 2028: 3.0}, operating={2027: 20.0, 2028: 0.0})
    ledger = Ledger(book)
    short = ledger.shortfall("A", one_year(2027, 10.0))
    assert short.staff == {2027: pytest.approx(0.5)}
    assert short.operating == pytest.approx(10.0) and short.operating_year == 2027
    assert not short.fits and not ledger.fits("A", one_year(2027, 10.0))
    assert ledger.shortfall("A", one_year(2028, 10.0)).staff == {}


def test_an_empty_shortfall_fits_and_sums_its_missing_money() -> None:
    assert Shortfall({}, {}, 0.0).fits
    assert Shortfall({2027: 5.0, 2028: 2.5}, {}, 0.0).total_money == 7.5


def test_committed_spend_beyond_the_money_shows_as_a_violated_cut() -> None:
    book = portfolio([cand("A", 130.0, funding_sources=("General",))], CAPS)
    ledger = Ledger(book)
    ledger.add_spend("A", {2027: 130.0})
    [(cut, deficit)] = ledger.violated_cuts()
    assert deficit == pytest.approx(30.0)
    assert ledger.cut_supply(cut) == pytest.approx(100.0)
    assert ledger.cut_covers(cut, "A", 2027) and not ledger.cut_covers(cut, "A", 2028)
