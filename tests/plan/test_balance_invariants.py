"""Balance rules on generated portfolios: every plan keeps every rule, and a rule set that
leaves no plan is named.

Each example draws a random portfolio and one to three random rules (a share or amount of
capital for a department or an approach, per year, in one year or over the horizon; at
least one or exactly one of a group), then checks all three plans with the independent
checker.
"""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from planner.core.balance import BalanceRule, RuleKind, column_values
from planner.core.models import Portfolio
from planner.service import run_plan
from tests.factories import make_portfolio
from tests.plan.support import violations

FUNDS = ("General Fund", "Enterprise Fund")


@st.composite
def rules(draw: st.DrawFn, p: Portfolio) -> tuple[BalanceRule, ...]:
    out = []
    for n in range(draw(st.integers(1, 3))):
        column = draw(st.sampled_from([c for c in ("department", "approach",
                                                   "alternative_group") if column_values(p, c)]))
        value = draw(st.sampled_from(column_values(p, column)))
        kind = draw(st.sampled_from(list(RuleKind)))
        limit = None
        if kind.is_share:
            limit = draw(st.sampled_from([0.05, 0.1, 0.25, 0.4, 0.6]))
        elif not kind.is_count:
            total = sum(c.one_time_cost for c in p.candidates.values())
            limit = round(total * draw(st.sampled_from([0.01, 0.05, 0.1, 0.3])), 2)
        scope = draw(st.sampled_from(["all", "each", "one"])) if not kind.is_count else "all"
        out.append(BalanceRule(
            name=f"Rule {n + 1}", column=column, value=value, kind=kind, limit=limit,
            each_year=scope == "each",
            fiscal_year=draw(st.sampled_from(p.fiscal_years)) if scope == "one" else None))
    return tuple(out)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Portfolio, dict[str, float]]:
    p = make_portfolio(
        n=draw(st.integers(8, 24)), seed=draw(st.integers(0, 100_000)),
        years=draw(st.integers(2, 4)), funds=FUNDS[: draw(st.integers(1, 2))],
        budget_share=draw(st.floats(0.2, 0.8)), with_dependencies=draw(st.booleans()),
        with_alternatives=draw(st.booleans()), with_fixed_profiles=draw(st.booleans()))
    p = p.replace(settings=p.settings.model_copy(update={"carry_over": draw(st.booleans())}))
    values = {cid: draw(st.floats(0.0, 100.0)) for cid in sorted(p.candidates)}
    return p.replace(rules=draw(rules(p))), values


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_every_plan_keeps_every_rule_and_an_impossible_rule_set_is_named(case) -> None:
    p, values = case
    result = run_plan(p, values, explain=False, frontier=False, time_limit=5.0)
    plan = result.optimized
    event(plan.status.value)
    if plan.is_infeasible:
        assert all(b.is_infeasible for b in result.baselines.values())
        free = run_plan(p.replace(rules=()), values, explain=False, frontier=False,
                        time_limit=5.0).optimized
        if not free.is_infeasible:  # the rules alone leave no plan: one of them is named
            assert any(f"'{r.name}'" in reason for r in p.rules for reason in plan.reasons), \
                plan.reasons
        return
    for each in (plan, *result.baselines.values()):
        if not each.is_infeasible:
            assert violations(p, each, values=values) == [], each.name
            assert len(each.rules) == len(p.rules) and all(r.kept for r in each.rules)
            assert all(u.reasons for u in each.unfunded), each.name
    for base in result.baselines.values():
        if not base.is_infeasible:
            assert plan.objective >= base.objective - 1e-6 * max(1.0, base.objective)
