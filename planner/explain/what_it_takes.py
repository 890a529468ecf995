"""What it would take to fund an unfunded candidate: re-solve with it forced in.

If the best plan that includes candidate c is worth V_c and the chosen plan is worth V*, then
c is funded by the optimizer as soon as its value rises by (V* - V_c) / w, where w is its
time weight in that plan (1 without time weighting). That gives "the value it would need".
The budget side ("an extra $Y in FY X in fund F") comes from the plan's own shortfall
(planner.plan.reasons): money that would let it in alongside everything already funded.

Each re-solve reuses a loaded model, changing one row's bounds, with a short time limit;
HiGHS releases the GIL, so two solver copies work in parallel threads. The total is bounded
by `budget_s`: candidates are taken in order of value, and those left when the budget runs
out keep the simple reasons (the plan result says so). When a re-solve is not proven
optimal in its time, the value needed is given as a range from the solvers' bounds.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import replace

from planner.core.plans import Plan, UnfundedItem
from planner.errors import SolverError
from planner.plan.infeasibility import room_needed
from planner.plan.optimize import Solved
from planner.plan.schedule import time_weight
from planner.plan.solver import Outcome, Solver


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


class _Work:
    """Candidates still to re-solve, shared by the worker threads."""

    def __init__(self, items: list[UnfundedItem], deadline: float) -> None:
        self.items = list(reversed(items))
        self.deadline = deadline
        self.lock = threading.Lock()

    def next(self) -> UnfundedItem | None:
        with self.lock:
            if not self.items or time.perf_counter() > self.deadline - 0.05:
                return None
            return self.items.pop()


def _worker(solved: Solved, solver: Solver, work: _Work, per_item_s: float,
            out: dict[str, UnfundedItem]) -> None:
    model, plan, values = solved.model, solved.plan, solved.values
    assert model is not None
    years = model.portfolio.fiscal_years
    weighted = model.portfolio.settings.time_weighting
    best_bound = plan.bound if plan.bound is not None else plan.objective
    while (item := work.next()) is not None:
        cid = item.candidate_id
        row = model.assign_row[cid]
        solver.set_row_bounds(row, 1.0, 1.0)
        try:
            left = work.deadline - time.perf_counter()
            result = solver.solve(max(0.05, min(per_item_s, left)), 0.0)
        except SolverError:
            continue  # this candidate keeps its simple answer
        finally:
            solver.set_row_bounds(row, 0.0, 1.0)
        if result.outcome is Outcome.INFEASIBLE:
            over = solved.overrides
            forced = replace(over, force_in=over.force_in | {cid})
            left = work.deadline - time.perf_counter()
            room = room_needed(model.portfolio, values, forced, model.windows,
                               max(0.05, min(per_item_s, left))) if left > 0.05 else None
            out[cid] = _cannot(item, room)
            continue
        if result.x is None:
            continue
        forced = model.chosen(result.x)
        option = forced.get(cid)
        weight = time_weight(option, years) if (weighted and option) else 1.0
        forced_value = sum(values.get(c, 0.0) * (time_weight(o, years) if weighted else 1.0)
                           for c, o in forced.items())
        forced_bound = max(result.bound if result.bound is not None else forced_value,
                           forced_value)
        value = values.get(cid, 0.0)
        # the optimum lies in [objective, bound]; so does the forced-in optimum
        low = value + max(0.0, plan.objective - forced_bound) / weight
        high = value + max(0.0, best_bound - forced_value) / weight
        out[cid] = _with_value(item, value, low, high)


def add_value_needed(solved: Solved, *, budget_s: float = 10.0, per_item_s: float = 0.5,
                     workers: int | None = None) -> tuple[Plan, int, int]:
    """The plan with value-needed figures added; also (explained, eligible) counts."""
    plan, model, solver = solved.plan, solved.model, solved.solver
    if model is None or solver is None or plan.is_infeasible or not plan.unfunded:
        return plan, 0, 0
    values = solved.values
    eligible = [u for u in plan.unfunded
                if u.candidate_id in model.assign_row and "forced_out" not in u.codes]
    eligible.sort(key=lambda u: (-values.get(u.candidate_id, 0.0), u.candidate_id))
    work = _Work(eligible, time.perf_counter() + budget_s)
    count = max(1, min(workers or min(2, os.cpu_count() or 1), len(eligible)))
    updated: dict[str, UnfundedItem] = {}
    solvers = [solver] + [Solver(model) for _ in range(count - 1)]
    threads = [threading.Thread(target=_worker, args=(solved, s, work, per_item_s, updated))
               for s in solvers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    unfunded = tuple(updated.get(u.candidate_id, u) for u in plan.unfunded)
    return replace(plan, unfunded=unfunded), len(updated), len(eligible)
