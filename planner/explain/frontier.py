"""The efficient frontier: value captured as every capital cap scales from 50% to 200%.

Every cap (each fiscal year and fund) is multiplied by the same factor; staff, operating
room, dependencies and overrides stay as they are. The optimizer re-solves the same loaded
model with new capital bounds, from the smallest scale up, each point starting from the best
of the greedy plan, rank-and-cut and the plan of the point below it (which still fits when
the caps grow), so each point is at least as good as both baselines there. A point whose
required candidates do not fit is reported as infeasible with no value.

Each point stops at a fixed number of branch-and-bound nodes (`NODES`), not at a time, so
the frontier is the same in every run; a point stopped by it says so (status time_limit,
"stopped by a limit") with its proven bound and gap. When a point funds every candidate
that can be funded, the larger scales fund the same and are not re-solved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from planner.core.models import Portfolio
from planner.core.plans import Overrides, Plan, PlanStatus
from planner.plan.baselines import greedy, plan_objective, rank_and_cut
from planner.plan.model import PlanModel, build_model
from planner.plan.schedule import windows
from planner.plan.solver import Outcome, Solver, relative_gap
from planner.plan.values_input import check_overrides, clean_values

NODES = 400  # branch-and-bound nodes per point: a work limit, the same in every run
NO_LIMIT_S = 1e6
DEFAULT_SCALES: tuple[float, ...] = (0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
COLUMNS = ["scale", "capital_budget", "optimized", "status", "gap", "bound", "funded",
           "rank_and_cut", "greedy"]


def scaled_portfolio(portfolio: Portfolio, scale: float) -> Portfolio:
    """A copy whose capital caps are all multiplied by `scale`."""
    lines = tuple(line.model_copy(update={"capital_budget": line.capital_budget * scale})
                  for line in portfolio.budget)
    return portfolio.replace(budget=lines)


def _hint(model: PlanModel, plans: list[Plan], carried: tuple[float, np.ndarray] | None
          ) -> tuple[float, np.ndarray] | None:
    """The most valuable starting plan (start binaries): a baseline or the point below."""
    options = [(p.objective, model.x_vector({i.candidate_id: i.start_year for i in p.funded}))
               for p in plans if not p.is_infeasible]
    if carried is not None:
        options.append(carried)
    return max(options, key=lambda o: o[0], default=None)


def _point(model: PlanModel, solver: Solver, scaled: Portfolio, vals: dict[str, float],
           hint: tuple[float, np.ndarray] | None, limits: tuple[float, int]
           ) -> tuple[dict, tuple[float, np.ndarray] | None]:
    """One point's figures, and the plan it keeps (its value and start binaries)."""
    result = solver.solve(limits[0], scaled.settings.mip_gap, None if hint is None else hint[1],
                          nodes=limits[1])
    if result.outcome is Outcome.INFEASIBLE or result.x is None:
        status = (PlanStatus.INFEASIBLE if result.outcome is Outcome.INFEASIBLE
                  else PlanStatus.TIME_LIMIT)
        return {"optimized": None, "status": status.value, "gap": None,
                "bound": result.bound, "funded": 0}, None
    chosen = model.chosen(result.x)
    value = plan_objective(scaled, vals, chosen)
    kept = (value, np.round(result.x[: model.n_x]))
    if hint is not None and hint[0] > value:
        kept = hint  # the solver held on to a worse plan than the one it was given
    bound = max(result.bound, kept[0]) if result.bound is not None else None
    status = {Outcome.OPTIMAL: PlanStatus.OPTIMAL, Outcome.GAP: PlanStatus.FEASIBLE,
              Outcome.TIME_LIMIT: PlanStatus.TIME_LIMIT}[result.outcome]
    return {"optimized": kept[0], "status": status.value, "gap": relative_gap(kept[0], bound),
            "bound": bound, "funded": int(kept[1].sum())}, kept


def efficient_frontier(
    portfolio: Portfolio,
    values: Mapping[str, float],
    scales: Sequence[float] = DEFAULT_SCALES,
    *,
    overrides: Overrides | None = None,
    time_limit: float | None = None,
    nodes: int = NODES,
    known: Plan | None = None,
) -> pd.DataFrame:
    """One row per budget scale: capital, optimized value, status, gap, baselines' values.

    Each point stops at `nodes` branch-and-bound nodes; `time_limit` (seconds per point, none
    by default) is for interactive use only, where a point may then depend on timing. `known`,
    the optimized plan at today's caps, is the 100% point as it is (not solved again).
    """
    over = overrides or Overrides()
    check_overrides(portfolio, over)
    vals = clean_values(portfolio, values)
    if not portfolio.fiscal_years:
        return pd.DataFrame(columns=COLUMNS)
    limits = (float(time_limit) if time_limit is not None else NO_LIMIT_S, int(nodes))
    model = build_model(portfolio, vals, over, wins=windows(portfolio, over))
    solver = Solver(model)
    order = sorted(scales)
    top = order[-1:]  # the largest scale first: its bound caps every smaller scale's value
    points: dict[float, dict] = {}
    carried, ceiling = None, None
    for scale in top + order[:-1]:
        scaled = scaled_portfolio(portfolio, scale)
        rc, gr = rank_and_cut(scaled, vals, overrides=over), greedy(scaled, vals, overrides=over)
        hint = _hint(model, [rc, gr], carried if scale not in top else None)
        if scale == 1.0 and known is not None and not known.is_infeasible:
            figures = {"optimized": known.objective, "status": known.status.value,
                       "gap": known.gap, "bound": known.bound, "funded": len(known.funded)}
            carried = _hint(model, [known], None)
        elif ceiling is not None and carried is not None and carried[0] >= ceiling - _tol(ceiling):
            # the plan below already reaches what no budget up to the largest can beat
            figures = {"optimized": carried[0], "status": PlanStatus.OPTIMAL.value, "gap": 0.0,
                       "bound": carried[0], "funded": int(carried[1].sum())}
        else:
            _scale_caps(model, solver, scale)
            figures, kept = _point(model, solver, scaled, vals, hint, limits)
            if scale in top:
                ceiling = figures["bound"] if figures["bound"] is not None else None
            else:
                carried = kept
        points[scale] = {"scale": scale, "capital_budget": portfolio_total(portfolio) * scale,
                         "rank_and_cut": None if rc.is_infeasible else rc.objective,
                         "greedy": None if gr.is_infeasible else gr.objective, **figures}
    _scale_caps(model, solver, 1.0)
    return pd.DataFrame([points[s] for s in order], columns=COLUMNS)


def _tol(value: float) -> float:
    return 1e-9 * max(1.0, abs(value))


def portfolio_total(portfolio: Portfolio) -> float:
    """The capital of every budget line, all years and funds."""
    return sum(line.capital_budget for line in portfolio.budget)


def _scale_caps(model: PlanModel, solver: Solver, scale: float) -> None:
    for row in model.rows_of("capital"):
        solver.set_row_bounds(row, model.row_lower[row], model.row_upper[row] * scale)
