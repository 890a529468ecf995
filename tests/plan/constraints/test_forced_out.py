"""Forced out: every start column of the candidate is closed (upper bound 0)."""

from __future__ import annotations

from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints import forced_out
from planner.plan.model import build_model
from planner.plan.optimize import optimize
from tests.plan.support import cand, hand_plan, item, portfolio, violations

CAPS = {y: {"General": 100.0} for y in (2027, 2028)}
OUT = Overrides(force_out=frozenset({"A"}))


def test_the_forced_out_candidates_columns_are_closed_and_no_row_is_added() -> None:
    p = portfolio([cand("A", 10), cand("B", 10)], CAPS)
    model = build_model(p, {"A": 5, "B": 1}, OUT)
    assert [model.col_upper[c] for c in model.cols_of["A"]] == [0.0, 0.0]
    assert [model.col_upper[c] for c in model.cols_of["B"]] == [1.0, 1.0]
    assert len(model.row_kind) == len(build_model(p, {"A": 5, "B": 1}).row_kind)


def test_the_check_catches_a_forced_out_candidate_in_the_plan() -> None:
    p = portfolio([cand("A", 10)], CAPS)
    assert violations(p, hand_plan(item("A", {2027: 10})), OUT) == ["forced-out A funded"]


def test_the_optimizer_leaves_it_out_and_names_the_forced_out_reason() -> None:
    p = portfolio([cand("A", 10), cand("B", 10)], CAPS)
    plan = optimize(p, {"A": 5, "B": 1}, overrides=OUT)
    assert forced_out.check(p, {i.candidate_id: i for i in plan.funded}, OUT) == []
    assert plan.funded_ids == ["B"]
    assert forced_out.KIND.reason is ReasonCode.FORCED_OUT
    assert plan.unfunded_item("A").codes == (forced_out.KIND.reason,)
