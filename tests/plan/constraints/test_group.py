"""Count rules: at least one or exactly one of a group funded."""

from __future__ import annotations

from planner.core.balance import BalanceRule, RuleKind
from planner.core.plans import PlanStatus
from planner.plan.constraints import group
from planner.plan.model import build_model
from planner.plan.optimize import optimize
from tests.plan.support import cand, hand_plan, item, portfolio, row_entries, violations

CAPS = {y: {"General": 100.0} for y in (2027, 2028)}
ERP = [cand("A", 90, alternative_group="ERP"), cand("B", 80, alternative_group="ERP"),
       cand("C", 90)]


def exactly_one(kind: RuleKind = RuleKind.EXACTLY_ONE) -> BalanceRule:
    return BalanceRule(name="One ERP", column="alternative_group", value="erp", kind=kind)


def test_exactly_one_has_an_at_least_and_an_at_most_row_over_every_member_start() -> None:
    model = build_model(portfolio(ERP, CAPS).replace(rules=(exactly_one(),)),
                        dict.fromkeys("ABC", 1))
    (low,), (high,) = model.rows_of("at_least"), model.rows_of("at_most")
    cols = model.cols_of["A"] + model.cols_of["B"]
    assert row_entries(model, low) == dict.fromkeys(cols, -1.0) and model.row_upper[low] == -1
    assert row_entries(model, high) == dict.fromkeys(cols, 1.0) and model.row_upper[high] == 1


def test_at_least_one_funds_a_member_the_values_alone_would_leave_out() -> None:
    p = portfolio(ERP, {2027: {"General": 100.0}})
    values = {"A": 1, "B": 1, "C": 5}
    assert optimize(p, values).funded_ids == ["C"]
    ruled = p.replace(rules=(exactly_one(RuleKind.AT_LEAST_ONE),))
    plan = optimize(ruled, values)
    assert plan.status is PlanStatus.OPTIMAL and len(plan.funded_ids) == 1
    assert plan.funded_ids[0] in "AB" and violations(ruled, plan) == []


def test_the_check_counts_the_members_funded() -> None:
    p = portfolio(ERP, CAPS).replace(rules=(exactly_one(),))
    assert violations(p, hand_plan(item("C", {2027: 90}))) == [
        "rule 'One ERP' (exactly one of alternative_group = erp) broken: 0 funded"]
    assert group.check(p, {"A": item("A", {2027: 90})}, None) == []
