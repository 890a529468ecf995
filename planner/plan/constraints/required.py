"""Assignment: each candidate starts at most once; mandatory, forced-in and pinned ones once.

One "assign" row per candidate with a start column: the sum of its start binaries is at most
1, and at least 1 when it is required. Breaking the rule leaves no candidate out (the plan is
infeasible instead), so the kind has no reason code.
"""

from __future__ import annotations

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.plan.constraints.base import ConstraintKind, Draft, Funded
from planner.plan.schedule import required_ids


def add_rows(draft: Draft) -> None:
    """One assign row per candidate; its row index is kept for force-in re-solves."""
    required = required_ids(draft.portfolio, draft.overrides)
    for cid, cols in draft.cols_of.items():
        lower = 1.0 if cid in required else 0.0
        draft.assign_row[cid] = draft.add_row("assign", (cid,), [(c, 1.0) for c in cols],
                                              lower, 1.0)


def check(portfolio: Portfolio, funded: Funded, overrides: Overrides) -> list[str]:
    """Mandatory, forced-in and pinned candidates the plan leaves out."""
    required = {cid for cid, c in portfolio.candidates.items() if c.mandatory}
    required |= set(overrides.force_in) | set(overrides.pin_start)
    return [f"required {cid} not funded" for cid in required if cid not in funded]


KIND = ConstraintKind("required", None, add_rows, check, ("assign",))
