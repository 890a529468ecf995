"""The efficient frontier: value captured as every capital cap scales from 50% to 200%.

Every cap (each fiscal year and fund) is multiplied by the same factor; staff, operating
room, dependencies and overrides stay as they are. The optimizer re-solves the same loaded
model with new capital bounds, starting from the greedy plan at that budget, so each point
is at least as good as both baselines there. A point whose required candidates do not fit
is reported as infeasible with no value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from planner.core.models import Portfolio
from planner.core.plans import Overrides, PlanStatus
from planner.plan.baselines import greedy, plan_objective, rank_and_cut
from planner.plan.model import build_model
from planner.plan.schedule import windows
from planner.plan.solver import Outcome, Solver, relative_gap
from planner.plan.values_input import check_overrides, clean_values

DEFAULT_SCALES: tuple[float, ...] = (0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
COLUMNS = ["scale", "capital_budget", "optimized", "status", "gap", "bound", "funded",
           "rank_and_cut", "greedy"]


def scaled_portfolio(portfolio: Portfolio, scale: float) -> Portfolio:
    """A copy whose capital caps are all multiplied by `scale`."""
    lines = tuple(line.model_copy(update={"capital_budget": line.capital_budget * scale})
                  for line in portfolio.budget)
    return portfolio.replace(budget=lines)


def efficient_frontier(
    portfolio: Portfolio,
    values: Mapping[str, float],
    scales: Sequence[float] = DEFAULT_SCALES,
    *,
    overrides: Overrides | None = None,
    time_limit: float | None = None,
) -> pd.DataFrame:
    """One row per budget scale: capital, optimized value, status, gap, baselines' values."""
    over = overrides or Overrides()
    check_overrides(portfolio, over)
    vals = clean_values(portfolio, values)
    if not portfolio.fiscal_years:
        return pd.DataFrame(columns=COLUMNS)
    per_point = float(time_limit if time_limit is not None
                      else min(portfolio.settings.solver_time_limit_s, 5.0))
    wins = windows(portfolio, over)
    model = build_model(portfolio, vals, over, wins=wins)
    solver = Solver(model)
    capital_rows = model.rows_of("capital")
    base_upper = {row: model.row_upper[row] for row in capital_rows}
    total = sum(line.capital_budget for line in portfolio.budget)
    rows = []
    for scale in sorted(scales):
        scaled = scaled_portfolio(portfolio, scale)
        for row in capital_rows:
            solver.set_row_bounds(row, model.row_lower[row], base_upper[row] * scale)
        rc = rank_and_cut(scaled, vals, overrides=over)
        gr = greedy(scaled, vals, overrides=over)
        start = None
        best = max((p for p in (rc, gr) if not p.is_infeasible), default=None,
                   key=lambda p: p.objective)
        if best is not None:
            start = model.start_vector({i.candidate_id: i.start_year for i in best.funded},
                                       {i.candidate_id: i.spend for i in best.funded})
        result = solver.solve(per_point, portfolio.settings.mip_gap, start)
        record = {"scale": scale, "capital_budget": total * scale,
                  "rank_and_cut": None if rc.is_infeasible else rc.objective,
                  "greedy": None if gr.is_infeasible else gr.objective}
        if result.outcome is Outcome.INFEASIBLE or result.x is None:
            status = (PlanStatus.INFEASIBLE if result.outcome is Outcome.INFEASIBLE
                      else PlanStatus.TIME_LIMIT)
            record.update(optimized=None, status=status.value, gap=None,
                          bound=result.bound, funded=0)
        else:
            chosen = model.chosen(result.x)
            value = plan_objective(scaled, vals, chosen)
            if best is not None and best.objective > value:
                value = best.objective
                chosen = {i.candidate_id: None for i in best.funded}
            bound = max(result.bound, value) if result.bound is not None else None
            status = {Outcome.OPTIMAL: PlanStatus.OPTIMAL, Outcome.GAP: PlanStatus.FEASIBLE,
                      Outcome.TIME_LIMIT: PlanStatus.TIME_LIMIT}[result.outcome]
            record.update(optimized=value, status=status.value,
                          gap=relative_gap(value, bound), bound=bound, funded=len(chosen))
        rows.append(record)
    for row in capital_rows:
        solver.set_row_bounds(row, model.row_lower[row], base_upper[row])
    return pd.DataFrame(rows, columns=COLUMNS)
