"""Operating: new annual operating cost stays within the operating increase allowed so far.

A candidate's operating cost starts once it finishes and is permanent, so unused room
carries: one "operating" row per year with an allowance, sum of the operating cost of the
starts finished by that year <= the sum of the increases allowed through it. Costs are
divided by `op_scale` (a power of ten).
"""

from __future__ import annotations

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints.base import INF, TOL, ConstraintKind, Draft, Funded, scale_of


def add_rows(draft: Draft) -> None:
    """One operating row per fiscal year with an allowance and a candidate finished by then."""
    portfolio = draft.portfolio
    cost = {cid: c.annual_operating_cost or 0.0 for cid, c in portfolio.candidates.items()}
    draft.op_scale = scale_of(list(cost.values()))
    cumulative = 0.0
    for year in draft.years:
        allowed = portfolio.operating_cap(year)
        cumulative += allowed or 0.0
        if allowed is None:
            continue
        entries = draft.x_entries(lambda cid, option, year=year: (
            cost[cid] / draft.op_scale if option.end <= year else 0.0))
        if entries:
            draft.add_row("operating", (year,), entries, -INF, cumulative / draft.op_scale)


def check(portfolio: Portfolio, funded: Funded, overrides: Overrides) -> list[str]:
    """Fiscal years by which the funded candidates' new operating cost exceeds the room."""
    bad: list[str] = []
    room = 0.0
    for y in portfolio.fiscal_years:
        room += portfolio.operating_cap(y) or 0.0
        if portfolio.operating_cap(y) is None:
            continue
        live = sum(portfolio.candidates[c].annual_operating_cost or 0
                   for c, i in funded.items() if i.end_year <= y)
        if live > room + TOL * max(1.0, room):
            bad.append(f"new operating cost over the allowed increase by {y}")
    return bad


KIND = ConstraintKind("operating", ReasonCode.OPERATING, add_rows, check, ("operating",),
                      frozenset({"operating"}))
