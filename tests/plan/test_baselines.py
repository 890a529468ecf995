"""Rank-and-cut and greedy: the city's way, in the optimizer's shape, under the same rules."""

from __future__ import annotations

import pytest

from planner.core.plans import Overrides, PlanStatus
from planner.plan.baselines import greedy, rank_and_cut
from planner.plan.optimize import optimize
from tests.factories import make_portfolio
from tests.plan.support import cand, portfolio, violations

ONE_YEAR = {2027: {"General": 100.0}}


def test_rank_and_cut_funds_by_value_until_the_money_runs_out() -> None:
    p = portfolio([cand("A", 60), cand("B", 50), cand("C", 50), cand("D", 40)], ONE_YEAR)
    values = {"A": 10, "B": 7, "C": 7, "D": 1}
    plan = rank_and_cut(p, values)
    assert plan.funded_ids == ["A", "D"]  # B and C no longer fit after A; D still does
    assert plan.status is PlanStatus.HEURISTIC and plan.bound is None
    assert optimize(p, values).objective - plan.objective == pytest.approx(3)


def test_greedy_funds_by_value_per_dollar() -> None:
    p = portfolio([cand("A", 60), cand("B", 50), cand("C", 50)], ONE_YEAR)
    values = {"A": 10, "B": 9, "C": 9}  # A is worth most, B and C more per dollar
    assert sorted(greedy(p, values).funded_ids) == ["B", "C"]
    assert rank_and_cut(p, values).funded_ids == ["A"]


def test_each_candidate_goes_to_its_earliest_start_that_fits() -> None:
    caps = {2027: {"General": 50.0}, 2028: {"General": 100.0}}
    plan = rank_and_cut(portfolio([cand("A", 40), cand("B", 40)], caps), {"A": 2, "B": 1})
    assert [(i.candidate_id, i.start_year) for i in plan.funded] == [("A", 2027), ("B", 2028)]


def test_mandatory_candidates_and_their_prerequisites_come_first() -> None:
    caps = {y: {"General": 150.0} for y in (2027, 2028)}
    cands = [cand("X", 100), cand("P", 50), cand("M", 50, mandatory=True, requires=("P",))]
    plan = rank_and_cut(portfolio(cands, caps), {"X": 100, "P": 0, "M": 0})
    starts = {i.candidate_id: i.start_year for i in plan.funded}
    assert starts["P"] == 2027 and starts["M"] == 2028 and "X" in starts


def test_a_dependent_is_retried_as_soon_as_its_prerequisite_is_funded() -> None:
    caps = {y: {"General": 100.0} for y in (2027, 2028)}
    cands = [cand("A", 50, requires=("B",)), cand("B", 50), cand("C", 100)]
    plan = rank_and_cut(portfolio(cands, caps), {"A": 10, "B": 5, "C": 1})
    assert plan.funded_ids[:2] == ["B", "A"]


def test_baselines_keep_overrides_and_return_the_plan_shape() -> None:
    caps = {y: {"General": 100.0} for y in (2027, 2028, 2029)}
    p = portfolio([cand("A", 60), cand("B", 60), cand("C", 60)], caps)
    over = Overrides(force_out=frozenset({"A"}), pin_start={"C": 2029})
    for plan in (rank_and_cut(p, {"A": 3, "B": 2, "C": 1}, overrides=over),
                 greedy(p, {"A": 3, "B": 2, "C": 1}, overrides=over)):
        assert violations(p, plan, over) == []
        assert plan.unfunded_item("A").codes == ("forced_out",)
        assert set(plan.as_dict()) >= {"status", "objective", "funded", "unfunded"}


def test_baselines_respect_every_rule_on_generated_portfolios() -> None:
    for seed in range(3):
        p = make_portfolio(n=60, seed=seed, with_mandatory=True, with_staff=True)
        values = {c: 1 + (i * 13 % 29) for i, c in enumerate(p.candidates)}
        for plan in (rank_and_cut(p, values), greedy(p, values)):
            if not plan.is_infeasible:
                assert violations(p, plan, values=values) == []
                assert len(plan.funded) + len(plan.unfunded) == 60


def test_a_baseline_choice_is_the_schedule_of_the_baselines_plan() -> None:
    from planner.plan.baselines import baseline_choice, plan_objective

    p = make_portfolio(n=40, seed=3, with_mandatory=True)
    values = {c: 1 + (i * 0.618034 % 1.0) for i, c in enumerate(p.candidates)}
    for name, build in (("rank_and_cut", rank_and_cut), ("greedy", greedy)):
        plan = build(p, values)
        choice = baseline_choice(name, p, values)
        assert choice.feasible is not plan.is_infeasible
        assert {c: o.start for c, o in choice.chosen.items()} == {
            i.candidate_id: i.start_year for i in plan.funded}
        assert plan_objective(p, values, choice.chosen) == pytest.approx(plan.objective)


def test_a_refill_keeps_what_fits_of_another_plan_at_its_start_and_fills_the_room() -> None:
    from planner.plan.baselines import refill_choice

    caps = {2027: {"General": 100.0}, 2028: {"General": 100.0}}
    p = portfolio([cand("A", 60), cand("B", 60), cand("C", 30), cand("D", 40)], caps)
    values = {"A": 1, "B": 1, "C": 5, "D": 1}
    # A kept in FY2028 as the other plan had it; B no longer fits beside A there, so it goes
    # to its earliest start that fits (FY2027); then the room left is filled by value per
    # dollar, each at its earliest start: C beside B, D beside A
    choice = refill_choice(p, values, {"A": 2028, "B": 2028})
    starts = {c: o.start for c, o in choice.chosen.items()}
    assert choice.feasible
    assert starts == {"A": 2028, "B": 2027, "C": 2027, "D": 2028}
