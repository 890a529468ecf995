"""What it would take to fund an unfunded candidate: re-solve with it forced in.

If the best plan that includes candidate c is worth V_c and the chosen plan is worth V*, then
c is funded by the optimizer as soon as its value rises by (V* - V_c) / w, where w is its
time weight in that plan (1 without time weighting). That gives "the value it would need".
The budget side ("an extra $Y in FY X in fund F") comes from the plan's own shortfall
(planner.plan.reasons): money that would let it in alongside everything already funded.

The same inputs give the same figures in every run, on one thread or two. Nothing here
depends on the clock:
- each re-solve reuses a loaded model (one row's bounds change) and stops at a fixed number
  of branch-and-bound nodes (`NODES`), never at a time limit; HiGHS runs on one thread with a
  fixed seed, so a re-solve gives the same plan and bound whichever copy of the model runs it;
- re-solves run in rounds of `ROUND`: each starts from the best plan holding its candidate
  among those found by the rounds before, however many threads share the round;
- V_c is the best of every plan found that holds c, its bound the re-solve's own;
- how many candidates are re-solved is fixed by the model's size (`WORK`), highest value
  first; the others keep the simple reasons and the plan result says so.
When a re-solve's bound does not meet its best plan, the value needed is given as a range.
"""

from __future__ import annotations

import math
import os
import threading
from dataclasses import dataclass, replace

import numpy as np

from planner.core.plans import Plan, UnfundedItem
from planner.errors import SolverError
from planner.explain.value_bounds import (
    MARGIN_SOLVES,
    banded,
    fixed_outside,
    free_for,
    funded_by_density,
    lp_ceilings,
    margin_free,
)
from planner.plan.infeasibility import room_needed
from planner.plan.model import PlanModel
from planner.plan.optimize import Solved
from planner.plan.schedule import time_weight
from planner.plan.solver import NO_LIMIT_S, Outcome, Solution, Solver

NODES = 30  # branch-and-bound nodes per re-solve: a work limit, the same in every run
ROUND = 4  # re-solves that share one view of the plans found so far (fixed, not per thread)
WORK = 120_000  # model columns x re-solves in all; fixes how many candidates are re-solved
WORK_PER_SOLVE = 1_200  # what one margin re-solve counts for, when `work` is given
ROOM_NODES = 500  # for the room a required-only plan would need (a work limit)


def explained_count(model: PlanModel, eligible: int, work: int | None = None) -> int:
    """How many candidates get a re-solve: all that the fixed amount of work allows (on a
    large portfolio a re-solve frees only the plan's margin, so it counts that share)."""
    if banded(model):
        return min(eligible, MARGIN_SOLVES if work is None else max(1, work // WORK_PER_SOLVE))
    work = WORK if work is None else work
    return max(0, min(eligible, max(1, work // max(1, len(model.cost)))))


def _with_value(item: UnfundedItem, value: float, low: float, high: float) -> UnfundedItem:
    if high - low <= 1e-9 * max(1.0, abs(high)):
        text = f"a value of {high:.4g} or more (now {value:.4g})"
    else:
        text = f"a value of {low:.4g} to {high:.4g} or more (now {value:.4g})"
    if item.what_it_would_take:
        text = f"{text}; or, alongside the current plan: {item.what_it_would_take}"
    return replace(item, what_it_would_take=text, value_needed=high)


def _cannot(item: UnfundedItem, room: list[str] | None) -> UnfundedItem:
    if "prerequisite_timing" in item.codes:
        text = "no value would do: its prerequisites cannot finish in time"
    elif room:
        text = ("no value would do within today's limits: to fund it with its prerequisites "
                "beside the required candidates takes " + "; ".join(room))
    else:
        text = ("no value would do: no plan that keeps every hard constraint (including the "
                "required candidates) can include it")
    if item.what_it_would_take:
        text = f"{text}. Alongside the current plan it would need: {item.what_it_would_take}"
    return replace(item, what_it_would_take=text)


@dataclass
class _Found:
    """Plans found so far (start binaries only, in the order found) and each one's worth."""

    model: PlanModel
    plans: list[np.ndarray]
    worth: list[float]

    def add(self, x: np.ndarray) -> None:
        binaries = np.round(x[: self.model.n_x])
        if not any(np.array_equal(binaries, p) for p in self.plans):
            self.plans.append(binaries)
            self.worth.append(float(self.model.cost[: self.model.n_x] @ binaries))

    def best_with(self, cid: str) -> tuple[float, np.ndarray] | None:
        """The most valuable plan found that funds `cid` (the first found on a tie)."""
        cols = self.model.cols_of.get(cid, [])
        best = None
        for plan, worth in zip(self.plans, self.worth, strict=True):
            if plan[cols].sum() > 0.5 and (best is None or worth > best[0]):
                best = (worth, plan)
        return best


@dataclass(frozen=True)
class Margin:
    """On a large portfolio: the plan's funded set and the candidates a re-solve may change."""

    starts: dict[str, int]  # the plan's funded candidates and their start years
    free: set[str]
    ceilings: dict[str, float]
    inside: list[str]  # the funded candidates, lowest value per dollar first


def _forced_in(solver: Solver, cid: str, hint: np.ndarray | None, nodes: int,
               margin: Margin | None) -> Solution | None:
    if margin is None:
        return _forced_in_row(solver, solver.model.assign_row[cid], hint, nodes)
    with fixed_outside(solver, margin.starts,
                       free_for(solver.model, cid, margin.free, margin.inside)):
        return _forced_in_row(solver, solver.model.assign_row[cid], None, nodes)


def _forced_in_row(solver: Solver, row: int, hint: np.ndarray | None, nodes: int
                   ) -> Solution | None:
    solver.set_row_bounds(row, 1.0, 1.0)
    # restarts re-run the root's heuristics on a shrunken model: twice the work for the
    # same figures on these small forced-in problems; RINS sub-MIPs cost a quarter of the
    # time and rarely beat the plans the rounds before hand over
    solver.highs.setOptionValue("mip_allow_restart", False)
    solver.highs.setOptionValue("mip_heuristic_run_rins", False)
    try:
        return solver.solve(NO_LIMIT_S, 0.0, hint, nodes=nodes)
    except SolverError:
        return None  # this candidate keeps its simple answer
    finally:
        solver.highs.setOptionValue("mip_allow_restart", True)
        solver.highs.setOptionValue("mip_heuristic_run_rins", True)
        solver.set_row_bounds(row, solver.model.row_lower[row], solver.model.row_upper[row])


Task = tuple[str, np.ndarray | None]  # (candidate, starting plan's start binaries)


def _solve_round(solvers: list[Solver], tasks: list[Task], nodes: int, margin: Margin | None
                 ) -> dict[str, Solution | None]:
    """The round's re-solves, shared by the threads; each result is the same on any copy."""
    results: dict[str, Solution | None] = {}
    queue = list(reversed(tasks))
    lock = threading.Lock()

    def work(solver: Solver) -> None:
        while True:
            with lock:
                if not queue:
                    return
                cid, hint = queue.pop()
            results[cid] = _forced_in(solver, cid, hint, nodes, margin)

    threads = [threading.Thread(target=work, args=(s,)) for s in solvers[: len(tasks)]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _needed(solved: Solved, item: UnfundedItem, result: Solution, found: _Found,
            margin: Margin | None) -> UnfundedItem:
    """The value-needed figure (or range) from the re-solve's bound and the best plan found."""
    model, plan, values = solved.model, solved.plan, solved.values
    assert model is not None
    cid = item.candidate_id
    best = found.best_with(cid)
    assert best is not None  # the re-solve's own plan holds cid
    forced_value, binaries = best
    option = model.chosen(binaries).get(cid)
    weighted = model.portfolio.settings.time_weighting
    weight = time_weight(option, model.portfolio.fiscal_years) if (weighted and option) else 1.0
    if margin is None:  # the whole model was re-solved: its bound holds for every plan
        ceiling = result.bound if result.bound is not None else forced_value
    else:  # only the margin was: the LP relaxation's ceiling holds
        ceiling = margin.ceilings.get(cid, plan.bound if plan.bound is not None else math.inf)
    forced_bound = max(ceiling, forced_value)
    best_bound = plan.bound if plan.bound is not None else plan.objective
    value = values.get(cid, 0.0)
    # the optimum lies in [objective, bound]; so does the forced-in optimum
    low = value + max(0.0, plan.objective - forced_bound) / weight
    high = value + max(0.0, best_bound - forced_value) / weight
    return _with_value(item, value, low, high)


def _no_plan_with(solved: Solved, item: UnfundedItem) -> UnfundedItem:
    model = solved.model
    assert model is not None
    over = solved.overrides
    forced = replace(over, force_in=over.force_in | {item.candidate_id})
    room = room_needed(model.portfolio, solved.values, forced, model.windows, NO_LIMIT_S,
                       nodes=ROOM_NODES)
    return _cannot(item, room)


def _margin(solved: Solved) -> Margin | None:
    """On a large portfolio, what the forced-in re-solves may change and the LP ceilings."""
    model, solver = solved.model, solved.solver
    assert model is not None and solver is not None
    if not banded(model):
        return None
    return Margin({item.candidate_id: item.start_year for item in solved.plan.funded},
                  margin_free(model, solved.plan, solved.values), lp_ceilings(solver),
                  funded_by_density(model, solved.plan, solved.values))


def _resolve_all(solved: Solved, chosen: list[UnfundedItem], count: int, nodes: int,
                 margin: Margin | None) -> tuple[dict[str, Solution | None], _Found]:
    """Every chosen candidate's forced-in re-solve, in fixed rounds."""
    model, solver = solved.model, solved.solver
    assert model is not None and solver is not None
    solvers = [solver] + [Solver(model) for _ in range(count - 1)]
    found = _Found(model, [], [])
    results: dict[str, Solution | None] = {}
    for first in range(0, len(chosen), ROUND):
        batch = chosen[first: first + ROUND]
        tasks = []
        for item in batch:
            best = found.best_with(item.candidate_id)
            tasks.append((item.candidate_id, None if best is None else best[1]))
        got = _solve_round(solvers, tasks, nodes, margin)
        for item in batch:  # in candidate order, so that thread timing changes nothing
            result = got.get(item.candidate_id)
            results[item.candidate_id] = result
            if result is not None and result.x is not None:
                found.add(result.x)
    return results, found


def add_value_needed(solved: Solved, *, workers: int | None = None, nodes: int = NODES,
                     work: int | None = None) -> tuple[Plan, int, int]:
    """The plan with value-needed figures added; also (explained, eligible) counts.

    The figures do not depend on `workers` (threads, default one per core, at most two).
    """
    plan, model, solver = solved.plan, solved.model, solved.solver
    if model is None or solver is None or plan.is_infeasible or not plan.unfunded:
        return plan, 0, 0
    values = solved.values
    eligible = [u for u in plan.unfunded
                if u.candidate_id in model.assign_row and "forced_out" not in u.codes]
    eligible.sort(key=lambda u: (-values.get(u.candidate_id, 0.0), u.candidate_id))
    chosen = eligible[: explained_count(model, len(eligible), work)]
    count = max(1, min(workers or min(2, os.cpu_count() or 1), len(chosen), ROUND))
    margin = _margin(solved)
    results, found = _resolve_all(solved, chosen, count, nodes, margin)
    updated: dict[str, UnfundedItem] = {}
    for item in chosen:
        result = results.get(item.candidate_id)
        if result is None:
            continue
        if result.outcome is Outcome.INFEASIBLE and margin is None:
            updated[item.candidate_id] = _no_plan_with(solved, item)
        elif result.x is not None:
            updated[item.candidate_id] = _needed(solved, item, result, found, margin)
    unfunded = tuple(updated.get(u.candidate_id, u) for u in plan.unfunded)
    return replace(plan, unfunded=unfunded), len(updated), len(eligible)
