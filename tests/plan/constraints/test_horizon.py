"""Horizon: a funded candidate runs inside the plan's years, on its own schedule."""

from __future__ import annotations

import pytest

from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints import horizon
from planner.plan.model import build_model
from planner.plan.optimize import optimize
from tests.plan.support import cand, hand_plan, item, portfolio, violations

CAPS = {y: {"General": 100.0} for y in (2027, 2028, 2029)}


def test_each_start_column_spreads_the_cost_evenly_inside_the_horizon() -> None:
    model = build_model(portfolio([cand("A", 90, duration_months=24)], CAPS), {"A": 1})
    options = [model.x_cols[c][1] for c in model.cols_of["A"]]
    assert [(o.start, o.end) for o in options] == [(2027, 2028), (2028, 2029)]
    assert options[0].spend == {2027: pytest.approx(45), 2028: pytest.approx(45)}
    assert horizon.KIND.row_groups == ()


def test_a_fixed_profile_is_its_only_start_column() -> None:
    fixed = cand("F", 0, spend_profile={2028: 30.0, 2029: 60.0})
    model = build_model(portfolio([fixed], CAPS), {"F": 1})
    (col,) = model.cols_of["F"]
    assert model.x_cols[col][1].spend == {2028: 30.0, 2029: 60.0}


def test_the_check_catches_a_plan_outside_the_horizon_or_off_its_schedule() -> None:
    p = portfolio([cand("A", 90, duration_months=24)], CAPS)
    assert "A outside the horizon" in violations(p, hand_plan(item("A", {2029: 45, 2030: 45})))
    three_years = violations(p, hand_plan(item("A", {2027: 30, 2028: 30, 2029: 30})))
    assert {"A runs the wrong number of years", "A spends 30.0 in 2029, not 0"} <= set(
        three_years)
    assert sorted(violations(p, hand_plan(item("A", {2027: 50, 2028: 40})))) == [
        "A spends 40.0 in 2028, not 45.0", "A spends 50.0 in 2027, not 45.0"]


def test_the_optimizer_keeps_the_horizon_and_names_the_horizon_reason() -> None:
    p = portfolio([cand("A", 30, duration_months=24), cand("L", 30, duration_months=48)], CAPS)
    plan = optimize(p, {"A": 1, "L": 5})
    assert horizon.check(p, {i.candidate_id: i for i in plan.funded}, Overrides()) == []
    assert plan.funded_ids == ["A"]
    assert horizon.KIND.reason is ReasonCode.HORIZON
    assert plan.unfunded_item("L").codes == (horizon.KIND.reason,)
