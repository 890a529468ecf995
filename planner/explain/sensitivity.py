"""The plan re-solved with other weights: the shared re-solver and one-way weight sensitivity.

`Resolver` keeps the optimized plan's live model and changes only the objective
(`Solver.set_costs`), with costs rebuilt by `PlanModel.objective_for`, so time weighting and
every rule stay as in the plan. Each re-solve starts from a feasible plan (the rules do not
change), so it is never worse than its start. Worker processes hold their own solver.

One-way sensitivity moves one criterion's weight at a time, the others rescaled in
proportion so the weights still add up to 1, and finds by bisection on re-solves how far it
can move before the funded set changes: the data of a tornado chart.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import types
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.pool import Pool

import numpy as np
import pandas as pd

from planner.core.models import Portfolio
from planner.core.plans import Overrides, PlanStatus
from planner.errors import SolverError
from planner.plan.model import PlanModel
from planner.plan.optimize import solve_plan
from planner.plan.solver import Outcome, Solver
from planner.score.mcda import Problem
from planner.score.rank_robustness import batch_values, problem_of
from planner.score.scoring import ScoreResult

PARALLEL_AFTER_S = 15.0  # estimated solve time left above which a process pool pays off
Progress = Callable[[int, int, float | None], None]  # (done, total, seconds left or None)


@dataclass(frozen=True)
class Resolve:
    """One re-solve: the plan kept (full column vector), its objective and the bound."""

    x: np.ndarray
    objective: float
    bound: float | None
    outcome: Outcome


def solve_costs(solver: Solver, cost: np.ndarray, start: np.ndarray, time_limit: float,
                gap: float) -> Resolve:
    """Solve with new objective costs from a feasible start; keep the start if it is better."""
    solver.set_costs(cost)
    result = solver.solve(time_limit, gap, start)
    kept = start if result.x is None else result.x
    objective = float(cost @ kept)
    if result.x is not None and float(cost @ start) > objective + 1e-9 * max(1.0, abs(objective)):
        kept, objective = start, float(cost @ start)  # the solver held on to a worse incumbent
    bound = result.bound if result.bound is None else max(result.bound, objective)
    return Resolve(kept, objective, bound, result.outcome)


def eta(began: float, done: int, total: int) -> float | None:
    """Seconds left at the pace so far (None before the first step)."""
    if done <= 0:
        return None
    return (time.perf_counter() - began) / done * max(0, total - done)


class Resolver:
    """The optimized plan's live model, re-solved with other candidate values."""

    def __init__(self, portfolio: Portfolio, values: Mapping[str, float], *,
                 overrides: Overrides | None = None, time_limit: float | None = None,
                 gap: float | None = None) -> None:
        solved = solve_plan(portfolio, values, overrides=overrides, time_limit=time_limit,
                            gap=gap)
        plan = solved.plan.raise_if_infeasible()
        if solved.model is None or solved.solver is None or (
                plan.status is PlanStatus.TIME_LIMIT and not solved.chosen):
            raise SolverError(plan.message or "the plan could not be solved")
        self.portfolio = portfolio
        self.overrides = overrides or Overrides()
        self.plan = plan
        self.model: PlanModel = solved.model  # type: ignore[assignment]
        self.solver: Solver = solved.solver  # type: ignore[assignment]
        self.x0 = self.model.start_vector(
            {item.candidate_id: item.start_year for item in plan.funded},
            {item.candidate_id: item.spend for item in plan.funded})
        self.nominal_cost = self.model.cost.copy()
        self.funded0 = frozenset(plan.funded_ids)

    def costs(self, values: Mapping[str, float]) -> np.ndarray:
        """Objective costs for candidate values (the plan model's own rule, time weights too)."""
        return self.model.objective_for(values)

    def solve(self, cost: np.ndarray, start: np.ndarray | None = None, *, time_limit: float,
              gap: float) -> Resolve:
        """Re-solve with these costs, from `start` (default: the optimized plan)."""
        return solve_costs(self.solver, cost, self.x0 if start is None else start,
                           time_limit, gap)

    def starts(self, x: np.ndarray) -> dict[str, int]:
        """{candidate: start year} of a solution vector."""
        return {cid: option.start for cid, option in self.model.chosen(x).items()}

    def restore(self) -> None:
        """Put the optimized plan's own objective back into the live model."""
        self.solver.set_costs(self.nominal_cost)


# --- worker processes ---------------------------------------------------------------------
_WORKER: dict[str, Solver] = {}


def init_worker(model: PlanModel) -> None:
    """In a worker process: load the plan model into this process's own solver."""
    _WORKER["solver"] = Solver(model)


def solve_in_worker(task: tuple[int, np.ndarray, np.ndarray, float, float]
                    ) -> tuple[int, Resolve]:
    """In a worker process: (sample, cost, start, time limit, gap) -> (sample, re-solve)."""
    k, cost, start, limit, gap = task
    return k, solve_costs(_WORKER["solver"], cost, start, limit, gap)


@contextmanager
def _script_hidden() -> Iterator[None]:
    """Hide a script run as __main__ (as Streamlit runs the app): spawned workers re-run it."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None or not getattr(
            main, "__file__", None):
        yield
        return
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def process_pool(model: PlanModel, workers: int) -> Pool:
    """Worker processes, each holding its own solver for the same plan model."""
    # spawn, not fork: a forked copy of a server process with solver threads can hang. A
    # Pool starts every worker at once, so the main script is hidden only for that moment.
    with _script_hidden():
        return multiprocessing.get_context("spawn").Pool(workers, initializer=init_worker,
                                                         initargs=(model,))


def pool_pays_off(workers: int | None, seconds: list[float], solves_left: float) -> bool:
    """Whether to start a process pool: asked for, or the solves left would take a while."""
    if workers is not None:
        return True
    return bool(seconds) and float(np.mean(seconds)) * solves_left > PARALLEL_AFTER_S


def worker_count(workers: int | None) -> int:
    """Processes to use: as asked, else one per core (at most four)."""
    if workers is not None:
        return max(1, int(workers))
    return max(1, min(os.cpu_count() or 1, 4))


def weights_along(base: np.ndarray, j: int, t: float) -> np.ndarray:
    """Criterion j at weight t, the others rescaled in proportion so the total stays 1."""
    rest = base.copy()
    rest[j] = 0.0
    total = rest.sum()
    if total <= 0:  # a single weighted criterion: the others share what is left equally
        rest = np.where(np.arange(len(base)) == j, 0.0, 1.0)
        total = rest.sum()
    out = rest * (1.0 - t) / total if total > 0 else rest
    out[j] = t
    return out


@dataclass(frozen=True)
class WeightRange:
    """How far one criterion's weight can move before the funded set changes."""

    criterion: str
    weight: float
    low: float  # lowest weight found with the same funded set (0 when it never changes)
    high: float  # highest such weight (1 when it never changes)
    enters_below: tuple[str, ...] = ()  # funded just below `low`, not in the plan
    leaves_below: tuple[str, ...] = ()  # in the plan, unfunded just below `low`
    enters_above: tuple[str, ...] = ()
    leaves_above: tuple[str, ...] = ()

    def sentence(self) -> str:
        """The range in plain words."""
        text = (f"{self.criterion}: the funded projects stay the same for weights from "
                f"{self.low:.0%} to {self.high:.0%} (now {self.weight:.0%}).")
        for side, enters, leaves in (("Below", self.enters_below, self.leaves_below),
                                     ("Above", self.enters_above, self.leaves_above)):
            if enters or leaves:
                change = "; ".join(part for part in (
                    f"{', '.join(enters)} would be funded" if enters else "",
                    f"{', '.join(leaves)} would drop out" if leaves else "") if part)
                text += f" {side} that, {change}."
        return text


@dataclass(frozen=True)
class OneWaySensitivity:
    """Per criterion, the weight range that keeps the funded set (tornado chart data)."""

    ranges: tuple[WeightRange, ...]
    tolerance: float  # bisection stops when the edge is known this closely (a weight share)
    gap: float
    solves: int
    seconds: float
    notes: tuple[str, ...] = ()

    def table(self) -> pd.DataFrame:
        """One row per criterion, widest swing first: weight, low, high and the changes."""
        rows = [{"criterion": r.criterion, "weight": r.weight, "low": r.low, "high": r.high,
                 "enters_below": ", ".join(r.enters_below),
                 "leaves_below": ", ".join(r.leaves_below),
                 "enters_above": ", ".join(r.enters_above),
                 "leaves_above": ", ".join(r.leaves_above)} for r in self.ranges]
        frame = pd.DataFrame(rows, columns=["criterion", "weight", "low", "high",
                                            "enters_below", "leaves_below", "enters_above",
                                            "leaves_above"])
        narrow = (frame["high"] - frame["low"]).argsort(kind="stable")
        return frame.iloc[narrow].reset_index(drop=True)

    def sentences(self) -> list[str]:
        """Each criterion's range in plain words, the most sensitive first."""
        order = sorted(self.ranges, key=lambda r: r.high - r.low)
        return [r.sentence() for r in order]


@dataclass(frozen=True)
class Side:
    """One criterion's weight moved from its value towards 0 or 1 (a picklable task)."""

    problem: Problem
    method: str
    normalization: str
    j: int
    end: float
    tolerance: float
    time_limit: float
    gap: float
    x0: np.ndarray
    funded0: frozenset[str]

    @property
    def bisections(self) -> int:
        """Halvings needed to know the edge within the tolerance."""
        span = max(abs(self.problem.weights[self.j] - self.end), self.tolerance)
        return int(np.ceil(np.log2(span / self.tolerance)))


def bisect_side(solver: Solver, side: Side) -> tuple[float, frozenset[str], int]:
    """(last weight that keeps the funded set, the set just beyond it, solves) for one side."""
    model, problem = solver.model, side.problem

    def same(t: float) -> tuple[bool, frozenset[str]]:
        weights = weights_along(problem.weights, side.j, t)[:, None]
        values = batch_values(problem, side.method, side.normalization, weights)[:, 0]
        cost = model.objective_for(dict(zip(problem.ids, values, strict=True)))
        result = solve_costs(solver, cost, side.x0, side.time_limit, side.gap)
        funded = frozenset(model.chosen(result.x))
        kept = float(cost @ side.x0)  # the optimized plan, valued at these weights
        slack = side.gap * abs(result.objective) + 1e-9 * max(1.0, abs(result.objective))
        return funded == side.funded0 or kept >= result.objective - slack, funded

    kept, beyond = same(side.end)
    if kept:
        return side.end, side.funded0, 1  # the whole side keeps the plan: no bisection
    inside, outside = float(problem.weights[side.j]), side.end
    for _ in range(side.bisections):
        middle = (inside + outside) / 2
        kept, funded = same(middle)
        if kept:
            inside = middle
        else:
            outside, beyond = middle, funded
    return inside, beyond, 1 + side.bisections


def side_in_worker(task: tuple[int, Side]) -> tuple[int, tuple[float, frozenset[str], int]]:
    """In a worker process: (index, side) -> (index, that side's bisection)."""
    index, side = task
    return index, bisect_side(_WORKER["solver"], side)


def one_way_sensitivity(portfolio: Portfolio, scores: ScoreResult, *,
                        overrides: Overrides | None = None, tolerance: float = 0.01,
                        gap: float | None = None, time_limit: float | None = None,
                        workers: int | None = None, progress: Progress | None = None,
                        resolver: Resolver | None = None) -> OneWaySensitivity:
    """For each weighted criterion, the weight range over which the funded set stays the same.

    `gap` and `time_limit` apply to each re-solve (defaults: the portfolio's settings, the
    time limit capped at 5 s). A weight is inside the range when the re-solved plan funds the
    same candidates or the optimized plan is still within `gap` of the best. The sides of the
    criteria run in worker processes when `workers` says so (None: when the plan's solve
    time suggests it pays). `progress` is called as each side finishes.
    """
    began = time.perf_counter()
    settings = portfolio.settings
    rel_gap = float(settings.mip_gap if gap is None else gap)
    limit = float(time_limit if time_limit is not None else min(settings.solver_time_limit_s,
                                                                  5.0))
    resolver = resolver or Resolver(portfolio, scores.value, overrides=overrides)
    problem = problem_of(scores)
    norm = scores.extra.get("normalization_key", "scale")
    active = [j for j in range(len(problem.weights)) if problem.weights[j] > 0]
    sides = [Side(problem, scores.method, norm, j, end, tolerance, limit, rel_gap, resolver.x0,
                  resolver.funded0) for j in active for end in (0.0, 1.0)]
    most = worker_count(workers)
    guess = sum(1 + side.bisections for side in sides) / 2  # about half the sides bisect
    results: dict[int, tuple[float, frozenset[str], int]] = {}

    def finished(index: int, found: tuple[float, frozenset[str], int]) -> None:
        results[index] = found
        if progress is not None:
            progress(len(results), len(sides), eta(began, len(results), len(sides)))

    if most > 1 and len(sides) > 1 and pool_pays_off(workers, [resolver.plan.seconds], guess):
        with process_pool(resolver.model, most) as pool:
            for index, found in pool.imap_unordered(side_in_worker, enumerate(sides)):
                finished(index, found)
    else:
        for i, side in enumerate(sides):
            finished(i, bisect_side(resolver.solver, side))
        resolver.restore()
    funded0 = resolver.funded0
    ranges = []
    for i in range(0, len(sides), 2):
        (low, below, _), (high, above, _) = results[i], results[i + 1]
        j = sides[i].j
        ranges.append(WeightRange(
            criterion=problem.names[j], weight=float(problem.weights[j]), low=float(low),
            high=float(high), enters_below=tuple(sorted(below - funded0)),
            leaves_below=tuple(sorted(funded0 - below)),
            enters_above=tuple(sorted(above - funded0)),
            leaves_above=tuple(sorted(funded0 - above))))
    if progress is not None:
        progress(len(sides), len(sides), 0.0)
    skipped = [name for name, w in zip(problem.names, problem.weights, strict=True) if w <= 0]
    notes = (f"Criteria with weight 0 were not varied: {', '.join(skipped)}.",) if skipped else ()
    return OneWaySensitivity(ranges=tuple(ranges), tolerance=tolerance, gap=rel_gap,
                             solves=sum(r[2] for r in results.values()),
                             seconds=time.perf_counter() - began, notes=notes)
