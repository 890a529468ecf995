"""Staff: the IT staff FTE of candidates running in a fiscal year stay within its capacity.

One "staff" row per year with a capacity: sum of FTE x[c,s] over the starts under way that
year <= capacity. Years without a capacity have no limit.
"""

from __future__ import annotations

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints.base import INF, TOL, ConstraintKind, Draft, Funded


def add_rows(draft: Draft) -> None:
    """One staff row per fiscal year with a capacity and someone who could use it."""
    portfolio = draft.portfolio
    for year in draft.years:
        capacity = portfolio.staff_capacity(year)
        if capacity is None:
            continue
        entries = draft.x_entries(lambda cid, option, year=year: (
            portfolio.candidates[cid].staff_fte or 0.0) if option.runs_in(year) else 0.0)
        if entries:
            draft.add_row("staff", (year,), entries, -INF, capacity)


def check(portfolio: Portfolio, funded: Funded, overrides: Overrides) -> list[str]:
    """Fiscal years whose running candidates need more staff than the capacity."""
    bad: list[str] = []
    for y in portfolio.fiscal_years:
        capacity = portfolio.staff_capacity(y)
        running = sum(portfolio.candidates[c].staff_fte or 0 for c, i in funded.items()
                      if i.start_year <= y <= i.end_year)
        if capacity is not None and running > capacity + TOL:
            bad.append(f"staff over capacity in {y}")
    return bad


KIND = ConstraintKind("staff", ReasonCode.STAFF, add_rows, check, ("staff",),
                      frozenset({"staff"}))
