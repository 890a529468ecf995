"""Balance rules on money: a group's share or amount of capital, as linear rows."""

from __future__ import annotations

import pytest

from planner.core.balance import BalanceRule, RuleKind
from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints import balance
from planner.plan.model import build_model
from planner.plan.optimize import optimize
from tests.plan.support import cand, hand_plan, item, portfolio, row_entries, violations

CAPS = {y: {"General": 100.0} for y in (2027, 2028)}
PROJECTS = [cand("A", 60, alternative_group=None, extra={"department": "IT"}),
            cand("B", 40, extra={"department": "IT"}),
            cand("C", 30, extra={"department": "Police"}),
            cand("D", 20, extra={"department": "Parks"})]


def rule(kind: str, limit: float | None, **fields: object) -> BalanceRule:
    fields.setdefault("column", "department")
    fields.setdefault("value", "IT")
    return BalanceRule(name=f"{kind} IT", kind=RuleKind.from_text(kind), limit=limit, **fields)


def test_a_max_share_row_weighs_members_by_one_minus_the_share_and_others_by_minus_it() -> None:
    p = portfolio(PROJECTS, CAPS).replace(rules=(rule("max share", 0.4),))
    model = build_model(p, dict.fromkeys("ABCD", 1))
    (row,) = model.rows_of("balance")
    entries = row_entries(model, row)
    scale = model.money_scale
    for cid, spend, weight in (("A", 60, 0.6), ("C", 30, -0.4)):
        for col in model.cols_of[cid]:
            assert entries[col] == pytest.approx(weight * spend / scale)
    assert model.row_upper[row] == 0.0 and model.row_key[row] == (0, (2027, 2028))


def test_a_rule_of_each_year_has_one_row_per_year_and_a_fiscal_year_one_row() -> None:
    each = rule("max amount", 50, each_year=True)
    once = rule("min amount", 10, fiscal_year=2028)
    model = build_model(portfolio(PROJECTS, CAPS).replace(rules=(each, once)),
                        dict.fromkeys("ABCD", 1))
    keys = [model.row_key[r] for r in model.rows_of("balance")]
    assert keys == [(0, (2027,)), (0, (2028,)), (1, (2028,))]
    assert model.row_upper[model.rows_of("balance")[2]] == pytest.approx(-10 / model.money_scale)


def test_the_optimizer_keeps_a_max_share_it_would_otherwise_break() -> None:
    p = portfolio(PROJECTS, CAPS)
    values = {"A": 10, "B": 10, "C": 1, "D": 1}
    assert {"A", "B"} <= set(optimize(p, values).funded_ids)
    capped = p.replace(rules=(rule("max share", 0.5),))
    plan = optimize(capped, values)
    spend = {i.candidate_id: i.total_cost for i in plan.funded}
    it = sum(v for c, v in spend.items() if c in "AB")
    assert it <= 0.5 * sum(spend.values()) + 1e-6
    assert violations(capped, plan) == []
    assert balance.KIND.reason is ReasonCode.BALANCE


def test_a_min_share_with_no_spend_at_all_is_kept() -> None:
    p = portfolio(PROJECTS, CAPS).replace(rules=(rule("min share", 0.9, value="Parks"),))
    assert violations(p, hand_plan()) == []
    plan = hand_plan(item("A", {2027: 60}))
    assert violations(p, plan) == [
        "rule 'min share IT' broken in (2027, 2028): department = Parks spends 0 of 60.0, "
        "past its limit by 54.0"]


def test_the_check_reads_the_funded_spend_per_year() -> None:
    p = portfolio(PROJECTS, CAPS).replace(rules=(rule("max amount", 50, each_year=True),))
    fine = hand_plan(item("A", {2027: 30, 2028: 30}))
    assert balance.check(p, {i.candidate_id: i for i in fine.funded}, Overrides()) == []
    broken = hand_plan(item("A", {2027: 60}))
    assert len(violations(p, broken)) == 1


def test_a_min_amount_the_group_can_reach_makes_the_optimizer_fund_it() -> None:
    p = portfolio(PROJECTS, CAPS).replace(rules=(rule("min amount", 30, value="Police"),))
    plan = optimize(p, {"A": 10, "B": 10, "C": 0, "D": 5})
    assert "C" in plan.funded_ids and violations(p, plan) == []
