"""One-way weight sensitivity: how far each criterion's weight moves before the plan changes.

Each criterion's weight moves on its own, the others rescaled in proportion so the weights
still add up to 1, and bisection on re-solves finds how far it can move before the funded set
changes: the data of a tornado chart. The re-solves run on the optimized plan's live model
(planner.explain.resolves; its `Resolver`, `Progress` and `eta` are importable from here too).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.explain.resolves import (
    Progress,
    Resolver,
    eta,
    pool_pays_off,
    process_pool,
    solve_costs,
    worker_count,
    worker_solver,
)
from planner.plan.solver import NO_LIMIT_S, Solver
from planner.score.mcda import Problem
from planner.score.rank_robustness import batch_values, problem_of
from planner.score.scoring import ScoreResult

RESOLVE_NODES = 200  # branch-and-bound nodes per re-solve: a work limit, the same in every run


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
    nodes: int
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
        result = solve_costs(solver, cost, side.x0, side.time_limit, side.gap, side.nodes)
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
    return index, bisect_side(worker_solver(), side)


def one_way_sensitivity(portfolio: Portfolio, scores: ScoreResult, *,
                        overrides: Overrides | None = None, tolerance: float = 0.01,
                        gap: float | None = None, time_limit: float | None = None,
                        workers: int | None = None, progress: Progress | None = None,
                        resolver: Resolver | None = None) -> OneWaySensitivity:
    """For each weighted criterion, the weight range over which the funded set stays the same.

    `gap` applies to each re-solve (default: the portfolio's), which stops there or at
    `RESOLVE_NODES` branch-and-bound nodes, so the ranges are the same in every run;
    `time_limit` (seconds per re-solve, none by default) is for interactive use only, where
    a range may then depend on timing. A weight is inside the range when the re-solved plan
    funds the same candidates or the optimized plan is still within `gap` of the best. The
    sides of the criteria run in worker processes when `workers` says so (None: when the
    plan's solve time suggests it pays). `progress` is called as each side finishes.
    """
    began = time.perf_counter()
    settings = portfolio.settings
    rel_gap = float(settings.mip_gap if gap is None else gap)
    limit = float(time_limit) if time_limit is not None else NO_LIMIT_S
    resolver = resolver or Resolver(portfolio, scores.value, overrides=overrides)
    problem = problem_of(scores)
    norm = scores.extra.get("normalization_key", "scale")
    active = [j for j in range(len(problem.weights)) if problem.weights[j] > 0]
    sides = [Side(problem, scores.method, norm, j, end, tolerance, limit, RESOLVE_NODES, rel_gap,
                  resolver.x0, resolver.funded0) for j in active for end in (0.0, 1.0)]
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
