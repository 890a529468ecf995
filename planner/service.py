"""The calls the app, the command line and the tests share: files in, validated portfolio
out; values in, a whole roadmap out.

`run_plan` runs both baselines, the optimized plan, reasons and frontier. The better
baseline seeds the optimizer, so the optimized plan is never worth less than either baseline,
even when the solver stops at its time limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from planner.core.issues import IssueLog
from planner.core.models import Portfolio
from planner.core.plans import Overrides, PlanResult
from planner.explain.frontier import efficient_frontier
from planner.explain.what_it_takes import add_value_needed
from planner.ingest.files import RawWorkbook, paused_gc, read_files, read_paths
from planner.plan.baselines import greedy, rank_and_cut
from planner.plan.optimize import solve_plan
from planner.plan.values_input import clean_values
from planner.recognize.mapping import MappingProfile, load_profile
from planner.recognize.tables import recognize
from planner.validate.portfolio import Validated, validate_tables

# A saved mapping profile: the profile itself, a path to its JSON, JSON bytes or a dict.
MappingSource = MappingProfile | str | Path | bytes | dict[str, Any] | None


def load_book(book: RawWorkbook, *, mapping: MappingSource = None) -> Validated:
    """Recognize and validate the sheets of an already-read upload."""
    log = IssueLog()
    profile = load_profile(mapping) if mapping is not None else None
    with paused_gc():
        tables = recognize(book, log, profile=profile)
        return validate_tables(tables, log)


def load_files(sources: list[tuple[str, bytes]], *, mapping: MappingSource = None) -> Validated:
    """Read and validate uploaded files given as (name, bytes)."""
    return load_book(read_files(sources), mapping=mapping)


def load_paths(paths: list[str | Path], *, mapping: MappingSource = None) -> Validated:
    """Read and validate files on disk."""
    return load_book(read_paths(paths), mapping=mapping)


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
