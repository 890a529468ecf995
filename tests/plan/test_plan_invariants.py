"""Invariants of every plan on generated portfolios: no rule is ever broken, none is missed.

Each example draws a random portfolio (size, years, funds, budget tightness, dependencies,
alternatives, mandatory items, fixed profiles, staff, operating caps, carry-over, time
weighting or a delivery discount, cost escalation, restricted funds) and random overrides,
then checks all three plans with the independent checker.
"""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from planner.core.models import Portfolio
from planner.core.plans import Overrides, PlanStatus
from planner.service import run_plan
from tests.factories import make_portfolio
from tests.plan.support import violations

FUNDS = ("General Fund", "Enterprise Fund", "Federal Grant")


@st.composite
def cases(draw: st.DrawFn) -> tuple[Portfolio, dict[str, float], Overrides]:
    n = draw(st.integers(8, 30))
    p = make_portfolio(
        n=n, seed=draw(st.integers(0, 100_000)), years=draw(st.integers(2, 5)),
        funds=FUNDS[: draw(st.integers(1, 3))], budget_share=draw(st.floats(0.1, 0.9)),
        with_dependencies=draw(st.booleans()), with_alternatives=draw(st.booleans()),
        with_mandatory=n >= 12 and draw(st.booleans()),
        with_fixed_profiles=draw(st.booleans()), with_staff=draw(st.booleans()))
    if draw(st.booleans()):  # a yearly cap on new operating cost
        share = draw(st.floats(0.0, 0.5))
        total_op = sum(c.annual_operating_cost or 0.0 for c in p.candidates.values())
        room = total_op * share / len(p.fiscal_years)
        lines = tuple(line.model_copy(update={"operating_budget_increase": room})
                      if line.fund == p.funds[0] else line for line in p.budget)
        p = p.replace(budget=lines)
    kinds = draw(st.lists(st.sampled_from([None, "general", "enterprise", "grant", "bond"]),
                          min_size=len(p.funds), max_size=len(p.funds)))
    kind_of = dict(zip(p.funds, kinds, strict=True))  # restricted money: only named users
    p = p.replace(budget=tuple(line.model_copy(update={"fund_kind": kind_of[line.fund]})
                               for line in p.budget))
    p = p.replace(settings=p.settings.model_copy(update={
        "carry_over": draw(st.booleans()), "time_weighting": draw(st.booleans()),
        "delivery_discount": draw(st.sampled_from([0.0, 0.03, 0.2])),
        "cost_escalation": draw(st.sampled_from([0.0, 0.03, 0.1]))}))
    ids = sorted(p.candidates)
    values = {cid: draw(st.floats(0.0, 100.0)) for cid in ids}
    force_out = frozenset(draw(st.lists(st.sampled_from(ids), max_size=2)))
    force_in = frozenset(draw(st.lists(st.sampled_from(ids), max_size=1))) - force_out
    return p, values, Overrides(force_in=force_in, force_out=force_out)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_no_plan_ever_breaks_a_hard_rule(case) -> None:
    p, values, over = case
    result = run_plan(p, values, overrides=over, explain=False, frontier=False,
                      time_limit=5.0)
    plan = result.optimized
    event(plan.status.value)
    if plan.is_infeasible:
        assert plan.reasons and all(isinstance(r, str) and r for r in plan.reasons)
        # a baseline that kept every rule would prove a plan exists
        assert all(b.is_infeasible for b in result.baselines.values())
        return
    for each in (plan, *result.baselines.values()):
        if not each.is_infeasible:
            assert violations(p, each, over, values) == [], each.name
            assert len(each.funded) + len(each.unfunded) == len(p.candidates)
            assert all(u.reasons for u in each.unfunded), each.name
    for base in result.baselines.values():
        if not base.is_infeasible:
            assert plan.objective >= base.objective - 1e-6 * max(1.0, base.objective)
    if plan.status is PlanStatus.OPTIMAL:
        assert plan.gap == 0.0 or plan.gap <= 1e-6
        assert plan.bound is not None and plan.bound >= plan.objective - 1e-9


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_restricted_money_goes_only_to_candidates_that_name_it_and_says_why(case) -> None:
    p, values, over = case
    plan = run_plan(p, values, overrides=over, explain=False, frontier=False,
                    time_limit=5.0).optimized
    restricted = set(p.restricted_funds)
    for item in plan.funded:
        named = {s.casefold() for s in p.candidates[item.candidate_id].funding_sources}
        used = {f for by_fund in item.spend.values() for f, a in by_fund.items() if a > 0}
        assert all(f.casefold() in named for f in used & restricted), item
        assert item.restricted_funds == tuple(
            f"{f}: named in the candidate's funding_sources"
            for f in p.funds if f in used & restricted)
        cand = p.candidates[item.candidate_id]
        expected = 0.0 if cand.spend_profile else round(item.total_cost - cand.one_time_cost, 2)
        assert abs(item.escalation - max(0.0, expected)) <= 0.01 * (1 + len(item.spend))
