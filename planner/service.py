"""The calls the app, the command line and the tests share: files in, validated portfolio
out; a portfolio in, a whole roadmap out; a roadmap in, the council workbook out.

`run_plan` runs both baselines, the optimized plan, reasons and frontier. The better
baseline seeds the optimizer, so the optimized plan is never worth less than either baseline,
even when the solver stops at its time limit. `plan_portfolio` is the one chain from a
portfolio to a `Roadmap`: scores, then the plans, then (when asked) funding robustness;
`council_workbook` writes a roadmap as the council workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.core.issues import IssueLog
from planner.core.models import Portfolio
from planner.core.plans import Overrides, Plan, PlanResult
from planner.ingest.files import RawWorkbook, paused_gc, read_files, read_paths
from planner.ingest.limits import check_candidates
from planner.recognize.profiles import MappingProfile, load_profile
from planner.recognize.tables import recognize
from planner.validate.portfolio import Validated, validate_tables

# Reading and validating files must not load the scorer, the solver or the workbook writer
# (`planner validate` starts in a fraction of a second): the later stages load on first use.
if TYPE_CHECKING:
    import pandas as pd

    from planner.explain.budget_sensitivity import BudgetSensitivity
    from planner.explain.robustness import FundingRobustness
    from planner.explain.sensitivity import OneWaySensitivity, Progress
    from planner.plan.optimize import Solved
    from planner.score.scoring import ScoreResult

# A saved mapping profile: the profile itself, a path to its JSON, JSON bytes or a dict.
MappingSource = MappingProfile | str | Path | bytes | dict[str, Any] | None


def load_book(book: RawWorkbook, *, mapping: MappingSource = None) -> Validated:
    """Recognize and validate the sheets of an already-read upload."""
    log = IssueLog()
    profile = load_profile(mapping) if mapping is not None else None
    with paused_gc():
        tables = recognize(book, log, profile=profile)
        candidates = tables.tables.get("Candidates")
        if candidates is not None:
            check_candidates(candidates.source or candidates.title, candidates.title,
                             len(candidates.rows))
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
    from planner.explain.what_it_takes import add_value_needed
    from planner.plan.baselines import greedy, rank_and_cut
    from planner.plan.optimize import solve_plan
    from planner.plan.values_input import clean_values

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
    table = None
    with ThreadPoolExecutor(max_workers=1) as side:
        # the frontier re-solves a model of its own on the other core while the 'value it
        # would need' re-solves run here (HiGHS releases the GIL); neither depends on timing
        pending = None
        if frontier and not plan.is_infeasible:
            pending = _frontier_started(side, solved, notes, frontier_time_limit)
        if explain and not plan.is_infeasible and plan.unfunded:
            # the figures never depend on time: explain_seconds is kept for older callers only
            plan, done, wanted = add_value_needed(solved)
            if done < wanted:
                notes.insert(0, f"The value each unfunded candidate would need was computed "
                             f"for {done} of {wanted} (highest value first), as far as the "
                             f"fixed amount of solver work allows, so every run gives the "
                             f"same figures; the others show the budget reason only.")
        if pending is not None:
            table = pending.result()
    from planner.plan.rules import with_rule_reports

    plan = with_rule_reports(portfolio, plan)
    baselines = {name: with_rule_reports(portfolio, b) for name, b in baselines.items()}
    return PlanResult(optimized=plan, baselines=baselines, values=vals, frontier=table,
                      overrides=over, notes=tuple(notes))


def _frontier_started(side: ThreadPoolExecutor, solved: Solved, notes: list[str],
                      time_limit: float | None) -> Future[pd.DataFrame]:
    """The budget frontier of a solved plan, started on `side`; a note when a portfolio this
    size gets fewer scales."""
    from planner.explain.frontier import DEFAULT_SCALES, efficient_frontier, scales_within

    scales = scales_within(solved.model, DEFAULT_SCALES)
    if len(scales) < len(DEFAULT_SCALES):
        notes.append(f"The budget frontier was computed at {len(scales)} of "
                     f"{len(DEFAULT_SCALES)} budget scales "
                     f"({', '.join(f'{s:.0%}' for s in scales)}), as far as the fixed "
                     f"amount of solver work allows for a portfolio this size.")
    model = solved.model
    assert model is not None
    return side.submit(efficient_frontier, model.portfolio, solved.values, scales,
                       overrides=solved.overrides, time_limit=time_limit, known=solved.plan)


@dataclass(frozen=True)
class Roadmap:
    """One portfolio's scores, its plans beside the baselines, and funding robustness if run."""

    portfolio: Portfolio
    scores: ScoreResult
    result: PlanResult
    robustness: FundingRobustness | None = None

    @property
    def plan(self) -> Plan:
        """The optimized plan."""
        return self.result.optimized

    def as_dict(self) -> dict[str, Any]:
        """The `planner plan --format json` document: the plans, the method, robustness, and how
        many candidates are the planner's proposals (`proposals`)."""
        from planner.propose.proposals import proposal_share

        data = self.result.as_dict()
        data["scoring"] = {"method": self.scores.method}
        plan = self.plan
        data["proposals"] = proposal_share(
            self.portfolio, None if plan.is_infeasible else plan.funded_ids).as_dict()
        if self.robustness is not None:
            data["robustness"] = self.robustness.as_dict()
        return data


def plan_portfolio(
    portfolio: Portfolio,
    *,
    method: str | None = None,
    preset: str | None = None,
    weights: Mapping[str, float] | None = None,
    overrides: Overrides | None = None,
    explain: bool = True,
    frontier: bool = True,
    explain_seconds: float = 10.0,
    time_limit: float | None = None,
    gap: float | None = None,
    robustness: int | None = None,
    seed: int = 0,
    spread: float = 0.3,
) -> Roadmap:
    """Score, plan and, with `robustness` weight samples, test how robust the funding is.

    Raises ScoringError when the portfolio cannot be scored. Robustness is skipped when no
    plan satisfies the rules (the roadmap then carries the infeasible plan and its reasons).
    """
    from planner.score.scoring import score_portfolio

    scores = score_portfolio(portfolio, method=method, preset=preset,
                             weights=dict(weights) if weights is not None else None)
    result = run_plan(portfolio, scores.value, overrides=overrides, explain=explain,
                      frontier=frontier, time_limit=time_limit, gap=gap,
                      explain_seconds=explain_seconds)
    if scores.extra.get("all_tied"):
        from planner.score.scoring import TIE_WARNING

        result = replace(result, notes=(TIE_WARNING, *result.notes))
    found = None
    if robustness is not None and not result.optimized.is_infeasible:
        from planner.explain.robustness import funding_robustness  # loads SciPy's stats

        found = funding_robustness(portfolio, scores, samples=robustness, seed=seed,
                                   spread=spread, overrides=overrides)
    return Roadmap(portfolio=portfolio, scores=scores, result=result, robustness=found)


def council_workbook(
    roadmap: Roadmap,
    validated: Validated,
    scenario: str | None = None,
    *,
    issues: pd.DataFrame | None = None,
    frontier: pd.DataFrame | None = None,
    method_ranks: Any = None,
    rank_robustness: Any = None,
    changes: tuple[str, ...] = (),
) -> bytes:
    """The council workbook of a roadmap, as .xlsx bytes.

    `issues` defaults to the import's issues; `frontier` to the one the plan carries;
    `rank_robustness` (an SMAA result) fills the Robustness sheet when the roadmap has no
    funding robustness; `method_ranks` is a method comparison; `changes` (the app's list of
    changes, oldest first) goes into the decision record.
    """
    from planner.export.workbook import export_workbook
    from planner.score.rank_robustness import compare_scores

    result = roadmap.result
    if method_ranks is None:
        method_ranks = compare_scores(roadmap.scores)
    return export_workbook(
        recorded_weighting(roadmap), result, scores=roadmap.scores, validated=validated,
        issues=issues,
        files=validated.files, baselines=result.baselines, frontier=frontier,
        robustness=roadmap.robustness or rank_robustness, method_ranks=method_ranks,
        overrides=result.overrides, scenario=scenario, changes=changes)


def recorded_weighting(roadmap: Roadmap) -> Portfolio:
    """The portfolio with the way its weights were actually set in Settings `weighting`, so
    that re-importing the council workbook weighs the same way (hand-set weights as direct
    weights, kept on the Criteria sheet)."""
    weighing = roadmap.scores.extra.get("weighting")
    portfolio = roadmap.portfolio
    if weighing is None:
        return portfolio
    return portfolio.replace(settings=portfolio.settings.model_copy(
        update={"weighting": weighing.mode}))


def weight_and_budget_sensitivity(
    portfolio: Portfolio,
    scores: ScoreResult,
    *,
    overrides: Overrides | None = None,
    tolerance: float = 0.02,
    progress: Callable[[str], Progress | None] | None = None,
) -> tuple[OneWaySensitivity, BudgetSensitivity]:
    """One-way weight ranges, then budget re-solves, sharing one loaded model.

    `progress(stage)` is called as each stage ("weights", then "budget") starts and returns
    that stage's `(done, total, seconds_left)` callback, or None.
    """
    from planner.explain.budget_sensitivity import budget_sensitivity
    from planner.explain.sensitivity import Resolver, one_way_sensitivity

    start = progress or (lambda stage: None)
    resolver = Resolver(portfolio, scores.value, overrides=overrides)
    one_way = one_way_sensitivity(portfolio, scores, tolerance=tolerance, resolver=resolver,
                                  progress=start("weights"))
    budget = budget_sensitivity(portfolio, scores.value, resolver=resolver,
                                progress=start("budget"))
    return one_way, budget
