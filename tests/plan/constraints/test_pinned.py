"""Pinned starts: the pinned year is the candidate's only start column."""

from __future__ import annotations

from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints import pinned
from planner.plan.model import build_model
from planner.plan.optimize import optimize
from planner.plan.reasons import explain_unfunded
from planner.plan.schedule import windows
from tests.plan.support import cand, hand_plan, item, portfolio, violations

CAPS = {y: {"General": 100.0} for y in (2027, 2028, 2029)}
PIN = Overrides(pin_start={"P": 2028})


def test_a_pinned_candidate_has_one_start_column_and_no_rows_of_its_own() -> None:
    p = portfolio([cand("P", 10), cand("A", 10)], CAPS)
    model = build_model(p, {"P": 1, "A": 1}, PIN)
    (col,) = model.cols_of["P"]
    assert model.x_cols[col][1].start == 2028
    assert len(model.cols_of["A"]) == 3
    assert pinned.KIND.row_groups == ()


def test_the_check_catches_a_pinned_candidate_at_another_start() -> None:
    p = portfolio([cand("P", 10)], CAPS)
    assert violations(p, hand_plan(item("P", {2027: 10})), PIN) == ["P not at its pinned start"]
    assert violations(p, hand_plan(item("P", {2028: 10})), PIN) == []


def test_the_optimizer_starts_it_in_the_pinned_year() -> None:
    p = portfolio([cand("P", 10), cand("A", 10)], CAPS)
    plan = optimize(p, {"P": 1, "A": 1}, overrides=PIN)
    assert pinned.check(p, {i.candidate_id: i for i in plan.funded}, PIN) == []


def test_a_pin_its_schedule_cannot_keep_is_explained_with_the_pin_reason() -> None:
    p = portfolio([cand("P", 10, duration_months=24)], CAPS)
    late = Overrides(pin_start={"P": 2029})  # two years long: it would run past FY2029
    (explained,) = explain_unfunded(p, {}, windows(p, late), late)
    assert pinned.KIND.reason is ReasonCode.PIN
    assert explained.codes == (pinned.KIND.reason,)
    assert optimize(p, {"P": 1}, overrides=late).is_infeasible  # a pin also requires it
