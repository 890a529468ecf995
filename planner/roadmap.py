"""One call for a whole roadmap: both baselines, the optimized plan, reasons and frontier.

This is what the app and the command line call. The better baseline seeds the optimizer,
so the optimized plan is never worth less than either baseline, even when the solver stops
at its time limit.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.baselines import greedy, rank_and_cut
from planner.frontier import efficient_frontier
from planner.models import Portfolio
from planner.optimize import solve_plan
from planner.plan import Overrides, PlanResult
from planner.values_input import clean_values
from planner.what_it_takes import add_value_needed


def run_plan(
    portfolio: Portfolio,
    values: Mapping[str, float],
    *,
    overrides: Overrides | None = None,
    explain: bool = True,
    frontier: bool = True,
    time_limit: float | None = None,
    gap: float | None = None,
    explain_seconds: float = 10.0,
    frontier_time_limit: float | None = None,
) -> PlanResult:
    """The optimized plan beside rank-and-cut and greedy, with what-it-takes and frontier."""
    over = overrides or Overrides()
    vals = clean_values(portfolio, values)
    baselines = {"rank_and_cut": rank_and_cut(portfolio, vals, overrides=over),
                 "greedy": greedy(portfolio, vals, overrides=over)}
    feasible = [p for p in baselines.values() if not p.is_infeasible]
    start = max(feasible, key=lambda p: p.objective) if feasible else None
    solved = solve_plan(portfolio, vals, overrides=over, time_limit=time_limit, gap=gap,
                        start=start)
    plan = solved.plan
    notes: list[str] = []
    if explain and not plan.is_infeasible and plan.unfunded:
        per_item = min(0.5, time_limit or portfolio.settings.solver_time_limit_s)
        plan, done, wanted = add_value_needed(solved, budget_s=explain_seconds,
                                              per_item_s=per_item)
        if done < wanted:
            notes.append(f"The value each unfunded candidate would need was computed for "
                         f"{done} of {wanted} (highest value first) within the "
                         f"{explain_seconds:g} s budget; the others show the budget reason "
                         f"only.")
    table = None
    if frontier and not plan.is_infeasible:
        table = efficient_frontier(portfolio, vals, overrides=over,
                                   time_limit=frontier_time_limit)
    return PlanResult(optimized=plan, baselines=baselines, values=vals, frontier=table,
                      overrides=over, notes=tuple(notes))
