"""Deadlines: only starts between the earliest start and the must-finish-by year get columns."""

from __future__ import annotations

from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints import deadline
from planner.plan.model import build_model
from planner.plan.optimize import optimize
from tests.plan.support import cand, hand_plan, item, portfolio, violations

CAPS = {y: {"General": 100.0} for y in (2027, 2028, 2029, 2030)}
BOUNDED = cand("A", 10, duration_months=24, earliest_start=2028, must_finish_by=2030)


def test_only_starts_that_keep_both_years_get_a_column_and_no_row_is_added() -> None:
    model = build_model(portfolio([BOUNDED], CAPS), {"A": 1})
    assert [model.x_cols[c][1].start for c in model.cols_of["A"]] == [2028, 2029]
    assert deadline.KIND.row_groups == ()


def test_the_check_catches_an_early_start_and_a_late_finish() -> None:
    p = portfolio([BOUNDED], CAPS)
    early = hand_plan(item("A", {2027: 5, 2028: 5}))
    late = hand_plan(item("A", {2030: 5, 2031: 5}))
    assert "A starts before its earliest start" in violations(p, early)
    assert "A misses its deadline" in violations(p, late)


def test_the_optimizer_keeps_the_deadline_and_names_the_deadline_reason() -> None:
    p = portfolio([BOUNDED, cand("B", 10, duration_months=36, must_finish_by=2028)], CAPS)
    plan = optimize(p, {"A": 1, "B": 1})
    assert deadline.check(p, {i.candidate_id: i for i in plan.funded}, Overrides()) == []
    assert plan.funded_ids == ["A"]
    assert deadline.KIND.reason is ReasonCode.DEADLINE
    assert plan.unfunded_item("B").codes == (deadline.KIND.reason,)
