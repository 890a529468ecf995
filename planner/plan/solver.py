"""The only caller of the MILP solver (HiGHS through highspy).

highspy rather than scipy.optimize.milp: a `Solver` keeps one HiGHS model alive and changes
only what differs between solves (the objective for weight-robustness runs, one row's bounds
to force a candidate in for "what would it take", the capital rows for the efficient
frontier), and it accepts a starting plan (a baseline) so that even a solve stopped by the
time limit is never worse than that plan.
"""

from __future__ import annotations

import math
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

import highspy
import numpy as np

from planner.errors import SolverError
from planner.plan.model import PlanModel

NO_LIMIT = 2**31 - 1  # HiGHS's own "no limit" for its integer work limits
NO_LIMIT_S = 1e6  # seconds: a solve that stops at a work limit (nodes), never at the clock
PROVEN_GAP = 1e-6  # relative gap below which optimality counts as proven
# Model columns above which HiGHS's root work (cut rounds, sub-MIPs) is bounded by no node
# limit: 20,000 candidates (77,702 columns) did not finish the root in 96 s of CPU. Such a
# model is solved as its LP relaxation, then as a MIP over the columns the LP leaves
# fractional (the others fixed at the LP's 0 or 1); the LP's value is the bound.
LARGE_COLUMNS = 40_000
INTEGRAL = 1e-6  # an LP value this close to 0 or 1 counts as integral
_CONSTRUCTION = threading.Lock()
_STOPPED = (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kInterrupt,
            highspy.HighsModelStatus.kIterationLimit, highspy.HighsModelStatus.kSolutionLimit)


class Outcome(StrEnum):
    """What the solver reported, before interpretation."""

    OPTIMAL = "optimal"  # gap closed (within PROVEN_GAP)
    GAP = "gap"  # stopped because the requested gap was reached
    TIME_LIMIT = "time_limit"
    INFEASIBLE = "infeasible"


@dataclass(frozen=True)
class Solution:
    """A solver result: outcome, solution vector (None when none was found), figures."""

    outcome: Outcome
    x: np.ndarray | None
    objective: float
    bound: float | None
    gap: float | None
    seconds: float


def relative_gap(objective: float, bound: float | None) -> float | None:
    """(bound - objective) / |objective| for a maximization; None when undefined."""
    if bound is None or not math.isfinite(bound):
        return None
    diff = max(0.0, bound - objective)
    if diff <= 1e-9 * max(1.0, abs(bound)):
        return 0.0
    return diff / abs(objective) if abs(objective) > 1e-12 else None


@contextmanager
def _muted_output() -> Iterator[None]:
    """Point file descriptors 1 and 2 at the null device for the duration."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(fd) for fd in (1, 2)]
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        for fd in (1, 2):
            os.dup2(null, fd)
        yield
    finally:
        for fd, copy in zip((1, 2), saved, strict=True):
            os.dup2(copy, fd)
            os.close(copy)
        os.close(null)


def silent_highs() -> highspy.Highs:
    """A HiGHS instance that prints nothing.

    HiGHS writes its banner from C while the instance is built, before `silent()` can run,
    and straight to file descriptor 1, where no Python redirection sees it; so the
    construction itself runs with descriptors 1 and 2 muted.
    """
    with _CONSTRUCTION, _muted_output():
        highs = highspy.Highs()
        highs.silent()
    return highs


class Solver:
    """A loaded HiGHS model that can be re-solved after small changes."""

    def __init__(self, model: PlanModel, *, maximize: bool = True) -> None:
        self.model = model
        self.highs = silent_highs()
        self.highs.setOptionValue("random_seed", 0)
        self.highs.setOptionValue("threads", 1)
        lp = highspy.HighsLp()
        n_col, n_row = len(model.cost), len(model.row_lower)
        lp.num_col_, lp.num_row_ = n_col, n_row
        lp.col_cost_ = model.cost
        lp.col_lower_ = model.col_lower
        lp.col_upper_ = np.minimum(model.col_upper, highspy.kHighsInf)
        lp.row_lower_ = np.maximum(model.row_lower, -highspy.kHighsInf)
        lp.row_upper_ = np.minimum(model.row_upper, highspy.kHighsInf)
        matrix = model.matrix.tocsc()
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n_col, n_row
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data
        lp.integrality_ = [highspy.HighsVarType.kInteger if flag
                           else highspy.HighsVarType.kContinuous for flag in model.integer]
        lp.sense_ = highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
        if self.highs.passModel(lp) != highspy.HighsStatus.kOk:
            raise SolverError("the planning model could not be loaded into the solver")
        self.n_col = n_col

    def set_row_bounds(self, row: int, lower: float, upper: float) -> None:
        """Change one row's bounds (e.g. force a candidate in via its assign row)."""
        self.highs.changeRowBounds(row, max(lower, -highspy.kHighsInf),
                                   min(upper, highspy.kHighsInf))

    @property
    def is_large(self) -> bool:
        """True when the model is solved from its LP relaxation (over LARGE_COLUMNS columns)."""
        return self.n_col > LARGE_COLUMNS

    def set_col_bounds(self, lower: np.ndarray, upper: np.ndarray) -> None:
        """Replace every column's bounds."""
        self.highs.changeColsBounds(self.n_col, np.arange(self.n_col, dtype=np.int32),
                                    np.asarray(lower, dtype=float),
                                    np.minimum(np.asarray(upper, dtype=float), highspy.kHighsInf))

    def set_costs(self, cost: np.ndarray) -> None:
        """Replace the objective coefficients of every column."""
        self.highs.changeColsCost(self.n_col, np.arange(self.n_col, dtype=np.int32),
                                  np.asarray(cost, dtype=float))

    def relaxation(self) -> tuple[float, np.ndarray, np.ndarray] | None:
        """The LP relaxation (every column continuous): its value, column values and reduced
        costs, or None when it is not solved to optimality. Simplex work only, no clock: the
        same figures in every run. The model's integrality is put back afterwards."""
        highs, n_col = self.highs, self.n_col
        if n_col == 0:
            return None
        index = np.arange(n_col, dtype=np.int32)
        continuous = np.full(n_col, highspy.HighsVarType.kContinuous)
        integral = np.array([highspy.HighsVarType.kInteger if flag
                             else highspy.HighsVarType.kContinuous for flag in self.model.integer])
        highs.changeColsIntegrality(n_col, index, continuous)
        try:
            highs.clearSolver()
            highs.setOptionValue("time_limit", float(NO_LIMIT))
            highs.run()
            if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                return None
            solution = highs.getSolution()
            return (float(highs.getInfo().objective_function_value),
                    np.array(solution.col_value), np.array(solution.col_dual))
        finally:
            highs.changeColsIntegrality(n_col, index, integral)

    def _start_from(self, start: np.ndarray) -> None:
        if len(start) == self.n_col:
            hint = highspy.HighsSolution()
            hint.col_value = list(start)
            hint.value_valid = True
            self.highs.setSolution(hint)
            return
        index = np.arange(len(start), dtype=np.int32)
        self.highs.setSolution(len(start), index, start)

    def solve(self, time_limit: float, gap: float, start: np.ndarray | None = None, *,
              nodes: int | None = None, from_relaxation: bool | None = None) -> Solution:
        """Solve; `start` is a feasible plan to begin from: a full column vector, or only the
        start binaries (the solver then completes the fund split and carry-over itself).

        `nodes` caps the branch-and-bound nodes: a limit on work, not on time, so that a
        re-solve stopped by it gives the same plan and bound in every run (HiGHS runs on one
        thread with a fixed seed). A solve stopped by it reports Outcome.TIME_LIMIT ("stopped
        by a limit") with its bound. `from_relaxation` searches only where the LP relaxation
        leaves the plan undecided (`_solve_large`); None: when the model is very large.
        """
        if self.n_col == 0:
            feasible = bool(np.all(self.model.row_lower <= 0) and np.all(self.model.row_upper >= 0))
            if not feasible:
                return Solution(Outcome.INFEASIBLE, None, 0.0, None, None, 0.0)
            return Solution(Outcome.OPTIMAL, np.zeros(0), 0.0, 0.0, 0.0, 0.0)
        relaxed = self.is_large if from_relaxation is None else from_relaxation
        if relaxed:
            return self._solve_large(time_limit, gap, start, nodes)
        return self._solve_mip(time_limit, gap, start, nodes)

    def _solve_large(self, time_limit: float, gap: float, start: np.ndarray | None,
                     nodes: int | None) -> Solution:
        """A very large model: its LP relaxation gives the bound, and a MIP over the columns
        where the LP is fractional or differs from `start` finds the plan (the others fixed
        at the LP's value, so `start` stays feasible in it). Simplex and node work only, the
        same in every run; the outcome is TIME_LIMIT ("stopped by a limit") unless the gap
        is reached."""
        began = time.perf_counter()
        relaxed = self.relaxation()
        if relaxed is None and self.highs.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
            return Solution(Outcome.INFEASIBLE, None, 0.0, None, None,
                            time.perf_counter() - began)  # no plan fits even in part
        if relaxed is None:
            return self._solve_mip(time_limit, gap, start, nodes)
        bound, x_lp, _ = relaxed
        lower, upper = self._bounds()
        agree = np.ones(self.n_col, dtype=bool)
        if start is not None:
            given = np.asarray(start, dtype=float)
            agree[: len(given)] = np.abs(given - x_lp[: len(given)]) <= 0.5
        fixed = agree & self.model.integer
        fix_up = fixed & (x_lp >= upper - INTEGRAL)
        fix_down = fixed & (x_lp <= lower + INTEGRAL)
        self.set_col_bounds(np.where(fix_up, upper, lower), np.where(fix_down, lower, upper))
        try:
            found = self._solve_mip(time_limit, gap, start, nodes)
        finally:
            self.set_col_bounds(lower, upper)
        seconds = time.perf_counter() - began
        if found.x is None:
            return Solution(Outcome.TIME_LIMIT, None, 0.0, bound, None, seconds)
        bound = max(bound, found.objective)
        achieved = relative_gap(found.objective, bound)
        if achieved is not None and achieved <= PROVEN_GAP:
            outcome = Outcome.OPTIMAL
        elif achieved is not None and achieved <= gap:
            outcome = Outcome.GAP
        else:
            outcome = Outcome.TIME_LIMIT
        return Solution(outcome, found.x, found.objective, bound, achieved, seconds)

    def _bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Every column's bounds as the live model has them now."""
        lp = self.highs.getLp()
        return np.array(lp.col_lower_), np.array(lp.col_upper_)

    def _solve_mip(self, time_limit: float, gap: float, start: np.ndarray | None,
                   nodes: int | None) -> Solution:
        highs = self.highs
        highs.clearSolver()
        highs.setOptionValue("time_limit", float(max(time_limit, 0.01)))
        highs.setOptionValue("mip_rel_gap", float(gap))
        highs.setOptionValue("mip_max_nodes", int(nodes) if nodes is not None else NO_LIMIT)
        if start is not None:
            self._start_from(np.asarray(start, dtype=float))
        began = time.perf_counter()
        highs.run()
        seconds = time.perf_counter() - began
        status = highs.getModelStatus()
        info = highs.getInfo()
        found = info.primal_solution_status == highspy.kSolutionStatusFeasible
        x = np.array(highs.getSolution().col_value) if found else None
        objective = float(info.objective_function_value) if found else 0.0
        bound = float(info.mip_dual_bound) if math.isfinite(info.mip_dual_bound) else None
        if status == highspy.HighsModelStatus.kInfeasible:
            return Solution(Outcome.INFEASIBLE, None, 0.0, None, None, seconds)
        if x is None and status in _STOPPED:
            return Solution(Outcome.TIME_LIMIT, None, 0.0, bound, None, seconds)
        if x is None:
            name = highs.modelStatusToString(status)
            raise SolverError(f"the solver stopped without a plan ({name})")
        if bound is None and status == highspy.HighsModelStatus.kOptimal:
            bound = objective
        achieved = relative_gap(objective, bound)
        if status == highspy.HighsModelStatus.kOptimal:
            proven = achieved is not None and achieved <= PROVEN_GAP
            outcome = Outcome.OPTIMAL if proven else Outcome.GAP
        elif status in _STOPPED:
            outcome = Outcome.TIME_LIMIT
        else:
            name = highs.modelStatusToString(status)
            raise SolverError(f"the solver stopped with an unexpected status ({name})")
        return Solution(outcome, x, objective, bound, achieved, seconds)
