"""Everything the roadmap workbook shows, gathered once and read by every sheet writer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

import pandas as pd

from planner.core.models import Criterion, Portfolio
from planner.core.plans import Overrides, Plan


class ScoreLike(Protocol):
    """What the exporter reads from a scoring result (planner.score.scoring.ScoreResult)."""

    method: str
    normalization: str
    weights: Mapping[str, float]
    criteria: tuple[Criterion, ...]
    matrix: pd.DataFrame
    scores: pd.Series
    ranks: pd.Series
    contributions: pd.DataFrame
    higher_is_better: bool
    consistency_ratio: float | None


@dataclass(frozen=True)
class ExportContext:
    """The inputs of one export, normalized: one plan, its baselines, scores and records."""

    portfolio: Portfolio
    plan: Plan
    timestamp: dt.datetime
    scenario: str
    version: str
    baselines: Mapping[str, Plan] = field(default_factory=dict)
    frontier: pd.DataFrame | None = None
    scores: ScoreLike | None = None
    method_ranks: pd.DataFrame | None = None
    robustness: pd.DataFrame | None = None
    robustness_notes: tuple[str, ...] = ()
    issues: pd.DataFrame | None = None
    files: Mapping[str, str] = field(default_factory=dict)
    overrides: Overrides = field(default_factory=Overrides)
    changes: tuple[str, ...] = ()  # the app session's changes in plain words, oldest first

    @property
    def city(self) -> str:
        """The city's name from the settings ('Our City' only when none was given)."""
        return self.portfolio.settings.city

    @cached_property
    def has_estimates(self) -> bool:
        """True when some candidate holds figures the planner estimated."""
        return any(c.estimated for c in self.portfolio.candidates.values())

    @cached_property
    def fiscal_years(self) -> list[int]:
        """The horizon's fiscal years, widened to any year the plan spends in."""
        years = set(self.portfolio.fiscal_years)
        for item in self.plan.funded:
            years.update(item.spend)
        return sorted(years)

    @cached_property
    def funds(self) -> list[str]:
        """Funds in budget order, then any fund the plan draws on that the budget lacks."""
        funds = list(self.portfolio.funds)
        for item in self.plan.funded:
            for by_fund in item.spend.values():
                funds.extend(f for f in by_fund if f not in funds)
        return funds

    @cached_property
    def spend(self) -> dict[tuple[int, str], float]:
        """Planned spend per (fiscal year, fund)."""
        totals: dict[tuple[int, str], float] = {}
        for item in self.plan.funded:
            for year, by_fund in item.spend.items():
                for fund, amount in by_fund.items():
                    totals[(year, fund)] = totals.get((year, fund), 0.0) + amount
        return totals

    def cap(self, year: int, fund: str) -> float:
        """Capital budget for a year and fund."""
        return self.portfolio.capital_cap(year, fund)

    @cached_property
    def carried(self) -> dict[tuple[int, str], float]:
        """With carry-over on, the money each (fiscal year, fund) brings in from earlier years."""
        return carried_in(self.portfolio, self.plan, self.fiscal_years)

    def carried_into(self, year: int) -> float:
        """All funds' money carried into a fiscal year (0 without carry-over)."""
        return sum(v for (y, _), v in self.carried.items() if y == year)

    @property
    def total_spend(self) -> float:
        """All planned spend."""
        return sum(self.spend.values())

    @property
    def total_budget(self) -> float:
        """All capital budget over the horizon."""
        return sum(self.cap(y, f) for y in self.fiscal_years for f in self.funds)

    def name(self, candidate_id: str) -> str:
        """A candidate's name (its id when it is not in the portfolio)."""
        candidate = self.portfolio.candidates.get(candidate_id)
        return candidate.name if candidate else candidate_id

    def score(self, candidate_id: str) -> float | None:
        """The candidate's score, when scores were given."""
        if self.scores is None:
            return None
        value = self.scores.scores.get(candidate_id)
        return None if value is None or pd.isna(value) else float(value)

    def rank(self, candidate_id: str) -> int | None:
        """The candidate's rank (1 best), when scores were given."""
        if self.scores is None:
            return None
        value = self.scores.ranks.get(candidate_id)
        return None if value is None or pd.isna(value) else int(value)

    @cached_property
    def issue_table(self) -> pd.DataFrame:
        """The import issues (possibly empty)."""
        if self.issues is None:
            return pd.DataFrame()
        return self.issues

    def issue_count(self, severity: str) -> int:
        """How many import issues have a severity."""
        return count_issues(self.issue_table, severity)

    def record(self) -> dict[str, Any]:
        """The reproducibility record: version, time, inputs, method, weights, solver."""
        scores = self.scores
        plan = self.plan
        return {
            "product_version": self.version,
            "exported_at": self.timestamp.isoformat(),
            "city": self.city,
            "scenario": self.scenario,
            "input_files": dict(sorted(self.files.items())),
            "method": scores.method if scores else None,
            "normalization": scores.normalization if scores else None,
            "weights": dict(scores.weights) if scores else None,
            "consistency_ratio": scores.consistency_ratio if scores else None,
            # the overrides as the Settings sheet writes them, so the two never disagree
            "settings": {**_settings_record(self.portfolio), **(
                {} if self.overrides.empty else self.overrides.as_settings())},
            "overrides": self.overrides.as_dict(),
            "solver_status": plan.status.value,
            "objective": plan.objective,
            "bound": plan.bound,
            "gap": plan.gap,
            "solve_seconds": round(plan.seconds, 3),
            "funded": plan.funded_ids,
            "baselines": {name: {"objective": b.objective, "funded": len(b.funded)}
                          for name, b in self.baselines.items()},
        }


def carried_in(portfolio: Portfolio, plan: Plan,
               years: list[int] | None = None) -> dict[tuple[int, str], float]:
    """With carry-over on, what each fund brings into each fiscal year from earlier years:
    the budget of the years before it less what the plan spends in them (the cumulative
    rule the plan keeps). Only amounts of a cent or more; empty when carry-over is off."""
    if not portfolio.settings.carry_over or plan.is_infeasible:
        return {}
    spent: dict[tuple[int, str], float] = {}
    for item in plan.funded:
        for year, by_fund in item.spend.items():
            for fund, amount in by_fund.items():
                spent[(year, fund)] = spent.get((year, fund), 0.0) + amount
    years = sorted(set(years or portfolio.fiscal_years) | {y for y, _ in spent})
    carried: dict[tuple[int, str], float] = {}
    for fund in portfolio.funds:
        left = 0.0
        for year in years:
            if left >= 0.01:
                carried[(year, fund)] = round(left, 2)
            left += portfolio.capital_cap(year, fund) - spent.get((year, fund), 0.0)
            left = max(left, 0.0)
    return carried


def count_issues(table: pd.DataFrame, severity: str) -> int:
    """How many issues of an issues table have a severity ("error", "warning", "info")."""
    if table.empty or "severity" not in table:
        return 0
    return int((table["severity"].astype(str) == severity).sum())


def _settings_record(portfolio: Portfolio) -> dict[str, Any]:
    data = portfolio.settings.model_dump()
    data.update(portfolio.settings.extras)
    return data
