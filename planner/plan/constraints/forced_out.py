"""Forced out: a candidate the user forces out is never funded.

No rows: the upper bound of each of its start columns is 0.
"""

from __future__ import annotations

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints.base import ConstraintKind, Draft, Funded


def add_rows(draft: Draft) -> None:
    """Close the start columns of every forced-out candidate."""
    for cid in draft.overrides.force_out:
        for col in draft.cols_of.get(cid, []):
            draft.col_upper[col] = 0.0


def check(portfolio: Portfolio, funded: Funded, overrides: Overrides) -> list[str]:
    """Forced-out candidates the plan funds."""
    return [f"forced-out {cid} funded" for cid in overrides.force_out if cid in funded]


KIND = ConstraintKind("forced_out", ReasonCode.FORCED_OUT, add_rows, check)
