"""What earlier delivery is worth and what later spend costs: the one definition of each."""

from __future__ import annotations

import pytest

from planner.core.models import Settings
from planner.plan.timing import (
    escalation_factor,
    is_plain_sum,
    schedule_weight,
    schedules_by_discount,
    timing_words,
    value_weight,
)

YEARS = list(range(2027, 2032))


def test_by_default_the_value_captured_is_the_plain_sum_and_the_discount_orders_schedules(
) -> None:
    settings = Settings()
    assert settings.delivery_discount == 0.03 and not settings.time_weighting
    assert {value_weight(y, YEARS, settings) for y in YEARS} == {1.0}
    assert is_plain_sum(settings) and schedules_by_discount(settings)
    assert schedule_weight(2027, YEARS, settings) == 1.0
    assert schedule_weight(2028, YEARS, settings) == pytest.approx(1 / 1.03)
    assert schedule_weight(2031, YEARS, settings) == pytest.approx(1 / 1.03 ** 4)


def test_time_weighting_counts_the_share_of_the_horizon_in_service_instead() -> None:
    settings = Settings(time_weighting=True, delivery_discount=0.10)
    assert value_weight(2027, YEARS, settings) == 1.0
    assert value_weight(2031, YEARS, settings) == pytest.approx(0.2)
    assert not is_plain_sum(settings) and not schedules_by_discount(settings)
    assert schedule_weight(2031, YEARS, settings) == 1.0  # the discount plays no part


def test_no_discount_and_no_time_weighting_is_the_plain_sum_in_any_schedule() -> None:
    settings = Settings(delivery_discount=0.0)
    assert is_plain_sum(settings) and not schedules_by_discount(settings)
    assert {value_weight(y, YEARS, settings) for y in YEARS} == {1.0}
    assert {schedule_weight(y, YEARS, settings) for y in YEARS} == {1.0}


def test_escalation_compounds_from_the_plans_first_year() -> None:
    assert escalation_factor(2030, YEARS, Settings()) == 1.0  # none by default
    settings = Settings(cost_escalation=0.03)
    assert escalation_factor(2027, YEARS, settings) == 1.0
    assert escalation_factor(2029, YEARS, settings) == pytest.approx(1.03 ** 2)


def test_the_summary_sentence_says_how_timing_was_valued_and_costed() -> None:
    assert timing_words(Settings()) == (
        "Earlier delivery is worth more: the plan first captures the most value (the plain "
        "sum of the funded projects' values), then, of the schedules of those same projects, "
        "takes the one that delivers earliest, each year a project goes live after the plan's "
        "first year discounted by 3%.")
    assert "plain sum" in timing_words(Settings(delivery_discount=0.0))
    assert "whenever they go live" in timing_words(Settings(delivery_discount=0.0))
    assert "share of the planning horizon it is in service" in timing_words(
        Settings(time_weighting=True))
    escalated = timing_words(Settings(delivery_discount=0.05, cost_escalation=0.025))
    assert "discounted by 5%" in escalated
    assert escalated.endswith("Costs escalate by 2.5% a year from the plan's first year, "
                              "except projects whose cost is given year by year.")
