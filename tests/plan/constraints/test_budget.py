"""Capital: demand rows per eligibility class and year, a capital row per cap, carry-over."""

from __future__ import annotations

import pytest

from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints import budget
from planner.plan.model import build_model
from planner.plan.optimize import optimize
from tests.factories import make_portfolio
from tests.plan.support import cand, hand_plan, item, portfolio, row_entries, violations

NONE = Overrides()
TWO_FUNDS = {2027: {"General": 100.0, "Grant": 50.0}, 2028: {"General": 100.0, "Grant": 50.0}}


def _tiny(**settings: object):
    return portfolio([cand("A", 80), cand("G", 40, funding_sources=("Grant",))], TWO_FUNDS,
                     **settings)


def test_one_demand_row_per_class_and_year_and_one_capital_row_per_cap() -> None:
    model = build_model(_tiny(), {"A": 1, "G": 1})
    assert [model.row_key[r] for r in model.rows_of("demand")] == [
        (0, 2027), (0, 2028), (1, 2027), (1, 2028)]
    capital = model.rows_of("capital")
    assert [model.row_key[r] for r in capital] == [
        (2027, "General"), (2027, "Grant"), (2028, "General"), (2028, "Grant")]
    assert [model.row_upper[r] * model.money_scale for r in capital] == [100, 50, 100, 50]
    # A may use both funds, G only the grant: three split columns per year
    assert len(model.w_cols) == 6 and model.carry_cols == {}


def test_a_demand_row_equates_the_spend_with_its_fund_split() -> None:
    model = build_model(_tiny(), {"A": 1, "G": 1})
    row = model.rows_of("demand")[0]
    entries = row_entries(model, row)
    a_2027 = next(c for c in model.cols_of["A"] if model.x_cols[c][1].start == 2027)
    assert entries[a_2027] * model.money_scale == pytest.approx(80)
    assert sorted(v for c, v in entries.items() if c >= model.n_x) == [-1.0, -1.0]
    assert model.row_lower[row] == model.row_upper[row] == 0.0


def test_carry_over_links_each_capital_row_to_the_year_before() -> None:
    model = build_model(_tiny(carry_over=True), {"A": 1, "G": 1})
    assert set(model.carry_cols) == {(2027, "General"), (2027, "Grant")}
    row = next(r for r in model.rows_of("capital") if model.row_key[r] == (2028, "General"))
    assert row_entries(model, row)[model.carry_cols[(2027, "General")]] == -1.0


def test_in_elastic_mode_each_capital_row_gets_a_slack() -> None:
    model = build_model(_tiny(), {"A": 1, "G": 1}, elastic=True)
    assert set(model.rows_of("capital")) <= set(model.slack_cols)


def test_the_check_catches_a_fund_over_its_cap_and_an_ineligible_draw() -> None:
    p = _tiny()
    over_cap = hand_plan(item("A", {2027: 80}), item("B", {2027: 40}))
    p2 = portfolio([cand("A", 80), cand("B", 40)], TWO_FUNDS)
    assert violations(p2, over_cap) == ["General over its cap in 2027: 120.0 > 100.0"]
    wrong_fund = hand_plan(item("G", {2027: 40}, fund="General"))
    assert violations(p, wrong_fund) == ["G draws 40.0 on ineligible fund General"]


def test_with_carry_over_the_check_counts_money_cumulatively() -> None:
    caps = {2027: {"General": 50.0}, 2028: {"General": 50.0}}
    late = portfolio([cand("A", 100, earliest_start=2028)], caps, carry_over=True)
    plan = hand_plan(item("A", {2028: 100}))
    assert budget.check(late, {"A": plan.funded[0]}, NONE) == []
    strict = portfolio([cand("A", 100, earliest_start=2028)], caps)
    assert budget.check(strict, {"A": plan.funded[0]}, NONE) == [
        "General over its cap in 2028: 100.0 > 50.0"]


def test_the_optimizer_keeps_every_cap_and_names_the_budget_reason() -> None:
    p = make_portfolio(n=30, seed=2, budget_share=0.3)
    plan = optimize(p, {cid: 1.0 for cid in p.candidates})
    funded = {i.candidate_id: i for i in plan.funded}
    assert budget.check(p, funded, NONE) == []
    assert budget.KIND.reason is ReasonCode.BUDGET
    assert any(ReasonCode.BUDGET in u.codes for u in plan.unfunded)
