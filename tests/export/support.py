"""Builders shared by the export tests: a hand-built plan and a small stand-in score table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from planner.core.models import Criterion, Direction, Portfolio
from planner.core.plans import FundedItem, Plan, PlanStatus, UnfundedItem

TIMESTAMP = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


@dataclass(frozen=True)
class StandInScores:
    """The fields of planner.score.scoring.ScoreResult the exporter reads."""

    method: str
    normalization: str
    weights: dict[str, float]
    criteria: tuple[Criterion, ...]
    matrix: pd.DataFrame
    scores: pd.Series
    ranks: pd.Series
    contributions: pd.DataFrame
    higher_is_better: bool = True
    consistency_ratio: float | None = None
    extra: dict[str, object] = field(default_factory=dict)


def stand_in_scores(portfolio: Portfolio) -> StandInScores:
    """A weighted sum of min-max scaled candidate columns."""
    criteria = (
        Criterion(criterion="Strategic fit", column="strategic_alignment", weight=0.5),
        Criterion(criterion="Savings", column="annual_savings", weight=0.3),
        Criterion(criterion="Delivery risk", column="delivery_risk", direction=Direction.MIN,
                  weight=0.2),
    )
    ids = list(portfolio.candidates)
    matrix = pd.DataFrame(
        {c.criterion: [float(getattr(portfolio.candidates[i], c.column) or 0) for i in ids]
         for c in criteria}, index=pd.Index(ids, name="candidate_id"))
    spread = (matrix.max() - matrix.min()).replace(0, 1)
    scaled = (matrix - matrix.min()) / spread
    for c in criteria:
        if c.direction is Direction.MIN:
            scaled[c.criterion] = 1 - scaled[c.criterion]
    weights = {c.criterion: c.weight for c in criteria}
    contributions = scaled * pd.Series(weights)
    scores = contributions.sum(axis=1)
    ranks = scores.rank(ascending=False, method="min").astype(int)
    return StandInScores("wsm", "min-max: worst candidate 0, best 1", weights, criteria,
                         matrix, scores, ranks, contributions)


def hand_plan(portfolio: Portfolio, scores: StandInScores, *, name: str = "optimized",
              status: PlanStatus = PlanStatus.OPTIMAL) -> Plan:
    """Fund in score order while every year's first eligible fund has room (no solver)."""
    years = portfolio.fiscal_years
    room = {(line.fiscal_year, line.fund): line.capital_budget for line in portfolio.budget}
    funded: list[FundedItem] = []
    unfunded: list[UnfundedItem] = []
    for cid in scores.ranks.sort_values(kind="stable").index:
        candidate = portfolio.candidates[cid]
        funds = portfolio.eligible_funds(cid) or portfolio.funds
        if candidate.spend_profile:
            profile = dict(candidate.spend_profile)
        else:
            span = min(candidate.duration_years, len(years))
            profile = {years[k]: candidate.one_time_cost / span for k in range(span)}
        fund = next((f for f in funds
                     if all(room.get((y, f), 0.0) >= a for y, a in profile.items())), None)
        if fund is None:
            unfunded.append(UnfundedItem(
                cid, (f"Not enough money left in FY{min(profile)}.",), ("budget",),
                f"About ${candidate.one_time_cost:,.0f} more capital budget."))
            continue
        for year, amount in profile.items():
            room[(year, fund)] -= amount
        funded.append(FundedItem(cid, min(profile), max(profile),
                                 {y: {fund: a} for y, a in profile.items()},
                                 value=float(scores.scores[cid])))
    objective = sum(item.value for item in funded)
    bound = objective * 1.0004 if status is PlanStatus.OPTIMAL else None
    gap = 0.0004 if status is PlanStatus.OPTIMAL else None
    return Plan(name, status, objective, tuple(funded), tuple(unfunded), bound, gap, 0.42,
                "hand-built for tests")


def baselines(portfolio: Portfolio, scores: StandInScores, plan: Plan) -> dict[str, Plan]:
    """Two baseline plans a little worse than the given one."""
    return {
        "rank_and_cut": Plan("rank_and_cut", PlanStatus.HEURISTIC, plan.objective * 0.8,
                             plan.funded[: max(1, len(plan.funded) * 3 // 4)], ()),
        "greedy": Plan("greedy", PlanStatus.HEURISTIC, plan.objective * 0.95, plan.funded, ()),
    }
