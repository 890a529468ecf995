"""Assignment: each candidate starts at most once; required ones exactly once."""

from __future__ import annotations

from planner.core.plans import Overrides
from planner.plan.constraints import required
from planner.plan.model import build_model
from planner.plan.optimize import optimize
from tests.plan.support import cand, hand_plan, item, portfolio, row_entries, violations

CAPS = {y: {"General": 100.0} for y in (2027, 2028)}
CANDIDATES = [cand("M", 60, mandatory=True), cand("F", 10), cand("P", 10), cand("A", 60)]
OVER = Overrides(force_in=frozenset({"F"}), pin_start={"P": 2028})


def test_one_assign_row_per_candidate_at_least_one_when_required() -> None:
    model = build_model(portfolio(CANDIDATES, CAPS), dict.fromkeys("MFPA", 1), OVER)
    rows = model.rows_of("assign")
    assert [model.row_key[r] for r in rows] == [("M",), ("F",), ("P",), ("A",)]
    assert model.assign_row == {"M": rows[0], "F": rows[1], "P": rows[2], "A": rows[3]}
    assert [model.row_lower[r] for r in rows] == [1.0, 1.0, 1.0, 0.0]
    assert all(model.row_upper[r] == 1.0 for r in rows)
    assert row_entries(model, model.assign_row["A"]) == dict.fromkeys(model.cols_of["A"], 1.0)


def test_the_check_catches_a_required_candidate_left_out() -> None:
    p = portfolio(CANDIDATES, CAPS)
    plan = hand_plan(item("F", {2027: 10}), item("P", {2028: 10}))
    assert violations(p, plan, OVER) == ["required M not funded"]
    assert sorted(violations(p, hand_plan(item("M", {2027: 60})), OVER)) == [
        "required F not funded", "required P not funded"]


def test_the_optimizer_funds_every_required_candidate_even_when_worth_little() -> None:
    p = portfolio(CANDIDATES, CAPS)
    plan = optimize(p, {"M": 0.1, "F": 0.1, "P": 0.1, "A": 10}, overrides=OVER)
    assert required.check(p, {i.candidate_id: i for i in plan.funded}, OVER) == []
    assert {"M", "F", "P"} <= set(plan.funded_ids)


def test_a_required_candidate_has_no_reason_code_it_makes_the_plan_infeasible() -> None:
    assert required.KIND.reason is None
    p = portfolio([cand("M", 200, mandatory=True)], CAPS)
    assert optimize(p, {"M": 1}).is_infeasible
