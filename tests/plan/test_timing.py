"""What earlier delivery is worth and what later spend costs: the one definition of each."""

from __future__ import annotations

import pytest

from planner.core.models import Settings
from planner.plan.timing import delivery_weight, escalation_factor, is_plain_sum, timing_words

YEARS = list(range(2027, 2032))


def test_by_default_each_year_later_costs_three_percent_of_the_value_compounding() -> None:
    settings = Settings()
    assert settings.delivery_discount == 0.03 and not settings.time_weighting
    assert delivery_weight(2027, YEARS, settings) == 1.0
    assert delivery_weight(2028, YEARS, settings) == pytest.approx(1 / 1.03)
    assert delivery_weight(2031, YEARS, settings) == pytest.approx(1 / 1.03 ** 4)
    assert not is_plain_sum(settings)


def test_time_weighting_counts_the_share_of_the_horizon_in_service_instead() -> None:
    settings = Settings(time_weighting=True, delivery_discount=0.10)
    assert delivery_weight(2027, YEARS, settings) == 1.0
    assert delivery_weight(2031, YEARS, settings) == pytest.approx(0.2)


def test_no_discount_and_no_time_weighting_is_the_plain_sum() -> None:
    settings = Settings(delivery_discount=0.0)
    assert is_plain_sum(settings)
    assert {delivery_weight(y, YEARS, settings) for y in YEARS} == {1.0}


def test_escalation_compounds_from_the_plans_first_year() -> None:
    assert escalation_factor(2030, YEARS, Settings()) == 1.0  # none by default
    settings = Settings(cost_escalation=0.03)
    assert escalation_factor(2027, YEARS, settings) == 1.0
    assert escalation_factor(2029, YEARS, settings) == pytest.approx(1.03 ** 2)


def test_the_summary_sentence_says_how_timing_was_valued_and_costed() -> None:
    assert timing_words(Settings()) == (
        "Earlier delivery is worth more: each project's value is discounted by 3% for every "
        "year it goes live after the plan's first year.")
    assert "plain sum" in timing_words(Settings(delivery_discount=0.0))
    assert "share of the planning horizon it is in service" in timing_words(
        Settings(time_weighting=True))
    escalated = timing_words(Settings(delivery_discount=0.05, cost_escalation=0.025))
    assert "discounted by 5%" in escalated
    assert escalated.endswith("Costs escalate by 2.5% a year from the plan's first year, "
                              "except projects whose cost is given year by year.")
