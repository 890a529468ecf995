"""The figures a council asks first about a plan: money, legacy risk, staff time, savings.

The Roadmap page, the saved scenarios and the council brief all read them from here, so the
three say the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from planner.core.models import Portfolio
from planner.core.plans import Plan
from planner.score.metrics import APPROACH_EFFECTS, candidate_metrics, system_legacy_risk

RETIRING = 1.0  # an approach that removes all of a system's legacy risk retires the system


def legacy_risk_retired(portfolio: Portfolio, funded: list[str]) -> tuple[float, float]:
    """(risk points retired, share of the estate's legacy risk) by the funded candidates."""
    if not portfolio.systems:
        return 0.0, 0.0
    risk = system_legacy_risk(portfolio)
    share: dict[str, float] = {}
    for cid in funded:
        cand = portfolio.candidates.get(cid)
        if cand is None:
            continue
        effect = APPROACH_EFFECTS[cand.approach].risk_addressed
        for target in cand.targets:
            if target in risk.index:
                share[target] = max(share.get(target, 0.0), effect)
    retired = float(sum(risk[s] * f for s, f in share.items()))
    total = float(risk.sum())
    return retired, (retired / total if total else 0.0)


def plan_headlines(portfolio: Portfolio, plan: Plan, values: Mapping[str, float]
                   ) -> dict[str, float]:
    """The figures a council asks first: value, money, risk, staff time and savings."""
    funded = plan.funded_ids
    metrics = candidate_metrics(portfolio) if portfolio.candidates else pd.DataFrame()
    picked = metrics.reindex(funded) if funded else metrics.iloc[0:0]
    possible = float(sum(values.values()))
    capital = float(sum(line.capital_budget for line in portfolio.budget
                        if line.fiscal_year in set(portfolio.fiscal_years)))
    spend = float(sum(item.total_cost for item in plan.funded))
    retired, retired_share = legacy_risk_retired(portfolio, funded)
    return {
        "value": float(plan.objective), "value_share": plan.objective / possible
        if possible else 0.0,
        "funded": float(len(funded)), "candidates": float(len(portfolio.candidates)),
        "spend": spend, "capital": capital, "budget_share": spend / capital if capital else 0.0,
        "risk_retired": retired, "risk_share": retired_share,
        "hours_freed": float(picked["staff_hours_freed"].sum()) if len(picked) else 0.0,
        "net_savings": float(picked["net_annual_savings"].sum()) if len(picked) else 0.0,
    }


def systems_retired(portfolio: Portfolio, plan: Plan) -> list[tuple[str, str]]:
    """(system name, the funded project that retires it) for every old system the plan
    replaces or retires outright, in plan order."""
    found: dict[str, str] = {}
    for cid in plan.funded_ids:
        cand = portfolio.candidates.get(cid)
        if cand is None or APPROACH_EFFECTS[cand.approach].risk_addressed < RETIRING:
            continue
        for target in cand.targets:
            if target in portfolio.systems and target not in found:
                found[target] = cand.name
    return [(portfolio.systems[s].name, project) for s, project in found.items()]
