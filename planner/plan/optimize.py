"""The optimized roadmap: build the model, solve it, check the status, interpret the answer.

`optimize` returns a Plan named "optimized" whose status is honest: optimal only when the
gap is closed, feasible when the solver stopped at the requested gap, time_limit when the
clock ran out (with the best plan found, its bound and gap), infeasible with plain reasons.
See docs/optimizer.md for the model and objective in plain words.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from planner.core.models import Portfolio
from planner.core.plans import Overrides, Plan, PlanStatus
from planner.core.words import status_words
from planner.errors import InputError
from planner.plan.baselines import funded_items, plan_objective
from planner.plan.infeasibility import diagnose, precheck
from planner.plan.model import PlanModel, build_model
from planner.plan.reasons import explain_unfunded
from planner.plan.schedule import StartOption, windows
from planner.plan.solver import (
    NO_LIMIT_S,
    PROVEN_GAP,
    Outcome,
    Solution,
    Solver,
    relative_gap,
)
from planner.plan.timing import schedules_by_discount
from planner.plan.values_input import check_overrides, clean_values

# Branch-and-bound nodes the plan's own solve may take: a work limit that stops it the same
# way in every run when the gap is not reached first (the Settings time limit stays a backstop)
MAIN_NODES = 20_000
BACKSTOP_S = 600.0  # seconds: the plan's solve stops at its work limit long before this
SCHEDULE_NODES = 2_000  # the same kind of work limit for step two (the funded set's schedule)
# Model columns above which step two searches only where its LP relaxation leaves the
# schedule undecided: on 5,000 candidates 1.2 s of CPU instead of 6.5 s, for a discounted
# value 0.02% lower (step two never changes the value captured, its bound or its gap)
SCHEDULE_RELAXED_COLUMNS = 10_000


@dataclass
class Solved:
    """A plan together with the live model, for re-solves (what-it-takes, frontier)."""

    plan: Plan
    model: PlanModel | None
    solver: Solver | None
    values: dict[str, float]
    chosen: dict[str, StartOption]
    overrides: Overrides = field(default_factory=Overrides)


def _start_vector(model: PlanModel, plan: Plan) -> np.ndarray | None:
    """The solver's starting vector for a feasible plan, or None for an infeasible one."""
    if plan.is_infeasible:
        return None
    return model.start_vector({item.candidate_id: item.start_year for item in plan.funded},
                              {item.candidate_id: item.spend for item in plan.funded})


def _worded(plan: Plan, solver: Solver | None = None) -> Plan:
    """The plan with its status sentence as its message (the words every output shows), and
    for a very large portfolio how it was planned."""
    message = status_words(plan, sentence=True)
    if solver is not None and solver.is_large and not plan.is_infeasible:
        message += (f" This portfolio is very large ({solver.n_col:,} schedule and fund "
                    "columns), so the plan was searched among the projects its linear "
                    "relaxation leaves undecided, and the relaxation's value is the bound.")
    return replace(plan, message=message)


def _infeasible(reasons: list[str], began: float) -> Plan:
    return _worded(Plan(name="optimized", status=PlanStatus.INFEASIBLE, objective=0.0,
                        seconds=time.perf_counter() - began, reasons=tuple(reasons)))


def solve_plan(
    portfolio: Portfolio,
    values: Mapping[str, float],
    *,
    overrides: Overrides | None = None,
    time_limit: float | None = None,
    gap: float | None = None,
    start: Plan | None = None,
) -> Solved:
    """Optimize and keep the model and solver for later re-solves."""
    began = time.perf_counter()
    over = overrides or Overrides()
    check_overrides(portfolio, over)
    vals = clean_values(portfolio, values)
    if not portfolio.fiscal_years:
        raise InputError("the plan needs a Budget with at least one fiscal year")
    settings = portfolio.settings
    # the work limit (MAIN_NODES) decides where a solve stops; the Settings time limit is only
    # a backstop, never shorter than BACKSTOP_S, so a busy machine cannot change the plan
    limit = float(time_limit if time_limit is not None
                  else max(settings.solver_time_limit_s, BACKSTOP_S))
    rel_gap = float(gap if gap is not None else settings.mip_gap)
    wins = windows(portfolio, over)
    reasons = precheck(portfolio, over, wins)
    if reasons:
        return Solved(_infeasible(reasons, began), None, None, vals, {}, over)
    model = build_model(portfolio, vals, over, wins=wins)
    solver = Solver(model)
    hint = _start_vector(model, start) if start is not None else None
    solution: Solution = solver.solve(limit, rel_gap, hint, nodes=MAIN_NODES)
    if solution.outcome is Outcome.INFEASIBLE:
        clock = NO_LIMIT_S if time_limit is None else float(time_limit)  # only if asked
        reasons = diagnose(portfolio, vals, over, wins, clock)
        return Solved(_infeasible(reasons, began), model, solver, vals, {}, over)
    if solution.x is None:
        plan = _worded(Plan(name="optimized", status=PlanStatus.TIME_LIMIT, objective=0.0,
                            bound=solution.bound, seconds=time.perf_counter() - began))
        return Solved(plan, model, solver, vals, {}, over)
    x = solution.x
    objective = plan_objective(portfolio, vals, model.chosen(x))
    if start is not None and not start.is_infeasible and start.objective > objective:
        # the solver kept a worse incumbent than the plan it was given: keep the better one
        x = model.x_vector({item.candidate_id: item.start_year for item in start.funded})
        objective = plan_objective(portfolio, vals, model.chosen(x))
    chosen = model.chosen(earliest_schedule(model, solver, vals, x, (limit, rel_gap)))
    bound = solution.bound
    if bound is not None and bound < objective:
        bound = objective  # solver tolerance; the bound is never below a plan we hold
    achieved = relative_gap(objective, bound)
    outcome = solution.outcome
    if outcome is Outcome.OPTIMAL and (achieved is None or achieved > PROVEN_GAP):
        outcome = Outcome.GAP  # re-checked on the plan as read back: not proven after all
    status = {Outcome.OPTIMAL: PlanStatus.OPTIMAL, Outcome.GAP: PlanStatus.FEASIBLE,
              Outcome.TIME_LIMIT: PlanStatus.TIME_LIMIT}[outcome]
    plan = _worded(Plan(
        name="optimized", status=status, objective=objective,
        funded=funded_items(portfolio, vals, chosen),
        unfunded=explain_unfunded(portfolio, chosen, wins, over, vals),
        bound=bound, gap=achieved, seconds=time.perf_counter() - began,
    ), solver)
    return Solved(plan, model, solver, vals, chosen, over)


def earliest_schedule(model: PlanModel, solver: Solver, values: Mapping[str, float],
                      x: np.ndarray, limits: tuple[float, float]) -> np.ndarray:
    """Step two: the funded set of `x` kept, the schedule worth most under the delivery
    discount (planner.plan.timing); `x` itself when the discount plays no part.

    Only the start years change, so the value captured, its bound and gap stay step one's.
    The live model gets step one's objective and rows back afterwards.
    """
    funded = set(model.chosen(x))
    if not funded or not schedules_by_discount(model.portfolio.settings):
        return x
    for cid, row in model.assign_row.items():
        solver.set_row_bounds(row, float(cid in funded), float(cid in funded))
    solver.set_costs(model.schedule_costs(values))
    try:
        result = solver.solve(limits[0], limits[1], x, nodes=SCHEDULE_NODES,
                              from_relaxation=len(model.cost) > SCHEDULE_RELAXED_COLUMNS)
    finally:
        solver.set_costs(model.cost)
        for row in model.assign_row.values():
            solver.set_row_bounds(row, model.row_lower[row], model.row_upper[row])
    if result.x is None or set(model.chosen(result.x)) != funded:
        return x  # no better schedule found within the work limit: step one's stands
    return result.x


def optimize(
    portfolio: Portfolio,
    values: Mapping[str, float],
    *,
    overrides: Overrides | None = None,
    time_limit: float | None = None,
    gap: float | None = None,
    start: Plan | None = None,
) -> Plan:
    """The value-maximizing roadmap under every hard constraint (name "optimized").

    `values` maps candidate id to a non-negative value (a Series works). `time_limit` and
    `gap` default to the portfolio's settings. `start`, a feasible plan such as a baseline,
    is handed to the solver as its first incumbent, so the result is never worth less.
    Infeasible portfolios give a Plan with status infeasible and reasons; no exception.
    """
    return solve_plan(portfolio, values, overrides=overrides, time_limit=time_limit,
                      gap=gap, start=start).plan


def reoptimize(solved: Solved, values: Mapping[str, float], *, time_limit: float | None = None,
               gap: float | None = None) -> tuple[dict[str, StartOption], Solution]:
    """Solve the same loaded model again with other values (e.g. for weight robustness).

    Only the objective changes, so the rules, overrides and columns stay as they were; the
    model keeps the new objective afterwards. Returns the funded {candidate: start option}
    (empty when no plan was found) and the raw solver result.
    """
    if solved.model is None or solved.solver is None:
        raise InputError("this plan has no solver model to re-solve (it was infeasible)")
    settings = solved.model.portfolio.settings
    vals = clean_values(solved.model.portfolio, values)
    solved.solver.set_costs(solved.model.objective_for(vals))
    result = solved.solver.solve(
        float(time_limit if time_limit is not None else settings.solver_time_limit_s),
        float(gap if gap is not None else settings.mip_gap))
    return (solved.model.chosen(result.x) if result.x is not None else {}), result
