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
from planner.plan.baselines import baseline_choice, plan_objective, refill_choice
from planner.plan.model import PlanModel, build_model
from planner.plan.schedule import windows
from planner.plan.solver import NO_LIMIT_S, PROVEN_GAP, Outcome, Solver, relative_gap
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


Start = tuple[float, np.ndarray]  # a plan to start from: its value and start binaries


def _point(model: PlanModel, solver: Solver, scaled: Portfolio, vals: dict[str, float],
           hint: Start | None, limits: tuple[float, int, float], upper: float | None
           ) -> tuple[dict, Start | None]:
    """One point's figures, and the plan it keeps. `upper` caps its bound (the bound of a
    larger scale, which no plan at this one can beat); when the LP relaxation already proves
    the starting plan within the gap, no branch-and-bound runs."""
    if hint is not None:
        relaxed = solver.relaxation()
        if relaxed is not None:
            ceiling = relaxed[0] if upper is None else min(upper, relaxed[0])
            if within(hint[0], ceiling, limits[2]):
                return _settled(hint, max(ceiling, hint[0])), hint
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
    bound = result.bound
    if bound is not None and upper is not None:
        bound = min(bound, upper)
    bound = max(bound, kept[0]) if bound is not None else None
    status = {Outcome.OPTIMAL: PlanStatus.OPTIMAL, Outcome.GAP: PlanStatus.FEASIBLE,
              Outcome.TIME_LIMIT: PlanStatus.TIME_LIMIT}[result.outcome]
    gap = relative_gap(kept[0], bound)
    if status is PlanStatus.TIME_LIMIT and within(kept[0], bound, limits[2]):
        status = PlanStatus.FEASIBLE  # the capped bound proves it within the gap after all
    return {"optimized": kept[0], "status": status.value, "gap": gap,
            "bound": bound, "funded": int(kept[1].sum())}, kept


def within(value: float, bound: float | None, gap: float) -> bool:
    """Whether a plan worth `value` is proven within `gap` of the best by `bound`."""
    achieved = relative_gap(value, bound)
    return achieved is not None and achieved <= gap


def _settled(kept: Start, bound: float) -> dict:
    """The figures of a point whose plan a bound proves within the gap, without a solve."""
    gap = relative_gap(kept[0], bound)
    status = PlanStatus.OPTIMAL if gap is not None and gap <= PROVEN_GAP else PlanStatus.FEASIBLE
    return {"optimized": kept[0], "status": status.value, "gap": gap, "bound": bound,
            "funded": int(kept[1].sum())}


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
    """The points solved so far, the plans they keep and each scale's baselines."""

    model: PlanModel
    vals: dict[str, float]
    over: Overrides
    portfolio: Portfolio
    limits: tuple[float, int, float]
    points: dict[float, dict] = field(default_factory=dict)
    kept: dict[float, Start] = field(default_factory=dict)
    baselines: dict[float, dict[str, Start | None]] = field(default_factory=dict)

    def record_known(self, known: Plan) -> None:
        """Today's plan is the 100% point."""
        figures = {"optimized": known.objective, "status": known.status.value,
                   "gap": known.gap, "bound": known.bound, "funded": len(known.funded)}
        self.points[1.0] = self._row(1.0, figures)
        self.kept[1.0] = (known.objective, self.model.x_vector(
            {i.candidate_id: i.start_year for i in known.funded}))

    def _baselines(self, scale: float) -> dict[str, Start | None]:
        """Rank-and-cut and greedy at this scale (value and start binaries), once each."""
        if scale not in self.baselines:
            scaled = scaled_portfolio(self.portfolio, scale)
            found: dict[str, Start | None] = {}
            for name in ("rank_and_cut", "greedy"):
                choice = baseline_choice(name, scaled, self.vals, overrides=self.over,
                                         wins=self.model.windows)
                found[name] = None if not choice.feasible else (
                    plan_objective(scaled, self.vals, choice.chosen),
                    self.model.x_vector({c: o.start for c, o in choice.chosen.items()}))
            self.baselines[scale] = found
        return self.baselines[scale]

    def _row(self, scale: float, figures: dict) -> dict:
        base = self._baselines(scale)
        return {"scale": scale, "capital_budget": portfolio_total(self.portfolio) * scale,
                **{name: None if b is None else b[0] for name, b in base.items()}, **figures}

    def _start(self, scale: float) -> Start | None:
        """The most valuable plan known to fit this scale: a baseline there, or the best plan
        kept at a smaller scale (it fits the larger caps too)."""
        options = [b for b in self._baselines(scale).values() if b is not None]
        options += [v for s, v in self.kept.items() if s < scale]
        below = [s for s in self.kept if s < scale]
        above = [s for s in self.kept if s > scale]
        for near in ([max(below)] if below else []) + ([min(above)] if above else []):
            options.append(self._refilled(scale, self.kept[near]))
        return max((o for o in options if o is not None), key=lambda v: v[0], default=None)

    def _refilled(self, scale: float, near: Start) -> Start | None:
        """The plan of a neighbouring point adapted to this scale's caps (what fits kept, the
        room filled by value per dollar)."""
        scaled = scaled_portfolio(self.portfolio, scale)
        keep = {c: o.start for c, o in self.model.chosen(near[1]).items()}
        choice = refill_choice(scaled, self.vals, keep,
                               overrides=self.over, wins=self.model.windows)
        if not choice.feasible:
            return None
        return (plan_objective(scaled, self.vals, choice.chosen),
                self.model.x_vector({c: o.start for c, o in choice.chosen.items()}))

    def _upper(self, scale: float) -> float | None:
        """The lowest bound proven at this scale or a larger one: no plan here beats it."""
        bounds = [p["bound"] for s, p in self.points.items()
                  if s >= scale and p["bound"] is not None and p["optimized"] is not None]
        return min(bounds, default=None)

    def solve_round(self, solvers: list[Solver], batch: list[float]) -> None:
        """The batch's points, each on its own solver; recorded in scale order."""
        tasks, results = [], {}
        for scale in batch:
            start, upper = self._start(scale), self._upper(scale)
            if start is not None and upper is not None and within(start[0], upper,
                                                                  self.limits[2]):
                # a plan that fits already comes within the gap of a larger scale's bound
                self.kept[scale] = start
                self.points[scale] = self._row(scale, _settled(start, max(upper, start[0])))
                continue
            tasks.append((scale, start, upper))

        def work(solver: Solver, share: list[tuple]) -> None:
            for scale, start, upper in share:
                _scale_caps(self.model, solver, scale)
                results[scale] = _point(self.model, solver,
                                        scaled_portfolio(self.portfolio, scale), self.vals,
                                        start, self.limits, upper)

        threads = [threading.Thread(target=work, args=(solver, tasks[i:: len(solvers)]))
                   for i, solver in enumerate(solvers[: len(tasks)])]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for scale, _, _ in tasks:
            figures, kept = results[scale]
            if kept is not None:
                self.kept[scale] = kept
            self.points[scale] = self._row(scale, figures)


def portfolio_total(portfolio: Portfolio) -> float:
    """The capital of every budget line, all years and funds."""
    return sum(line.capital_budget for line in portfolio.budget)


def _scale_caps(model: PlanModel, solver: Solver, scale: float) -> None:
    for row in model.rows_of("capital"):
        solver.set_row_bounds(row, model.row_lower[row], model.row_upper[row] * scale)
