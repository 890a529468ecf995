"""Domain model: forgiving enumerations, candidate rules, portfolio helpers."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from planner.core.models import (
    Approach,
    BudgetLine,
    Candidate,
    Criterion,
    Direction,
    Pairwise,
    Portfolio,
    Settings,
    Severity,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Replace", Approach.REPLACE), ("SaaS", Approach.REPURCHASE),
     ("lift and shift", Approach.REHOST), (" RE-PLATFORM ", Approach.REPLATFORM),
     ("digitise", Approach.DIGITIZE), ("Retire", Approach.RETIRE)],
)
def test_approach_accepts_natural_spellings(text: str, expected: Approach) -> None:
    assert Approach.from_alias(text) is expected
    assert Approach(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("max", Direction.MAX), ("+", Direction.MAX), ("higher is better", Direction.MAX),
     ("Minimize", Direction.MIN), ("-", Direction.MIN), ("lower is better", Direction.MIN)],
)
def test_direction_accepts_natural_spellings(text: str, expected: Direction) -> None:
    assert Direction.from_alias(text) is expected


def test_severity_and_unknown_spellings() -> None:
    assert Severity.from_alias("Warn") is Severity.WARNING
    with pytest.raises(ValueError, match="not one of"):
        Approach.from_alias("teleport")


def test_candidate_rejects_a_window_that_closes_before_it_opens() -> None:
    with pytest.raises(ValidationError, match="before earliest_start"):
        Candidate(candidate_id="C1", name="x", one_time_cost=1, earliest_start=2030,
                  must_finish_by=2028)


def test_candidate_cannot_require_itself_or_cost_less_than_nothing() -> None:
    with pytest.raises(ValidationError):
        Candidate(candidate_id="C1", name="x", one_time_cost=1, requires=("C1",))
    with pytest.raises(ValidationError):
        Candidate(candidate_id="C1", name="x", one_time_cost=-5)


def test_fixed_profile_sets_duration_in_fiscal_years() -> None:
    cand = Candidate(candidate_id="C1", name="x", one_time_cost=3,
                     spend_profile={2029: 1, 2027: 2, 2028: 0})
    assert cand.has_fixed_schedule
    assert list(cand.spend_profile) == [2027, 2029]
    assert cand.duration_years == 3
    assert Candidate(candidate_id="C2", name="y", one_time_cost=1,
                     duration_months=13).duration_years == 2


def test_criterion_needs_both_ends_of_an_anchored_scale() -> None:
    with pytest.raises(ValidationError, match="both"):
        Criterion(criterion="Risk", column="legacy_risk", scale_min=0)
    assert Criterion(criterion="Cost", column="one_time_cost", direction="-").direction \
        is Direction.MIN


def test_pairwise_matrix_must_be_square_and_positive() -> None:
    Pairwise(criteria=("a", "b"), matrix=((1, 3), (1 / 3, 1)))
    with pytest.raises(ValidationError):
        Pairwise(criteria=("a", "b"), matrix=((1, 3),))
    with pytest.raises(ValidationError):
        Pairwise(criteria=("a", "b"), matrix=((1, 0), (1, 1)))


def test_portfolio_horizon_funds_caps_and_eligibility() -> None:
    budget = [BudgetLine(fiscal_year=y, fund=f, capital_budget=100.0,
                         staff_fte_capacity=2.0 if f == "GF" else None)
              for y in (2027, 2028, 2029) for f in ("GF", "Grant")]
    cands = [Candidate(candidate_id="A", name="a", one_time_cost=1, funding_sources=("grant",),
                       alternative_group="g"),
             Candidate(candidate_id="B", name="b", one_time_cost=1, requires=("A",),
                       alternative_group="g"),
             Candidate(candidate_id="C", name="c", one_time_cost=1, alternative_group="solo")]
    portfolio = Portfolio.build(candidates=cands, budget=budget)
    assert portfolio.fiscal_years == [2027, 2028, 2029]
    assert portfolio.funds == ["GF", "Grant"]
    assert portfolio.capital_cap(2028, "Grant") == 100.0
    assert portfolio.capital_cap(2031, "GF") == 0
    assert portfolio.staff_capacity(2027) == 2.0
    assert portfolio.operating_cap(2027) is None
    assert portfolio.eligible_funds("A") == ["Grant"]
    assert portfolio.eligible_funds("B") == ["GF", "Grant"]
    assert portfolio.alternative_groups == {"g": ["A", "B"]}
    assert portfolio.dependents("A") == ["B"]
    shifted = portfolio.replace(settings=Settings(first_fiscal_year=2028, horizon_years=2))
    assert shifted.fiscal_years == [2028, 2029]


def test_a_candidate_with_blank_funding_sources_draws_only_on_unrestricted_funds() -> None:
    from planner.core.models import BudgetLine, Candidate, Portfolio

    budget = [BudgetLine(fiscal_year=2027, fund="General Fund", capital_budget=10.0),
              BudgetLine(fiscal_year=2027, fund="Water & Sewer", capital_budget=10.0,
                         fund_kind="Enterprise"),
              BudgetLine(fiscal_year=2027, fund="IT Reserve", capital_budget=10.0,
                         fund_kind="reserve", restricted=False)]
    p = Portfolio.build(candidates=[
        Candidate(candidate_id="A", name="A", one_time_cost=1.0),
        Candidate(candidate_id="W", name="W", one_time_cost=1.0,
                  funding_sources=("water & sewer",))], budget=budget)
    assert p.restricted_funds == ["Water & Sewer"]
    assert p.eligible_funds("A") == ["General Fund", "IT Reserve"]
    assert p.eligible_funds("W") == ["Water & Sewer"]
