"""An unfunded candidate that only restricted money could pay for is told so in plain words."""

from __future__ import annotations

from planner.core.models import BudgetLine, Portfolio
from planner.plan.optimize import optimize
from planner.plan.restricted import restricted_room
from planner.plan.schedule import StartOption
from tests.plan.support import cand, portfolio, violations


def _city(**fields: object) -> Portfolio:
    p = portfolio([cand("A", 100, **fields), cand("W", 50, funding_sources=("Water",))],
                  {2027: {"General": 60.0, "Water": 200.0}})
    kinds = {"General": "general", "Water": "enterprise"}
    return p.replace(budget=tuple(line.model_copy(update={"fund_kind": kinds[line.fund]})
                                  for line in p.budget))


def test_blank_funding_sources_keep_a_candidate_out_of_enterprise_money_and_say_so() -> None:
    p = _city()
    values = {"A": 10.0, "W": 1.0}
    plan = optimize(p, values)
    assert plan.funded_ids == ["W"]
    assert plan.funded[0].restricted_funds == ("Water: named in the candidate's "
                                               "funding_sources",)
    assert violations(p, plan, values=values) == []
    reasons = plan.unfunded_item("A").reasons
    assert reasons[0] == "over budget in FY2027 by $40 in its eligible funds (General)"
    assert reasons[1] == ("it would fit in restricted money (Water), but its funding_sources "
                          "is blank, so it may use only unrestricted funds; restricted money "
                          "goes only to candidates that name the fund")


def test_naming_the_fund_lets_restricted_money_pay_and_no_note_when_it_would_not_fit() -> None:
    named = _city(funding_sources=("General", "water"))
    plan = optimize(named, {"A": 10.0, "W": 1.0})
    assert sorted(plan.funded_ids) == ["A", "W"]
    too_big = portfolio([cand("A", 500)], {2027: {"General": 60.0, "Water": 200.0}})
    too_big = too_big.replace(budget=tuple(
        line.model_copy(update={"restricted": line.fund == "Water"}) for line in too_big.budget))
    option = StartOption(2027, 2027, {2027: 500.0})
    assert restricted_room(too_big, {}, "A", option) is None
    open_book = too_big.replace(budget=tuple(
        BudgetLine(fiscal_year=2027, fund=f, capital_budget=9_999.0) for f in too_big.funds))
    assert restricted_room(open_book, {}, "A", option) is None  # nothing is restricted


def test_one_plans_reasons_share_one_opened_ledger_and_another_plan_gets_its_own() -> None:
    p = _city()
    option = StartOption(2027, 2027, {2027: 100.0})
    chosen = {"W": StartOption(2027, 2027, {2027: 50.0})}
    assert restricted_room(p, chosen, "A", option) is not None
    full = {"W": StartOption(2027, 2027, {2027: 200.0})}  # the enterprise fund spent out
    assert restricted_room(p, full, "A", option) is None
    assert restricted_room(p, chosen, "A", option) is not None
