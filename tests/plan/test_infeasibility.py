"""Infeasible inputs are explained in plain words, never crashed on."""

from __future__ import annotations

import pytest

from planner.core.plans import Overrides, PlanStatus
from planner.errors import InfeasiblePlanError
from planner.plan.baselines import rank_and_cut
from planner.plan.infeasibility import diagnose
from planner.plan.optimize import optimize
from planner.plan.schedule import windows
from tests.plan.support import cand, portfolio, record_solve_limits

YEARS = (2027, 2028, 2029)


def caps(amount: float = 100.0, funds: tuple[str, ...] = ("General",)) -> dict:
    return {y: dict.fromkeys(funds, amount) for y in YEARS}


def test_mandatory_spend_beyond_every_eligible_fund_names_year_and_amounts() -> None:
    budget = caps(1_600_000.0, ("General", "Grant"))
    fixed = [cand(f"M{i}", 0, mandatory=True, spend_profile={2028: 1_025_000.0})
             for i in range(4)]
    plan = optimize(portfolio(fixed, budget), {})
    assert plan.status is PlanStatus.INFEASIBLE
    text = " ".join(plan.reasons)
    assert "need $4.1M in FY2028 but all their eligible funds (General, Grant) hold $3.2M" in text
    assert "M0" in text and plan.message.startswith("No plan satisfies")


def test_a_pinned_start_before_an_unfinished_prerequisite() -> None:
    p = portfolio([cand("B", 10, duration_months=24), cand("A", 10, requires=("B",))], caps())
    plan = optimize(p, {}, overrides=Overrides(pin_start={"A": 2028}))
    assert plan.status is PlanStatus.INFEASIBLE
    assert plan.reasons == ("A is pinned to start in FY2028, but its prerequisite B finishes in "
                            "FY2028 at the earliest",)


def test_a_deadline_earlier_than_earliest_start_plus_duration() -> None:
    late = cand("M", 10, mandatory=True, duration_months=24, earliest_start=2028,
                must_finish_by=2028)
    plan = optimize(portfolio([late], caps()), {})
    assert plan.is_infeasible
    assert "M (mandatory) cannot be scheduled: it takes 2 years, so starting no earlier than " \
           "FY2028 it cannot finish by its must-finish-by year FY2028" in plan.reasons


def test_a_mandatory_candidate_requiring_a_forced_out_one() -> None:
    p = portfolio([cand("B", 10), cand("M", 10, mandatory=True, requires=("B",))], caps())
    plan = optimize(p, {}, overrides=Overrides(force_out=frozenset({"B"})))
    assert plan.reasons == ("M (mandatory) requires B, which is forced out",)


def test_forced_in_and_out_at_once() -> None:
    p = portfolio([cand("A", 10)], caps())
    over = Overrides(force_in=frozenset({"A"}), force_out=frozenset({"A"}))
    assert optimize(p, {}, overrides=over).reasons == ("A is forced in but also forced out",)


def test_two_mandatory_alternatives() -> None:
    p = portfolio([cand("A", 10, mandatory=True, alternative_group="G"),
                   cand("B", 10, mandatory=True, alternative_group="G")], caps())
    assert "A and B are either/or alternatives (group 'G') but all are required" in \
        optimize(p, {}).reasons


def test_unavoidable_staff_and_operating_needs_are_named() -> None:
    team = [cand(c, 10, mandatory=True, staff_fte=2.0, earliest_start=2029) for c in "AB"]
    p = portfolio(team, caps(), staff=dict.fromkeys(YEARS, 3.0))
    assert "need 4 IT staff FTE in FY2029 but only 3 are available" in optimize(p, {}).reasons[0]
    costly = [cand("A", 10, mandatory=True, annual_operating_cost=500.0, must_finish_by=2027)]
    q = portfolio(costly, caps(), operating=dict.fromkeys(YEARS, 100.0))
    assert "operating increase allowed through FY2027 is $100" in optimize(q, {}).reasons[0]


def test_a_conflict_the_simple_checks_miss_is_isolated_by_relaxing_capacity() -> None:
    # each fits alone in any year, but the three together need one more year's money
    flexible = [cand(c, 100, mandatory=True, duration_months=12) for c in "ABCD"]
    plan = optimize(portfolio(flexible, caps()), {})
    assert plan.is_infeasible
    assert "the smallest addition that makes room is: $100 more in" in plan.reasons[0]


def test_a_prerequisite_in_a_required_alternative_group_is_caught_before_solving() -> None:
    cands = [cand("B", 10, alternative_group="G"), cand("C", 10, alternative_group="G",
                                                        mandatory=True),
             cand("A", 10, mandatory=True, requires=("B",))]
    plan = optimize(portfolio(cands, caps()), {})
    assert "B and C are either/or alternatives (group 'G') but all are required" in \
        plan.reasons[0]


def test_the_deletion_filter_reduces_a_logical_conflict_to_the_requirements_involved() -> None:
    cands = [cand("B", 10, alternative_group="G"), cand("C", 10, alternative_group="G",
                                                        mandatory=True),
             cand("A", 10, mandatory=True, requires=("B",)), cand("D", 10, mandatory=True)]
    p = portfolio(cands, caps())
    reasons = diagnose(p, {}, Overrides(), windows(p))
    assert reasons == ["these requirements cannot all hold together, because of their "
                       "prerequisites' timing or either/or groups: A (mandatory); "
                       "C (mandatory)"]


def test_raise_if_infeasible_gives_the_exception_with_reasons() -> None:
    p = portfolio([cand("A", 10, mandatory=True, alternative_group="G"),
                   cand("B", 10, mandatory=True, alternative_group="G")], caps())
    with pytest.raises(InfeasiblePlanError) as caught:
        optimize(p, {}).raise_if_infeasible()
    assert caught.value.reasons and caught.value.exit_code == 1
    fine = portfolio([cand("A", 10)], caps())
    assert optimize(fine, {"A": 1}).raise_if_infeasible().funded_ids == ["A"]


def test_a_baseline_that_cannot_place_a_mandatory_candidate_says_so() -> None:
    fixed = [cand(f"M{i}", 0, mandatory=True, spend_profile={2028: 60.0}) for i in range(2)]
    plan = rank_and_cut(portfolio(fixed, caps()), {})
    assert plan.status is PlanStatus.INFEASIBLE
    assert "could not fit every required candidate" in plan.message


def test_the_diagnosis_stops_at_node_limits_not_at_the_clock(monkeypatch) -> None:
    from planner.plan.solver import NO_LIMIT_S

    limits = record_solve_limits(monkeypatch)
    cands = [cand("B", 10, alternative_group="G"), cand("C", 10, alternative_group="G",
                                                        mandatory=True),
             cand("A", 10, mandatory=True, requires=("B",)), cand("D", 10, mandatory=True)]
    p = portfolio(cands, caps())
    diagnose(p, {}, Overrides(), windows(p))
    assert len(limits) >= 2  # the elastic solve and the deletion filter's trials
    assert all(t == NO_LIMIT_S and n for t, n in limits)
