"""The independent plan checker: each kind's rule, the objective, and a wrong formulation."""

from __future__ import annotations

from dataclasses import replace

from planner.core.balance import BalanceRule, RuleKind
from planner.core.plans import Overrides
from planner.plan import check, model
from planner.plan.constraints import KINDS
from planner.plan.optimize import optimize
from tests.plan import support
from tests.plan.support import cand, hand_plan, item, portfolio

CAPS = {y: {"General": 100.0} for y in (2027, 2028)}


def test_the_tests_checker_is_the_planners_checker() -> None:
    assert support.violations is check.violations


def test_a_plan_that_breaks_every_rule_is_reported_by_every_kind() -> None:
    p = portfolio([
        cand("M", 10, mandatory=True),
        cand("A", 150, staff_fte=2.0, annual_operating_cost=50.0, alternative_group="G",
             must_finish_by=2027),
        cand("B", 10, alternative_group="G", requires=("C",)),
        cand("C", 10), cand("P", 10), cand("X", 10),
    ], CAPS, staff={2028: 1.0}, operating={2027: 10.0, 2028: 0.0}).replace(rules=(
        BalanceRule(name="A within 100", column="candidate_id", value="A",
                    kind=RuleKind.MAX_AMOUNT, limit=100),
        BalanceRule(name="C or M", column="candidate_id", value="C",
                    kind=RuleKind.AT_LEAST_ONE)))
    over = Overrides(force_out=frozenset({"X"}), pin_start={"P": 2027})
    plan = hand_plan(item("A", {2028: 150}), item("B", {2027: 12}), item("P", {2028: 10}),
                     item("X", {2027: 10}, fund="Grant"))
    funded = {i.candidate_id: i for i in plan.funded}
    by_kind = {k.name: k.check(p, funded, over) for k in KINDS}
    assert by_kind == {
        "horizon": ["B spends 12.0 in 2027, not 10.0"],
        "deadline": ["A misses its deadline"],
        "required": ["required M not funded"],
        "pinned": ["P not at its pinned start"],
        "forced_out": ["forced-out X funded"],
        "budget": ["X draws 10.0 on ineligible fund Grant",
                   "General over its cap in 2028: 160.0 > 100.0"],
        "staff": ["staff over capacity in 2028"],
        "operating": ["new operating cost over the allowed increase by 2028"],
        "prerequisite": ["B funded without its prerequisite C"],
        "alternative": ["more than one of alternative group G"],
        "balance": ["rule 'A within 100' broken in (2027, 2028): candidate_id = A spends "
                    "150.0 of 182.0, past its limit by 50.0"],
        "group": ["rule 'C or M' (at least one of candidate_id = C) broken: 0 funded"],
    }
    assert check.violations(p, plan, over) == [m for ms in by_kind.values() for m in ms]


def test_an_empty_plan_breaks_only_the_required_rule() -> None:
    p = portfolio([cand("M", 10, mandatory=True), cand("A", 10)], CAPS)
    assert check.violations(p, hand_plan()) == ["required M not funded"]


def test_the_objective_must_be_the_value_captured_weighted_only_by_time_in_service() -> None:
    plain = portfolio([cand("A", 10)], CAPS, delivery_discount=0.0)
    late = hand_plan(item("A", {2028: 10}), objective=3.0)
    assert check.violations(plain, late, values={"A": 3.0}) == []
    assert check.violations(plain, replace(late, objective=4.0), values={"A": 3.0}) == [
        "objective 4.0 is not the funded value 3.0"]
    # the default delivery discount orders schedules only: the value captured is the plain sum
    discounted = portfolio([cand("A", 10)], CAPS)
    assert check.violations(discounted, late, values={"A": 3.0}) == []
    assert check.violations(discounted, replace(late, objective=3.0 / 1.03),
                            values={"A": 3.0}) == [
        f"objective {3.0 / 1.03} is not the funded value 3.0"]
    # time weighting: in service for one of the two years
    weighted = portfolio([cand("A", 10)], CAPS, time_weighting=True)
    assert check.violations(weighted, replace(late, objective=1.5), values={"A": 3.0}) == []
    assert check.violations(weighted, late, values={"A": 3.0}) == [
        "objective 3.0 is not the funded value 1.5"]


def test_a_formulation_that_forgets_a_rule_is_caught(monkeypatch) -> None:
    team = [cand(c, 10, staff_fte=2.0) for c in "ABC"]
    p = portfolio(team, CAPS, staff={2027: 3.0, 2028: 3.0})
    values = dict.fromkeys("ABC", 1.0)
    assert check.violations(p, optimize(p, values), values=values) == []
    monkeypatch.setattr(model, "KINDS", tuple(k for k in KINDS if k.name != "staff"))
    careless = optimize(p, values)
    assert len(careless.funded) == 3
    assert "staff over capacity in 2027" in check.violations(p, careless, values=values)
