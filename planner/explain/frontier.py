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

import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planner.core.models import Portfolio
from planner.core.plans import Overrides, Plan, PlanStatus
from planner.plan.baselines import greedy, plan_objective, rank_and_cut
from planner.plan.model import PlanModel, build_model
from planner.plan.schedule import windows
from planner.plan.solver import NO_LIMIT_S, Outcome, Solver, relative_gap
from planner.plan.values_input import check_overrides, clean_values

NODES = 400  # branch-and-bound nodes per point: a work limit, the same in every run
GAP = 0.01  # each point stops within this share of its bound (or the Settings gap, if wider)
ROUND = 2  # points solved side by side, each from the plans of the rounds before
WORK = 60_000  # model columns x frontier points: all nine up to about 1,500 candidates
DEFAULT_SCALES: tuple[float, ...] = (0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
COLUMNS = ["scale", "capital_budget", "optimized", "status", "gap", "bound", "funded",
           "rank_and_cut", "greedy"]


def scales_within(model: PlanModel | None, scales: Sequence[float] = DEFAULT_SCALES,
                  work: int = WORK) -> tuple[float, ...]:
    """The scales a fixed amount of solver work allows (model columns x points solved): all
    of them on a city-sized portfolio; on a very large one today's caps, the smallest and
    the largest first, then the others in their order."""
    if model is None:
        return tuple(scales)
    points = max(3, work // max(1, len(model.cost)))
    if points >= len(scales):
        return tuple(scales)
    ordered = sorted(scales)
    first = [s for s in (1.0, ordered[0], ordered[-1]) if s in ordered]
    rest = [s for s in ordered if s not in first]
    return tuple(sorted(dict.fromkeys(first + rest[: max(0, points - len(first))])))


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
           hint: tuple[float, np.ndarray] | None, limits: tuple[float, int, float]
           ) -> tuple[dict, tuple[float, np.ndarray] | None]:
    """One point's figures, and the plan it keeps (its value and start binaries)."""
    result = solver.solve(limits[0], limits[2], None if hint is None else hint[1],
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
    workers: int | None = None,
) -> pd.DataFrame:
    """One row per budget scale: capital, optimized value, status, gap, baselines' values.

    Each point stops at its gap (the Settings gap, at least `GAP`) or at `nodes`
    branch-and-bound nodes; `time_limit` (seconds per point, none by default) is for
    interactive use only, where a point may then depend on timing. `known`, the optimized
    plan at today's caps, is the 100% point as it is (not solved again). Points are solved
    `ROUND` at a time on their own copies of the model (`workers` threads, default one per
    core, at most two); each starts from the plans of the rounds before, so the figures do
    not depend on the threads.
    """
    over = overrides or Overrides()
    check_overrides(portfolio, over)
    vals = clean_values(portfolio, values)
    if not portfolio.fiscal_years:
        return pd.DataFrame(columns=COLUMNS)
    limits = (float(time_limit) if time_limit is not None else NO_LIMIT_S, int(nodes),
              max(float(portfolio.settings.mip_gap), GAP))
    model = build_model(portfolio, vals, over, wins=windows(portfolio, over))
    count = max(1, min(workers or min(2, os.cpu_count() or 1), ROUND))
    solvers = [Solver(model) for _ in range(count)]
    order = sorted(scales)
    state = _Frontier(model, vals, over, portfolio, limits)
    if known is not None and not known.is_infeasible and 1.0 in order:
        state.record_known(known)
    todo = order[-1:] + [s for s in order[:-1] if s not in state.points]
    for first in range(0, len(todo), ROUND):
        state.solve_round(solvers, todo[first: first + ROUND])
    return pd.DataFrame([state.points[s] for s in order], columns=COLUMNS)


@dataclass
class _Frontier:
    """The points solved so far, and the plans they keep (value, start binaries)."""

    model: PlanModel
    vals: dict[str, float]
    over: Overrides
    portfolio: Portfolio
    limits: tuple[float, int, float]
    points: dict[float, dict] = field(default_factory=dict)
    kept: dict[float, tuple[float, np.ndarray]] = field(default_factory=dict)
    ceiling: float | None = None

    def record_known(self, known: Plan) -> None:
        """Today's plan is the 100% point."""
        figures = {"optimized": known.objective, "status": known.status.value,
                   "gap": known.gap, "bound": known.bound, "funded": len(known.funded)}
        self.points[1.0] = self._row(1.0, figures)
        carried = _hint(self.model, [known], None)
        if carried is not None:
            self.kept[1.0] = carried

    def _row(self, scale: float, figures: dict) -> dict:
        scaled = scaled_portfolio(self.portfolio, scale)
        rc = rank_and_cut(scaled, self.vals, overrides=self.over)
        gr = greedy(scaled, self.vals, overrides=self.over)
        return {"scale": scale, "capital_budget": portfolio_total(self.portfolio) * scale,
                "rank_and_cut": None if rc.is_infeasible else rc.objective,
                "greedy": None if gr.is_infeasible else gr.objective, **figures}

    def _below(self, scale: float) -> tuple[float, np.ndarray] | None:
        """The best plan kept at a smaller scale (it fits the larger caps too)."""
        return max((v for s, v in self.kept.items() if s < scale), key=lambda v: v[0],
                   default=None)

    def solve_round(self, solvers: list[Solver], batch: list[float]) -> None:
        """The batch's points, each on its own solver; recorded in scale order."""
        tasks, results = [], {}
        for scale in batch:
            carried = self._below(scale)
            if self.ceiling is not None and carried is not None and \
                    carried[0] >= self.ceiling - _tol(self.ceiling):
                # a plan below already reaches what no budget up to the largest can beat
                self.kept[scale] = carried
                self.points[scale] = self._row(scale, {
                    "optimized": carried[0], "status": PlanStatus.OPTIMAL.value, "gap": 0.0,
                    "bound": carried[0], "funded": int(carried[1].sum())})
                continue
            scaled = scaled_portfolio(self.portfolio, scale)
            baselines = [rank_and_cut(scaled, self.vals, overrides=self.over),
                         greedy(scaled, self.vals, overrides=self.over)]
            tasks.append((scale, scaled, _hint(self.model, baselines, carried)))

        def work(solver: Solver, task: tuple) -> None:
            scale, scaled, hint = task
            _scale_caps(self.model, solver, scale)
            results[scale] = _point(self.model, solver, scaled, self.vals, hint, self.limits)

        threads = [threading.Thread(target=work, args=(solver, task))
                   for solver, task in zip(solvers, tasks, strict=False)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for scale, _, _ in tasks:
            figures, kept = results[scale]
            if kept is not None:
                self.kept[scale] = kept
            if self.ceiling is None and scale == max(batch):
                self.ceiling = figures["bound"]
            self.points[scale] = self._row(scale, figures)


def _tol(value: float) -> float:
    return 1e-9 * max(1.0, abs(value))


def portfolio_total(portfolio: Portfolio) -> float:
    """The capital of every budget line, all years and funds."""
    return sum(line.capital_budget for line in portfolio.budget)


def _scale_caps(model: PlanModel, solver: Solver, scale: float) -> None:
    for row in model.rows_of("capital"):
        solver.set_row_bounds(row, model.row_lower[row], model.row_upper[row] * scale)
