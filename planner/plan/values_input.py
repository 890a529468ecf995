"""Checks on what callers pass to the planner: candidate values and the user's overrides."""

from __future__ import annotations

import math
from collections.abc import Mapping

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.errors import InputError


def clean_values(portfolio: Portfolio, values: Mapping[str, float]) -> dict[str, float]:
    """Values as a plain dict over the portfolio's candidates (missing ones count as 0)."""
    items = values.items() if hasattr(values, "items") else dict(values).items()
    given = {str(k): v for k, v in items}
    clean: dict[str, float] = {}
    bad = []
    for cid in portfolio.candidates:
        value = given.get(cid, 0.0)
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if not math.isfinite(number):
            bad.append(cid)
        clean[cid] = number
    if bad:
        raise InputError(f"candidate values must be finite numbers; not for {', '.join(bad[:5])}"
                         + (f" and {len(bad) - 5} more" if len(bad) > 5 else ""))
    return clean


def check_overrides(portfolio: Portfolio, overrides: Overrides) -> None:
    """Raise InputError when an override names an unknown candidate or a non-year."""
    named = set(overrides.force_in) | set(overrides.force_out) | set(overrides.pin_start)
    unknown = sorted(named - set(portfolio.candidates))
    if unknown:
        raise InputError(f"overrides name candidates that are not in the portfolio: "
                         f"{', '.join(unknown)}")
    for cid, year in overrides.pin_start.items():
        if not isinstance(year, int) or isinstance(year, bool):
            raise InputError(f"the pinned start of {cid} must be a fiscal year, not {year!r}")
