"""The disposition of one system: quadrant, vendor support, options and reason."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.core.models import Approach, BudgetLine, Portfolio, Settings, System
from planner.propose.assumptions import Assumptions
from planner.propose.disposition import (
    Quadrant,
    Support,
    dispose,
    fiscal_year_of,
    reference_year,
    support_status,
)

DEFAULTS = Assumptions()


def make(**fields: object) -> System:
    return System(system_id="S1", name="Billing", **fields)


@pytest.mark.parametrize(("day", "start_month", "year"), [
    (dt.date(2026, 6, 30), 7, 2026), (dt.date(2026, 7, 1), 7, 2027),
    (dt.date(2026, 12, 31), 10, 2027), (dt.date(2026, 12, 31), 1, 2026),
])
def test_a_date_falls_in_the_fiscal_year_named_by_the_year_it_ends_in(
        day: dt.date, start_month: int, year: int) -> None:
    assert fiscal_year_of(day, start_month) == year


@pytest.mark.parametrize(("end", "state"), [
    (dt.date(2026, 6, 30), Support.PAST), (dt.date(2026, 12, 31), Support.NEAR),
    (dt.date(2027, 12, 31), Support.NEAR), (dt.date(2028, 12, 31), Support.SUPPORTED),
    (None, Support.UNKNOWN),
])
def test_support_is_judged_against_the_first_fiscal_year(end: dt.date | None,
                                                         state: Support) -> None:
    assert support_status(make(end_of_support=end), 2027, 7, 1).state is state


@pytest.mark.parametrize(("condition", "fit", "quadrant"), [
    (4, 4, Quadrant.INVEST), (4, 2, Quadrant.TOLERATE),
    (2, 4, Quadrant.MIGRATE), (2, 2, Quadrant.ELIMINATE),
])
def test_time_quadrants(condition: int, fit: int, quadrant: Quadrant) -> None:
    result = dispose(make(technical_condition=condition, functional_fit=fit), DEFAULTS, 2027, 7)
    assert result.quadrant is quadrant


def test_a_poorly_fitting_system_losing_support_offers_repurchase_or_replatform() -> None:
    result = dispose(make(technical_condition=4, functional_fit=2, criticality=3,
                          end_of_support=dt.date(2026, 12, 31)), DEFAULTS, 2027, 7)
    assert result.options == (Approach.REPURCHASE, Approach.REPLATFORM)
    assert result.reason.startswith("support ends 2026 (FY2027), high technical condition (4), "
                                    "low fit (2)")
    assert not result.mandatory


def test_a_severe_security_risk_calls_for_action_on_a_healthy_system() -> None:
    result = dispose(make(technical_condition=4, functional_fit=4, security_risk=5),
                     DEFAULTS, 2027, 7)
    assert result.approach is Approach.REPLATFORM
    assert "high security risk (5)" in result.reason


def test_the_reference_year_is_the_plans_first_year() -> None:
    portfolio = Portfolio.build(budget=[BudgetLine(fiscal_year=2029, fund="G",
                                                   capital_budget=1)])
    assert reference_year(portfolio) == (2029, None)
    year, note = reference_year(Portfolio.build(settings=Settings()), dt.date(2026, 8, 1))
    assert year == 2027 and note and "first_fiscal_year" in note
