"""Operating: new operating cost, from the finish year on, within the room allowed so far."""

from __future__ import annotations

import pytest

from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints import operating
from planner.plan.model import build_model
from planner.plan.optimize import optimize
from tests.plan.support import cand, hand_plan, item, portfolio, row_entries, violations

CAPS = {y: {"General": 1000.0} for y in (2027, 2028, 2029)}
ROOM = {2027: 100.0, 2028: 100.0, 2029: 0.0}


def test_each_row_bounds_the_cost_of_starts_finished_by_its_year_by_the_room_so_far() -> None:
    p = portfolio([cand("A", 10, annual_operating_cost=100.0, duration_months=24)], CAPS,
                  operating=ROOM)
    model = build_model(p, {"A": 1})
    rows = model.rows_of("operating")
    # A finishes in FY2028 at the earliest: FY2027's row would be empty
    assert [model.row_key[r] for r in rows] == [(2028,), (2029,)]
    assert [model.row_upper[r] * model.op_scale for r in rows] == [200.0, 200.0]
    first, second = model.cols_of["A"]  # starts FY2027 and FY2028
    assert row_entries(model, rows[0]) == {first: pytest.approx(100 / model.op_scale)}
    assert set(row_entries(model, rows[1])) == {first, second}


def test_the_check_catches_more_new_operating_cost_than_the_room() -> None:
    p = portfolio([cand(c, 10, annual_operating_cost=100.0) for c in "AB"], CAPS,
                  operating=ROOM)
    plan = hand_plan(item("A", {2027: 10}), item("B", {2027: 10}))
    assert violations(p, plan) == ["new operating cost over the allowed increase by 2027"]
    later = hand_plan(item("A", {2027: 10}), item("B", {2028: 10}))
    assert violations(p, later) == []


def test_the_optimizer_keeps_the_room_and_names_the_operating_reason() -> None:
    p = portfolio([cand(c, 10, annual_operating_cost=100.0) for c in "ABC"], CAPS,
                  operating=ROOM)
    plan = optimize(p, dict.fromkeys("ABC", 1))
    assert operating.check(p, {i.candidate_id: i for i in plan.funded}, Overrides()) == []
    assert len(plan.funded) == 2
    assert operating.KIND.reason is ReasonCode.OPERATING
    assert [u.codes for u in plan.unfunded] == [(operating.KIND.reason,)]
