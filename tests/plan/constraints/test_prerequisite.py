"""Prerequisites: one row per dependent start and prerequisite, counting earlier finishes."""

from __future__ import annotations

from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints import prerequisite
from planner.plan.model import build_model
from planner.plan.optimize import optimize
from tests.plan.support import cand, hand_plan, item, portfolio, row_entries, violations

CAPS = {y: {"General": 100.0} for y in (2027, 2028, 2029)}


def test_a_dependent_start_needs_a_prerequisite_start_that_finishes_before_it() -> None:
    p = portfolio([cand("B", 10), cand("A", 10, requires=("B",))], CAPS)
    model = build_model(p, {"A": 1, "B": 1})
    rows = model.rows_of("requires")
    assert [model.row_key[r] for r in rows] == [("A", y, "B") for y in (2027, 2028, 2029)]
    b_start = {model.x_cols[c][1].start: c for c in model.cols_of["B"]}
    a_start = {model.x_cols[c][1].start: c for c in model.cols_of["A"]}
    assert row_entries(model, rows[0]) == {a_start[2027]: 1.0}  # nothing finishes before
    assert row_entries(model, rows[2]) == {a_start[2029]: 1.0, b_start[2027]: -1.0,
                                           b_start[2028]: -1.0}
    assert all(model.row_upper[r] == 0.0 for r in rows)


def test_the_check_catches_a_missing_or_late_prerequisite() -> None:
    p = portfolio([cand("B", 10), cand("A", 10, requires=("B",))], CAPS)
    assert violations(p, hand_plan(item("A", {2028: 10}))) == [
        "A funded without its prerequisite B"]
    same_year = hand_plan(item("B", {2028: 10}), item("A", {2028: 10}))
    assert violations(p, same_year) == ["A starts before its prerequisite B finishes"]


def test_the_optimizer_orders_the_work_and_names_the_prerequisite_reason() -> None:
    p = portfolio([cand("B", 60), cand("A", 60, requires=("B",)), cand("C", 100)],
                  {2027: {"General": 100.0}, 2028: {"General": 100.0}})
    plan = optimize(p, {"A": 5, "B": 1, "C": 2})
    assert prerequisite.check(p, {i.candidate_id: i for i in plan.funded}, Overrides()) == []
    assert prerequisite.KIND.reason is ReasonCode.PREREQUISITE
    dropped = optimize(p, {"A": 1, "B": 0, "C": 50}, overrides=Overrides(
        force_out=frozenset({"B"})))
    assert prerequisite.KIND.reason in dropped.unfunded_item("A").codes
