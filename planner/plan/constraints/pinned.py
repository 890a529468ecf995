"""Pinned starts: a candidate pinned to a start year starts in that year.

No rows: its only start column is the pinned year (`planner.plan.schedule.windows`), and
the required kind's assign row funds it.
"""

from __future__ import annotations

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints.base import ConstraintKind, Funded, no_rows


def check(portfolio: Portfolio, funded: Funded, overrides: Overrides) -> list[str]:
    """Pinned candidates funded in another start year."""
    return [f"{cid} not at its pinned start" for cid, year in overrides.pin_start.items()
            if cid in funded and funded[cid].start_year != year]


KIND = ConstraintKind("pinned", ReasonCode.PIN, no_rows, check)
