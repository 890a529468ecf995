"""Prerequisites: a candidate that requires another starts only after that one finishes.

One "requires" row per (dependent, start year, prerequisite): x[A,s] <= sum of x[B,t] over
the starts t of B that finish before s. Much tighter than one aggregated big-M row.
"""

from __future__ import annotations

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints.base import INF, ConstraintKind, Draft, Funded


def add_rows(draft: Draft) -> None:
    """One requires row per start column of a dependent and each of its prerequisites."""
    x_cols, cols_of = draft.x_cols, draft.cols_of
    for cid, cand in draft.portfolio.candidates.items():
        for req in cand.requires:
            for col in cols_of.get(cid, []):
                start = x_cols[col][1].start
                before = [(b, -1.0) for b in cols_of.get(req, []) if x_cols[b][1].end < start]
                draft.add_row("requires", (cid, start, req), [(col, 1.0)] + before, -INF, 0.0)


def check(portfolio: Portfolio, funded: Funded, overrides: Overrides) -> list[str]:
    """Dependents funded without a prerequisite, or starting before it finishes."""
    bad: list[str] = []
    for cid, item in funded.items():
        for req in portfolio.candidates[cid].requires:
            if req not in funded:
                bad.append(f"{cid} funded without its prerequisite {req}")
            elif funded[req].end_year >= item.start_year:
                bad.append(f"{cid} starts before its prerequisite {req} finishes")
    return bad


KIND = ConstraintKind("prerequisite", ReasonCode.PREREQUISITE, add_rows, check, ("requires",))
