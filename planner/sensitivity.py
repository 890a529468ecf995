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
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from planner.errors import SolverError
from planner.mcda import Problem
from planner.models import Portfolio
from planner.optimize import solve_plan
from planner.plan import Overrides, PlanStatus
from planner.plan_model import PlanModel
from planner.rank_robustness import batch_values, problem_of
from planner.scoring import ScoreResult
from planner.solver import Outcome, Solver

PARALLEL_AFTER_S = 15.0  # estimated solve time left above which a process pool pays off
CERTIFY_TOLERANCE = 1e-7  # relative slack on a certificate (LP and solver tolerances)
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


# --- shared by the sampling runs: worker processes and certificates ------------------------
_WORKER: dict[str, Solver] = {}


def init_worker(model: PlanModel) -> None:
    """In a worker process: load the plan model into this process's own solver."""
    _WORKER["solver"] = Solver(model)


def solve_in_worker(cost: np.ndarray, start: np.ndarray, limit: float, gap: float) -> Resolve:
    """In a worker process: one re-solve with new costs from a feasible start."""
    return solve_costs(_WORKER["solver"], cost, start, limit, gap)


def certified(w: np.ndarray, points: list[np.ndarray], bounds: list[float], best: float,
              gap: float) -> bool:
    """True when w is a mix of solved weights whose mixed bounds prove `best` within the gap.

    The best plan value f(w) is a maximum of functions linear in w, hence convex: for
    w = sum l_i w_i, f(w) <= sum l_i f(w_i) <= sum l_i bound_i.
    """
    if len(points) < 2:
        return False
    matrix = np.array(points).T
    rows = np.any(matrix > 0, axis=1) | (w > 0)
    if np.any(w[rows] < matrix[rows].min(axis=1)) or np.any(w[rows] > matrix[rows].max(axis=1)):
        return False  # outside the box around the solved weights: not a mix of them
    result = linprog(np.array(bounds), A_eq=matrix[rows], b_eq=w[rows], bounds=(0, None),
                     method="highs")
    slack = gap * abs(best) + CERTIFY_TOLERANCE * max(1.0, abs(best))
    return result.status == 0 and result.fun <= best + slack


def process_pool(model: PlanModel, workers: int) -> Executor:
    """Worker processes, each holding its own solver for the same plan model."""
    # spawn, not fork: a forked copy of a server process with solver threads can hang
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=init_worker, initargs=(model,))


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


def side_in_worker(side: Side) -> tuple[float, frozenset[str], int]:
    """In a worker process: one side's bisection with this process's solver."""
    return bisect_side(_WORKER["solver"], side)


def one_way_sensitivity(portfolio: Portfolio, scores: ScoreResult, *,
                        overrides: Overrides | None = None, tolerance: float = 0.01,
                        gap: float | None = None, time_limit: float | None = None,
                        workers: int | None = None, progress: Progress | None = None,
                        resolver: Resolver | None = None) -> OneWaySensitivity:
    """For each weighted criterion, the weight range over which the funded set stays the same.

    `gap` and `time_limit` apply to each re-solve (defaults: the portfolio's settings, the
    time limit capped at 5 s). A weight counts as inside the range when the re-solved plan
    funds the same candidates, or when the optimized plan is still within `gap` of the best.
    The two sides of every criterion are independent: `workers` (None: decide from the
    plan's solve time; 1: one process) spreads them over processes. `progress` is called as
    each side finishes.
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
            futures = {pool.submit(side_in_worker, side): i for i, side in enumerate(sides)}
            for future in as_completed(futures):
                finished(futures[future], future.result())
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
