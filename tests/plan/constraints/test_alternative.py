"""Alternatives: one row per either/or group, at most one member funded."""

from __future__ import annotations

from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints import alternative
from planner.plan.model import build_model
from planner.plan.optimize import optimize
from tests.plan.support import cand, hand_plan, item, portfolio, row_entries, violations

CAPS = {y: {"General": 100.0} for y in (2027, 2028)}
GROUP = [cand("A", 10, alternative_group="ERP"), cand("B", 10, alternative_group="ERP"),
         cand("C", 10)]


def test_one_row_per_group_over_every_start_of_its_members() -> None:
    model = build_model(portfolio(GROUP, CAPS), dict.fromkeys("ABC", 1))
    (row,) = model.rows_of("alternative")
    assert model.row_key[row] == ("ERP",)
    assert row_entries(model, row) == dict.fromkeys(model.cols_of["A"] + model.cols_of["B"],
                                                    1.0)
    assert model.row_upper[row] == 1.0


def test_the_check_catches_two_members_of_a_group() -> None:
    plan = hand_plan(item("A", {2027: 10}), item("B", {2028: 10}))
    assert violations(portfolio(GROUP, CAPS), plan) == ["more than one of alternative group ERP"]


def test_the_optimizer_funds_one_member_and_names_the_alternative_reason() -> None:
    p = portfolio(GROUP, CAPS)
    plan = optimize(p, {"A": 1, "B": 2, "C": 1})
    assert alternative.check(p, {i.candidate_id: i for i in plan.funded}, Overrides()) == []
    assert sorted(plan.funded_ids) == ["B", "C"]
    assert alternative.KIND.reason is ReasonCode.ALTERNATIVE
    assert plan.unfunded_item("A").codes == (alternative.KIND.reason,)
