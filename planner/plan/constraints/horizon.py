"""Horizon: a funded candidate runs inside the plan's years, on its own schedule.

A candidate with a fixed profile spends it year by year; any other spreads its one-time cost
evenly over its duration, each year's share escalated by Settings cost_escalation. No rows:
each start column is one such schedule (`planner.plan.schedule.windows`), so the model
cannot choose another.
"""

from __future__ import annotations

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints.base import TOL, ConstraintKind, Funded, no_rows


def check(portfolio: Portfolio, funded: Funded, overrides: Overrides) -> list[str]:
    """How the plan's funded candidates leave the horizon or spend the wrong amounts."""
    bad: list[str] = []
    years = portfolio.fiscal_years
    for cid, item in funded.items():
        cand = portfolio.candidates[cid]
        if not (years[0] <= item.start_year <= item.end_year <= years[-1]):
            bad.append(f"{cid} outside the horizon")
        by_year = {y: sum(f.values()) for y, f in item.spend.items()}
        if cand.spend_profile:
            expected = dict(cand.spend_profile)
        else:
            duration = cand.duration_years
            if item.end_year - item.start_year + 1 != duration:
                bad.append(f"{cid} runs the wrong number of years")
            rate = portfolio.settings.cost_escalation  # compounding from the first year
            expected = {item.start_year + k: cand.one_time_cost / duration
                        * (1.0 + rate) ** (item.start_year + k - years[0])
                        for k in range(duration)}
        for y in set(expected) | set(by_year):
            if abs(expected.get(y, 0.0) - by_year.get(y, 0.0)) > TOL * max(
                    1, cand.one_time_cost, *expected.values()):
                bad.append(f"{cid} spends {by_year.get(y, 0)} in {y}, not {expected.get(y, 0)}")
    return bad


KIND = ConstraintKind("horizon", ReasonCode.HORIZON, no_rows, check)
