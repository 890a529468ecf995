"""Staff: one row per year with a capacity, counting the FTE of the starts under way."""

from __future__ import annotations

from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints import staff
from planner.plan.model import build_model
from planner.plan.optimize import optimize
from tests.plan.support import cand, hand_plan, item, portfolio, row_entries, violations

CAPS = {y: {"General": 1000.0} for y in (2027, 2028)}


def test_one_row_per_year_with_a_capacity_counting_the_starts_under_way() -> None:
    p = portfolio([cand("A", 10, staff_fte=2.0, duration_months=24), cand("B", 10)], CAPS,
                  staff={2027: 3.0})
    model = build_model(p, {"A": 1, "B": 1})
    rows = model.rows_of("staff")
    assert [model.row_key[r] for r in rows] == [(2027,)]  # FY2028 has no capacity
    assert model.row_upper[rows[0]] == 3.0
    (a_col,) = model.cols_of["A"]  # two years long: it can only start in FY2027
    assert row_entries(model, rows[0]) == {a_col: 2.0}  # B needs no staff


def test_the_check_catches_more_staff_than_the_capacity() -> None:
    p = portfolio([cand(c, 10, staff_fte=2.0) for c in "AB"], CAPS, staff={2027: 3.0})
    plan = hand_plan(item("A", {2027: 10}), item("B", {2027: 10}))
    assert violations(p, plan) == ["staff over capacity in 2027"]


def test_the_optimizer_spreads_the_work_and_names_the_staff_reason() -> None:
    team = [cand(c, 10, staff_fte=2.0) for c in "ABC"]
    p = portfolio(team, CAPS, staff={2027: 3.0, 2028: 3.0})
    plan = optimize(p, dict.fromkeys("ABC", 1))
    assert staff.check(p, {i.candidate_id: i for i in plan.funded}, Overrides()) == []
    assert len(plan.funded) == 2
    assert staff.KIND.reason is ReasonCode.STAFF
    assert [u.codes for u in plan.unfunded] == [(staff.KIND.reason,)]
