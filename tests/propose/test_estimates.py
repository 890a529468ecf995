"""Estimates for proposed candidates: each figure from the assumptions, with the sum shown."""

from __future__ import annotations

from planner.core.models import (
    Approach,
)
from planner.propose.assumptions import Assumptions
from planner.propose.disposition import Ratings
from planner.propose.estimates import (
    estimate_process,
    estimate_system,
    hours_freed,
    process_reason,
)
from planner.propose.proposals import (
    propose_candidates,
)
from tests.propose.support import city, process, system


def test_digitize_frees_volume_times_minutes_times_the_assumed_reduction() -> None:
    proposals = propose_candidates(city(process(resident_facing=True)))
    (cand,) = proposals.candidates
    assert cand.extra["staff_hours_freed"] == 10_000 * 12 / 60 * 0.5
    assert "staff_hours_freed" in cand.estimated
    assert "e-payment" in cand.name
    assert "2,000 staff hours" in proposals.reasons[cand.candidate_id]


def test_estimates_change_when_the_assumptions_do() -> None:
    portfolio = city(system(technical_condition=1, functional_fit=1, criticality=3),
                     process())
    base = {c.candidate_id: c for c in propose_candidates(portfolio).candidates}
    dearer = Assumptions(replace_cost_multiple=8, digitize_time_reduction=0.25,
                         digitize_cost_base=90_000)
    changed = {c.candidate_id: c for c in propose_candidates(portfolio, dearer).candidates}
    assert changed["PR-S1-replace"].one_time_cost == 800_000 > base["PR-S1-replace"].one_time_cost
    assert changed["PR-P1-digitize"].extra["staff_hours_freed"] == 500
    assert changed["PR-P1-digitize"].one_time_cost > base["PR-P1-digitize"].one_time_cost
    assert changed["PR-P1-digitize"].annual_savings < base["PR-P1-digitize"].annual_savings


def test_assumptions_are_read_from_the_settings_sheet_keys() -> None:
    portfolio = city(system(technical_condition=1, functional_fit=1, criticality=3,
                            annual_om_cost=None), assume_replace_cost_floor="400,000")
    replace = next(c for c in propose_candidates(portfolio).candidates
                   if c.approach is Approach.REPLACE)
    assert replace.one_time_cost == 400_000
    assert "floor" in replace.notes


HALF = Assumptions()


def test_hours_freed_are_volume_times_minutes_times_the_reduction() -> None:
    assert hours_freed(process(), HALF) == 10_000 * 12 / 60 * HALF.digitize_time_reduction
    assert hours_freed(process(), Assumptions(digitize_time_reduction=0.25)) == 500


def test_a_process_estimate_adds_up_as_its_explanation_says() -> None:
    a = Assumptions()
    estimate = estimate_process(process(), a, staff_hourly_cost=50)
    expected_cost = a.digitize_cost_base + a.digitize_cost_per_transaction * 10_000
    assert estimate.one_time_cost == round(expected_cost / 1_000) * 1_000
    freed = hours_freed(process(), a)
    expected_savings = freed * 50 + 5_000 * a.digitize_paper_reduction
    assert estimate.annual_savings == round(expected_savings / 100) * 100
    assert estimate.extra == {"staff_hours_freed": freed}
    assert f"{freed:,.0f} h x $50/h" in estimate.explanation
    assert "staff_hours_freed" in estimate.estimated and "one_time_cost" in estimate.fields


def test_a_resident_facing_process_costs_more_and_aligns_better() -> None:
    inside = estimate_process(process(), HALF, 50)
    public = estimate_process(process(resident_facing=True, legal_mandate=True), HALF, 50)
    assert public.one_time_cost > inside.one_time_cost
    assert (inside.strategic_alignment, public.strategic_alignment) == (3, 5)
    assert "e-payment" in public.explanation


def test_a_system_estimate_scales_with_annual_om_and_never_goes_below_the_floor() -> None:
    drivers = HALF.approach(Approach.REPLACE)
    ratings = Ratings(criticality=4, security_risk=2, technical_condition=1, functional_fit=1)
    estimate = estimate_system(system(annual_om_cost=200_000), Approach.REPLACE, ratings, HALF)
    assert estimate.one_time_cost == max(drivers.cost_floor, drivers.cost_multiple * 200_000)
    assert estimate.annual_savings == 200_000 and estimate.strategic_alignment == 4
    unknown = estimate_system(system(annual_om_cost=None), Approach.REPLACE, ratings, HALF)
    assert unknown.one_time_cost == drivers.cost_floor
    assert (unknown.annual_savings, unknown.annual_operating_cost) == (0, 0)
    assert "annual O&M not given" in unknown.explanation


def test_a_process_reason_shows_the_sum_or_says_what_is_missing() -> None:
    assert "10,000 a year x 12 min = 2,000 staff hours, 50% assumed saved = 1,000 hours" in \
        process_reason(process(), HALF)
    assert "volume not given" in process_reason(process(annual_volume=None), HALF)
