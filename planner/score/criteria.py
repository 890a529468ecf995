"""Criteria sets: the four presets, and resolving a workbook's Criteria sheet to metric columns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from planner.core.models import Criterion, Direction, Portfolio
from planner.errors import ScoringError
from planner.score.metrics import METRIC_LABELS, PAYBACK_NEVER


@dataclass(frozen=True)
class Preset:
    """A named criteria set with weights a council can read."""

    key: str
    label: str
    description: str
    criteria: tuple[Criterion, ...]

    @property
    def weights(self) -> dict[str, float]:
        """Weights by criterion name."""
        return {c.criterion: c.weight for c in self.criteria}


def _c(name: str, column: str, direction: str, weight: float,
       scale: tuple[float, float] | None = None) -> Criterion:
    lo, hi = scale if scale else (None, None)
    return Criterion(criterion=name, column=column, direction=Direction(direction),
                     weight=weight, scale_min=lo, scale_max=hi)


# Anchored scales where the metric has a natural range, so a score does not depend on which
# other candidates are in the list; money and hours use min-max over the candidates.
LEGACY = ("Legacy risk", "legacy_risk", "max", (0.0, 100.0))
RESIDENTS = ("Resident impact", "resident_impact", "max", (0.0, 100.0))
HOURS = ("Staff hours freed", "staff_hours_freed", "max", None)
SAVINGS = ("Net annual savings", "net_annual_savings", "max", None)
PAYBACK = ("Payback", "payback_years", "min", (0.0, min(20.0, PAYBACK_NEVER)))
ALIGNMENT = ("Strategic alignment", "strategic_alignment", "max", (1.0, 5.0))
DELIVERY = ("Delivery risk", "delivery_risk", "min", (1.0, 5.0))


def _preset(key: str, label: str, description: str,
            parts: Iterable[tuple[tuple[str, str, str, tuple[float, float] | None], float]]
            ) -> Preset:
    criteria = tuple(_c(name, column, direction, weight, scale)
                     for (name, column, direction, scale), weight in parts)
    return Preset(key, label, description, criteria)


PRESETS: dict[str, Preset] = {p.key: p for p in (
    _preset("balanced", "Balanced",
            "Every concern counts: risk and residents a little more than the rest.",
            [(LEGACY, 0.20), (RESIDENTS, 0.20), (HOURS, 0.15), (SAVINGS, 0.15),
             (ALIGNMENT, 0.15), (DELIVERY, 0.15)]),
    _preset("legacy_risk_first", "Legacy risk first (GAO)",
            "Retire the systems most likely to fail or be breached first, as GAO advises.",
            [(LEGACY, 0.40), (DELIVERY, 0.15), (ALIGNMENT, 0.15), (RESIDENTS, 0.10),
             (SAVINGS, 0.10), (HOURS, 0.10)]),
    _preset("resident_services_first", "Resident services first",
            "Favour projects residents feel: reach, paper forms gone, shorter waits.",
            [(RESIDENTS, 0.40), (HOURS, 0.15), (LEGACY, 0.15), (ALIGNMENT, 0.10),
             (SAVINGS, 0.10), (DELIVERY, 0.10)]),
    _preset("fiscal_stewardship", "Fiscal stewardship",
            "Favour projects that pay for themselves: savings, quick payback, staff time.",
            [(SAVINGS, 0.30), (PAYBACK, 0.15), (HOURS, 0.15), (LEGACY, 0.15),
             (DELIVERY, 0.15), (ALIGNMENT, 0.10)]),
)}
DEFAULT_PRESET = "balanced"

# Natural spellings for metric columns, beyond their names and labels.
COLUMN_ALIASES: dict[str, str] = {
    "legacy": "legacy_risk", "legacy_risk_index": "legacy_risk", "gao_risk": "legacy_risk",
    "residents": "resident_impact", "resident_services": "resident_impact",
    "staff_hours": "staff_hours_freed", "hours_freed": "staff_hours_freed",
    "staff_time": "staff_hours_freed", "net_savings": "net_annual_savings",
    "payback": "payback_years", "payback_period": "payback_years",
    "alignment": "strategic_alignment", "strategic_fit": "strategic_alignment",
    "strategy": "strategic_alignment", "implementation_risk": "delivery_risk",
    "cost": "one_time_cost", "capital_cost": "one_time_cost", "project_cost": "one_time_cost",
}


def column_key(text: str) -> str:
    """Lower-case, punctuation and spaces folded into single underscores."""
    return re.sub(r"[^0-9a-z$%]+", "_", str(text).strip().lower()).strip("_")


def preset_for(name: str | None) -> Preset:
    """The preset named by key or label (case and spacing ignored); ScoringError otherwise."""
    key = column_key(name or DEFAULT_PRESET)
    for preset in PRESETS.values():
        if key in (preset.key, column_key(preset.label)):
            return preset
    choices = ", ".join(f"{p.key} ({p.label})" for p in PRESETS.values())
    raise ScoringError(f"There is no preset called '{name}'. Choose one of: {choices}.")


def resolve_column(column: str, available: Iterable[str]) -> str:
    """The metric or Candidates column a criterion's `column` names; ScoringError if none."""
    names = list(available)
    lookup: dict[str, str] = {}
    for name in names:
        lookup.setdefault(column_key(name), name)
    for name, label in METRIC_LABELS.items():
        if name in names:
            lookup.setdefault(column_key(label), name)
            lookup.setdefault(column_key(re.sub(r"\s*\(.*\)$", "", label)), name)
    for alias, name in COLUMN_ALIASES.items():
        if name in names:
            lookup.setdefault(alias, name)
    found = lookup.get(column_key(column))
    if found is None:
        raise ScoringError(
            f"The criterion column '{column}' is neither a derived metric nor a numeric "
            f"Candidates column. Available: {', '.join(names)}.")
    return found


def resolve_criteria(portfolio: Portfolio, preset: str | None = None,
                     available: Iterable[str] | None = None) -> tuple[tuple[Criterion, ...], str]:
    """(criteria, where they came from): an explicit preset, the Criteria sheet, or settings."""
    if preset is None and portfolio.criteria:
        criteria, source = portfolio.criteria, "the Criteria sheet"
    else:
        chosen = preset_for(preset or portfolio.settings.preset)
        criteria, source = chosen.criteria, f"the '{chosen.label}' preset"
    names = [c.criterion for c in criteria]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ScoringError(f"Each criterion needs its own name; repeated: {', '.join(repeated)}.")
    if available is not None:
        columns = list(available)
        criteria = tuple(c.model_copy(update={"column": resolve_column(c.column, columns)})
                         for c in criteria)
    return tuple(criteria), source


def criterion_named(criteria: Iterable[Criterion], name: str) -> Criterion:
    """The criterion called `name` (or reading column `name`); ScoringError when unknown."""
    items = list(criteria)
    key = column_key(name)
    for crit in items:
        if key in (column_key(crit.criterion), column_key(crit.column)):
            return crit
    known = ", ".join(c.criterion for c in items)
    raise ScoringError(f"There is no criterion called '{name}'. The criteria are: {known}.")
