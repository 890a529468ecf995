"""The optimized plan re-solved with other objectives, in this process or in worker processes.

`Resolver` keeps the optimized plan's live model and changes only the objective
(`Solver.set_costs`), with costs rebuilt by `PlanModel.objective_for`, so time weighting and
every rule stay as in the plan. Each re-solve starts from a feasible plan (the rules do not
change), so it is never worse than its start. Worker processes hold their own solver of the
same model; funding robustness and one-way sensitivity share them. `SampleRounds` runs many
re-solves in fixed rounds, each from the best plan found so far, and skips those a convexity
certificate already settles (funding robustness).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import types
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.pool import Pool

import numpy as np
from scipy.optimize import linprog

from planner.core.models import Portfolio
from planner.core.plans import Overrides, PlanStatus
from planner.errors import SolverError
from planner.plan.model import PlanModel
from planner.plan.optimize import solve_plan
from planner.plan.solver import Outcome, Solver

PARALLEL_AFTER_S = 15.0  # estimated solve time left above which a process pool pays off
Progress = Callable[[int, int, float | None], None]  # (done, total, seconds left or None)
CERTIFY_TOLERANCE = 1e-7  # relative slack on a certificate (LP and solver tolerances)
ROUND = 8  # samples that share one view of the plans found so far (fixed: see SampleRounds)


@dataclass(frozen=True)
class Resolve:
    """One re-solve: the plan kept (full column vector), its objective and the bound."""

    x: np.ndarray
    objective: float
    bound: float | None
    outcome: Outcome


def solve_costs(solver: Solver, cost: np.ndarray, start: np.ndarray, time_limit: float,
                gap: float, nodes: int | None = None) -> Resolve:
    """Solve with new objective costs from a feasible start; keep the start if it is better.

    `nodes` caps the branch-and-bound nodes (a work limit, the same in every run)."""
    solver.set_costs(cost)
    result = solver.solve(time_limit, gap, start, nodes=nodes)
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
              gap: float, nodes: int | None = None) -> Resolve:
        """Re-solve with these costs, from `start` (default: the optimized plan)."""
        return solve_costs(self.solver, cost, self.x0 if start is None else start,
                           time_limit, gap, nodes)

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


def worker_solver() -> Solver:
    """In a worker process: the solver `init_worker` loaded."""
    return _WORKER["solver"]


def solve_in_worker(task: tuple[int, np.ndarray, np.ndarray, float, float, int | None]
                    ) -> tuple[int, Resolve]:
    """In a worker process: (sample, cost, start, time limit, gap, nodes) -> (sample, re-solve)."""
    k, cost, start, limit, gap, nodes = task
    return k, solve_costs(worker_solver(), cost, start, limit, gap, nodes)


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


# --- many re-solves in fixed rounds -------------------------------------------------------
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


Task = tuple[int, np.ndarray, np.ndarray]  # (sample, cost, start)


@dataclass
class SampleRounds:
    """Many re-solves of the live model, one per sample of objective costs, in fixed rounds.

    Each sample starts from the best plan found so far for its costs; with `certify_with`
    (the weights behind each sample, valid when plan values are linear in them) a sample a
    certificate proves within the gap keeps that plan without a solve. Every sample of a
    round sees the plans and bounds of the rounds before, however many processes run, so the
    plans kept depend only on the samples.
    """

    resolver: Resolver
    cost_of: Callable[[int], np.ndarray]  # sample -> objective costs
    samples: int
    gap: float
    limit: float
    workers: int | None = None
    progress: Progress | None = None
    nodes: int | None = None  # branch-and-bound nodes per sample (a work limit)
    began: float = field(default_factory=time.perf_counter)
    certify_with: np.ndarray | None = None  # weights x samples
    plans: list[np.ndarray] = field(default_factory=list)  # every distinct plan, optimized first
    seen: set[bytes] = field(default_factory=set)
    points: list[np.ndarray] = field(default_factory=list)  # solved weights with a bound
    bounds: list[float] = field(default_factory=list)
    kept: list[np.ndarray | None] = field(default_factory=list)  # the plan kept per sample
    solve_seconds: list[float] = field(default_factory=list)
    certified: int = 0
    stopped: int = 0  # solves that hit the time limit before reaching the gap
    done: int = 0
    executor: Pool | None = None

    def __post_init__(self) -> None:
        self.plans = [self.resolver.x0]
        self.seen = {self._key(self.resolver.x0)}
        self.kept = [None] * self.samples
        self.most = worker_count(self.workers)

    def _key(self, x: np.ndarray) -> bytes:
        return x[: self.resolver.model.n_x].round().tobytes()

    def _finished_one(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.samples, eta(self.began, self.done, self.samples))

    def run(self) -> None:
        """Every sample, round by round; the live model gets its own objective back."""
        try:
            for first in range(0, self.samples, ROUND):
                batch = range(first, min(self.samples, first + ROUND))
                tasks = self._certify(batch)
                self._start_pool_if_it_pays(batch, tasks)
                self._keep(tasks, self._solve(tasks))
        finally:
            if self.executor is not None:
                self.executor.terminate()
            self.resolver.restore()

    def _certify(self, batch: range) -> list[Task]:
        """Keep the best known plan of each sample a certificate proves; the rest to solve."""
        plans = np.array(self.plans)
        tasks = []
        for k in batch:
            cost = self.cost_of(k)
            worth = plans @ cost
            best = int(np.argmax(worth))
            if self.certify_with is not None and certified(
                    self.certify_with[:, k], self.points, self.bounds, float(worth[best]),
                    self.gap):
                self.kept[k] = plans[best]
                self.certified += 1
                self._finished_one()
            else:
                tasks.append((k, cost, plans[best]))
        return tasks

    def _start_pool_if_it_pays(self, batch: range, tasks: list[Task]) -> None:
        left = len(tasks) + (self.samples - batch.stop) * (1 - self.certified / batch.stop)
        if self.executor is None and self.most > 1 and len(tasks) > 1 and pool_pays_off(
                self.workers, self.solve_seconds, left):
            self.executor = process_pool(self.resolver.model, self.most)

    def _solve(self, tasks: list[Task]) -> dict[int, Resolve]:
        """Re-solve the round's samples here, or in the worker processes once they run."""
        results: dict[int, Resolve] = {}
        if self.executor is None or len(tasks) < 2:
            for k, cost, start in tasks:
                began = time.perf_counter()
                results[k] = self.resolver.solve(cost, start, time_limit=self.limit,
                                                 gap=self.gap, nodes=self.nodes)
                self.solve_seconds.append(time.perf_counter() - began)
                self._finished_one()
            return results
        jobs = [(k, cost, start, self.limit, self.gap, self.nodes) for k, cost, start in tasks]
        for k, found in self.executor.imap_unordered(solve_in_worker, jobs):
            results[k] = found
            self._finished_one()
        return results

    def _keep(self, tasks: list[Task], results: dict[int, Resolve]) -> None:
        """Record the round's plans and bounds in sample order, so timing changes nothing."""
        for k, _, _ in tasks:
            found = results[k]
            self.kept[k] = found.x
            self.stopped += found.outcome is Outcome.TIME_LIMIT
            key = self._key(found.x)
            if key not in self.seen:
                self.seen.add(key)
                self.plans.append(found.x)
            if found.bound is not None and self.certify_with is not None:
                self.points.append(self.certify_with[:, k])
                self.bounds.append(found.bound)
