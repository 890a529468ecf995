"""Typed domain model: systems, processes, candidates, budget, criteria, settings, portfolio."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.core.balance import BalanceRule
from planner.core.funds import restricted_funds
from planner.core.settings import Settings  # defined beside its keys; re-exported here
from planner.core.vocabulary import Approach, Direction, Severity  # noqa: F401 (re-exported)

_FROZEN = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

Scale15 = Field(default=None, ge=1, le=5)


class System(BaseModel):
    """An IT system in the city's inventory."""

    model_config = _FROZEN

    system_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    department: str | None = None
    vendor: str | None = None
    platform: str | None = None
    year_implemented: int | None = Field(default=None, ge=1950, le=2100)
    end_of_support: dt.date | None = None
    annual_om_cost: float | None = Field(default=None, ge=0)
    staff_users: int | None = Field(default=None, ge=0)
    residents_served: float | None = Field(default=None, ge=0)
    criticality: int | None = Scale15
    security_risk: int | None = Scale15
    technical_condition: int | None = Scale15
    functional_fit: int | None = Scale15
    notes: str | None = None
    extra: dict[str, float | str] = Field(default_factory=dict)


class Process(BaseModel):
    """A paper or manual process."""

    model_config = _FROZEN

    process_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    department: str | None = None
    annual_volume: float | None = Field(default=None, ge=0)
    minutes_per_transaction: float | None = Field(default=None, ge=0)
    resident_facing: bool | None = None
    turnaround_days: float | None = Field(default=None, ge=0)
    error_rate: float | None = Field(default=None, ge=0, le=1)
    legal_mandate: bool | None = None
    annual_paper_cost: float | None = Field(default=None, ge=0)
    notes: str | None = None
    extra: dict[str, float | str] = Field(default_factory=dict)

    @property
    def staff_hours(self) -> float:
        """Staff hours the process consumes per year (volume x minutes / 60)."""
        return (self.annual_volume or 0.0) * (self.minutes_per_transaction or 0.0) / 60.0


class Candidate(BaseModel):
    """A modernization option the city could fund."""

    model_config = _FROZEN

    candidate_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    targets: tuple[str, ...] = ()
    approach: Approach | None = None
    one_time_cost: float = Field(ge=0)
    duration_months: int | None = Field(default=None, ge=1, le=240)
    annual_operating_cost: float | None = Field(default=None, ge=0)
    annual_savings: float | None = None
    staff_fte: float | None = Field(default=None, ge=0)
    delivery_risk: int | None = Scale15
    strategic_alignment: int | None = Scale15
    requires: tuple[str, ...] = ()
    alternative_group: str | None = None
    mandatory: bool = False
    earliest_start: int | None = Field(default=None, ge=1990, le=2200)
    must_finish_by: int | None = Field(default=None, ge=1990, le=2200)
    funding_sources: tuple[str, ...] = ()
    notes: str | None = None
    spend_profile: dict[int, float] = Field(default_factory=dict)
    extra: dict[str, float | str] = Field(default_factory=dict)
    estimated: frozenset[str] = frozenset()

    @field_validator("approach", mode="before")
    @classmethod
    def _approach(cls, value: object) -> object:
        return None if value is None else Approach.from_alias(value)

    @field_validator("spend_profile")
    @classmethod
    def _spend(cls, value: dict[int, float]) -> dict[int, float]:
        if any(v < 0 for v in value.values()):
            raise ValueError("explicit spend cannot be negative")
        return {year: float(v) for year, v in sorted(value.items()) if v > 0}

    @model_validator(mode="after")
    def _window(self) -> Candidate:
        start, finish = self.earliest_start, self.must_finish_by
        if start and finish and finish < start:
            raise ValueError(
                f"must_finish_by FY{self.must_finish_by} is before earliest_start "
                f"FY{self.earliest_start}"
            )
        if self.candidate_id in self.requires:
            raise ValueError("a candidate cannot require itself")
        return self

    @property
    def has_fixed_schedule(self) -> bool:
        """True when explicit cost_FY columns fix its years and amounts."""
        return bool(self.spend_profile)

    @property
    def duration_years(self) -> int:
        """Fiscal years the spend is spread over (fixed profile, or duration rounded up)."""
        if self.spend_profile:
            years = sorted(self.spend_profile)
            return years[-1] - years[0] + 1
        months = self.duration_months or 12
        return max(1, -(-months // 12))


class BudgetLine(BaseModel):
    """Capital money available in one fiscal year from one fund."""

    model_config = _FROZEN

    fiscal_year: int = Field(ge=1990, le=2200)
    fund: str = Field(min_length=1)
    capital_budget: float = Field(ge=0)
    operating_budget_increase: float | None = Field(default=None, ge=0)
    staff_fte_capacity: float | None = Field(default=None, ge=0)
    fund_kind: str | None = None  # general, enterprise, grant, reserve, bond (own words)
    restricted: bool | None = None  # explicit: wins over the kind's default


class Criterion(BaseModel):
    """A scoring criterion: which column it reads, its direction, weight and optional scale."""

    model_config = _FROZEN

    criterion: str = Field(min_length=1)
    column: str = Field(min_length=1)
    direction: Direction = Direction.MAX
    weight: float = Field(default=1.0, ge=0)
    scale_min: float | None = None
    scale_max: float | None = None
    rank: float | None = None  # 1 = most important (Settings weighting `rank`)
    swing: float | None = None  # 0-100, the most important swing 100 (weighting `swing`)

    @field_validator("direction", mode="before")
    @classmethod
    def _direction(cls, value: object) -> object:
        return Direction.MAX if value is None else Direction.from_alias(value)

    @model_validator(mode="after")
    def _scale(self) -> Criterion:
        if (self.scale_min is None) != (self.scale_max is None):
            raise ValueError("give both scale_min and scale_max, or neither")
        if self.scale_min is not None and self.scale_min == self.scale_max:
            raise ValueError("scale_min and scale_max must differ")
        return self


class Pairwise(BaseModel):
    """A square AHP judgment matrix over named criteria."""

    model_config = _FROZEN

    criteria: tuple[str, ...]
    matrix: tuple[tuple[float, ...], ...]

    @model_validator(mode="after")
    def _square(self) -> Pairwise:
        n = len(self.criteria)
        if n < 2 or len(self.matrix) != n or any(len(r) != n for r in self.matrix):
            raise ValueError("the pairwise matrix must be square, with one row per criterion")
        if any(v <= 0 for r in self.matrix for v in r):
            raise ValueError("pairwise judgments must be positive")
        return self


class Stakeholder(BaseModel):
    """One person's or body's weights for the criteria (a row of the Stakeholders sheet).

    The weights are as given (any positive scale, 0-100 in the app); only their proportions
    count when they are combined.
    """

    model_config = _FROZEN

    name: str = Field(min_length=1)
    role: str | None = None
    weights: dict[str, float] = Field(default_factory=dict)  # criterion -> weight

    @field_validator("weights")
    @classmethod
    def _positive(cls, value: dict[str, float]) -> dict[str, float]:
        bad = [name for name, weight in value.items() if not (math.isfinite(weight) and weight > 0)]
        if bad:
            raise ValueError(f"weights must be positive numbers: {', '.join(bad)}")
        return value


def _by_id(items: Iterable[BaseModel], field: str) -> dict[str, Any]:
    return {getattr(item, field): item for item in items}


class Portfolio(BaseModel):
    """A validated portfolio with every cross-reference resolved."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    systems: dict[str, System] = Field(default_factory=dict)
    processes: dict[str, Process] = Field(default_factory=dict)
    candidates: dict[str, Candidate] = Field(default_factory=dict)
    budget: tuple[BudgetLine, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    pairwise: Pairwise | None = None
    settings: Settings = Field(default_factory=Settings)
    stakeholders: tuple[Stakeholder, ...] = ()  # the Stakeholders sheet, in sheet order
    rules: tuple[BalanceRule, ...] = ()  # balance rules (the Rules sheet), in sheet order

    @classmethod
    def build(
        cls,
        systems: Iterable[System] = (),
        processes: Iterable[Process] = (),
        candidates: Iterable[Candidate] = (),
        budget: Iterable[BudgetLine] = (),
        criteria: Iterable[Criterion] = (),
        pairwise: Pairwise | None = None,
        settings: Settings | None = None,
    ) -> Portfolio:
        """Build a portfolio from lists of records (ids must already be unique)."""
        return cls(
            systems=_by_id(systems, "system_id"),
            processes=_by_id(processes, "process_id"),
            candidates=_by_id(candidates, "candidate_id"),
            budget=tuple(budget),
            criteria=tuple(criteria),
            pairwise=pairwise,
            settings=settings or Settings(),
        )

    @property
    def fiscal_years(self) -> list[int]:
        """The planning horizon: settings' first year and horizon, else the budget's years."""
        first = self.settings.first_fiscal_year
        budget_years = sorted({line.fiscal_year for line in self.budget})
        if first is None:
            if not budget_years:
                return []
            first = budget_years[0]
            if "horizon_years" not in self.settings.model_fields_set:
                return list(range(first, budget_years[-1] + 1))
        return list(range(first, first + self.settings.horizon_years))

    @property
    def funds(self) -> list[str]:
        """Fund names in order of first appearance in the budget."""
        return list(dict.fromkeys(line.fund for line in self.budget))

    def capital_cap(self, fiscal_year: int, fund: str) -> float:
        """Capital budget for one fiscal year and fund (0 when absent)."""
        return sum(
            line.capital_budget for line in self.budget
            if line.fiscal_year == fiscal_year and line.fund == fund
        )

    def staff_capacity(self, fiscal_year: int) -> float | None:
        """IT staff FTE available in a year (summed over its lines), or None when unset."""
        values = [
            line.staff_fte_capacity for line in self.budget
            if line.fiscal_year == fiscal_year and line.staff_fte_capacity is not None
        ]
        return sum(values) if values else None

    def operating_cap(self, fiscal_year: int) -> float | None:
        """Cap on new recurring operating cost starting in a year, or None when unset."""
        values = [
            line.operating_budget_increase for line in self.budget
            if line.fiscal_year == fiscal_year and line.operating_budget_increase is not None
        ]
        return sum(values) if values else None

    @property
    def alternative_groups(self) -> dict[str, list[str]]:
        """Either/or groups: label -> candidate ids (only labels used by two or more)."""
        groups: dict[str, list[str]] = {}
        for cid, cand in self.candidates.items():
            if cand.alternative_group:
                groups.setdefault(cand.alternative_group, []).append(cid)
        return {label: ids for label, ids in groups.items() if len(ids) > 1}

    def dependents(self, candidate_id: str) -> list[str]:
        """Candidates that require the given one."""
        return [cid for cid, c in self.candidates.items() if candidate_id in c.requires]

    def eligible_funds(self, candidate_id: str) -> list[str]:
        """Funds a candidate may draw from: those its list names, or when its list is blank
        every unrestricted fund (restricted money goes only to candidates that name it)."""
        sources = self.candidates[candidate_id].funding_sources
        if not sources:
            restricted = set(self.restricted_funds)
            return [f for f in self.funds if f not in restricted]
        wanted = {s.casefold() for s in sources}
        return [f for f in self.funds if f.casefold() in wanted]

    @property
    def restricted_funds(self) -> list[str]:
        """Funds whose money only candidates naming them may use (planner.core.funds)."""
        return restricted_funds(self.budget)

    def target_systems(self, candidate_id: str) -> list[System]:
        """The systems a candidate modernizes."""
        return [self.systems[t] for t in self.candidates[candidate_id].targets
                if t in self.systems]

    def target_processes(self, candidate_id: str) -> list[Process]:
        """The processes a candidate modernizes."""
        return [self.processes[t] for t in self.candidates[candidate_id].targets
                if t in self.processes]

    def replace(self, **changes: Any) -> Portfolio:
        """A copy with some fields replaced (the portfolio itself is frozen)."""
        return self.model_copy(update=changes)
