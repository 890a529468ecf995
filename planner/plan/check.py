"""The independent plan checker: every hard rule a plan breaks, in words.

Each constraint kind re-derives its rule from the portfolio and the plan's funded items, not
from the model's rows or the ledger, so a wrong formulation shows up here rather than being
repeated. Used by the tests on every plan the optimizer and the baselines return.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.core.models import Portfolio
from planner.core.plans import Overrides, Plan
from planner.plan.constraints import KINDS


def _weight(portfolio: Portfolio, go_live: int) -> float:
    """The delivery weight, written out again from docs/optimizer.md (not the model's)."""
    years, settings = portfolio.fiscal_years, portfolio.settings
    if settings.time_weighting:
        return (years[-1] - go_live + 1) / len(years)
    return 1.0  # the delivery discount orders schedules; it is no part of the value captured


def objective_violations(portfolio: Portfolio, plan: Plan,
                         values: Mapping[str, float]) -> list[str]:
    """The plan's objective must be the value captured: the sum of its funded values (each
    weighted by its share of the horizon in service when time weighting is on)."""
    total = sum(values.get(item.candidate_id, 0.0) * _weight(portfolio, item.end_year)
                for item in plan.funded)
    if abs(total - plan.objective) > 1e-6 * max(1.0, abs(total)):
        return [f"objective {plan.objective} is not the funded value {total}"]
    return []


def violations(portfolio: Portfolio, plan: Plan, overrides: Overrides | None = None,
               values: Mapping[str, float] | None = None) -> list[str]:
    """Every hard rule the plan breaks (empty when it keeps them all)."""
    over = overrides or Overrides()
    funded = {item.candidate_id: item for item in plan.funded}
    bad = [problem for kind in KINDS for problem in kind.check(portfolio, funded, over)]
    if values is not None:
        bad += objective_violations(portfolio, plan, values)
    return bad
