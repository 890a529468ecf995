"""Deadlines: no start before a candidate's earliest start, no finish after its must-finish-by.

No rows: the start columns hold only the starts that keep both years
(`planner.plan.schedule.windows`).
"""

from __future__ import annotations

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints.base import ConstraintKind, Funded, no_rows


def check(portfolio: Portfolio, funded: Funded, overrides: Overrides) -> list[str]:
    """Funded candidates that start too early or finish too late."""
    bad: list[str] = []
    for cid, item in funded.items():
        cand = portfolio.candidates[cid]
        if cand.earliest_start and item.start_year < cand.earliest_start:
            bad.append(f"{cid} starts before its earliest start")
        if cand.must_finish_by and item.end_year > cand.must_finish_by:
            bad.append(f"{cid} misses its deadline")
    return bad


KIND = ConstraintKind("deadline", ReasonCode.DEADLINE, no_rows, check)
