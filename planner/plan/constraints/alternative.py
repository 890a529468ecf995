"""Alternatives: at most one candidate of each either/or group is funded.

One "alternative" row per group with more than one start column: the sum of its members'
start binaries <= 1. "Exactly one" and "at least one" of a group are balance rules of the
Rules sheet (planner.plan.constraints.group).
"""

from __future__ import annotations

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints.base import INF, ConstraintKind, Draft, Funded


def add_rows(draft: Draft) -> None:
    """One alternative row per either/or group whose members could start more than once."""
    for label, members in draft.portfolio.alternative_groups.items():
        entries = [(c, 1.0) for cid in members for c in draft.cols_of.get(cid, [])]
        if len(entries) > 1:
            draft.add_row("alternative", (label,), entries, -INF, 1.0)


def check(portfolio: Portfolio, funded: Funded, overrides: Overrides) -> list[str]:
    """Either/or groups with more than one member funded."""
    return [f"more than one of alternative group {label}"
            for label, members in portfolio.alternative_groups.items()
            if sum(m in funded for m in members) > 1]


KIND = ConstraintKind("alternative", ReasonCode.ALTERNATIVE, add_rows, check, ("alternative",))
