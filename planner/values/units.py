"""Units a header or a cell states: money in thousands or millions, hours, per month or week.

A column's canonical unit is dollars for money, minutes for `minutes_per_transaction` and
"per year" for annual volumes and costs. `header_unit` reads what a header says its
values are in and returns the factor that turns them into the canonical unit; `cell_unit`
does the same for a cell that carries its own unit ('2 hrs', '$1,200/mo').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Columns whose values are per year, so a monthly or weekly figure is multiplied up.
ANNUAL_COLUMNS = frozenset({"annual_om_cost", "annual_operating_cost", "annual_savings",
                            "annual_paper_cost", "annual_volume", "residents_served"})
DURATION_COLUMNS = frozenset({"minutes_per_transaction"})
# Counts that a header may give in thousands or millions, as money is.
COUNT_COLUMNS = frozenset({"annual_volume", "residents_served", "staff_users"})


@dataclass(frozen=True)
class Unit:
    """A factor to the canonical unit and the words that say why."""

    factor: float
    words: str  # "in millions of dollars", "in hours", "per month"


_MONEY_SCALES: tuple[tuple[re.Pattern[str], Unit], ...] = (
    (re.compile(r"\$\s*(?:b|bn)\b|\bbillions?\b|\(\s*b\s*\)"), Unit(1e9, "in billions")),
    (re.compile(r"\$\s*(?:m|mm|mil)\b|\bmillions?\b|\(\s*(?:m|mm)\s*\)|\bin\s+\$?m\b"),
     Unit(1e6, "in millions")),
    (re.compile(r"\$\s*k\b|(?<![\d,.])\$?\s*000\s*'?s?\b|\bthousands?\b|\(\s*k\s*\)"
                r"|\bin\s+\$?k\b"), Unit(1e3, "in thousands")),
)
_PERIODS: tuple[tuple[re.Pattern[str], Unit], ...] = (
    (re.compile(r"(?:/|\bper\b|\ba\b|\beach\b)\s*(?:month|mo|mth)\b|\bmonthly\b"),
     Unit(12.0, "per month")),
    (re.compile(r"(?:/|\bper\b|\ba\b|\beach\b)\s*(?:week|wk)\b|\bweekly\b"),
     Unit(52.0, "per week")),
    (re.compile(r"(?:/|\bper\b|\ba\b)\s*(?:quarter|qtr)\b|\bquarterly\b"),
     Unit(4.0, "per quarter")),
)
_HOURS = re.compile(r"\bhours?\b|\bhrs?\b|\(\s*h\s*\)")
_SECONDS = re.compile(r"\bseconds?\b|\bsecs?\b|\(\s*s\s*\)")
_MINUTES = re.compile(r"\bminutes?\b|\bmins?\b")


def _header_text(header: str) -> str:
    return " ".join(str(header).replace("_", " ").lower().split())


def money_scale(header: str) -> Unit | None:
    """'Cost ($M)', '$ millions', '(thousands)', '($000s)' -> the factor to whole units."""
    text = _header_text(header)
    for pattern, unit in _MONEY_SCALES:
        if pattern.search(text):
            return unit
    return None


def period(header: str) -> Unit | None:
    """'Transactions / Month', 'Monthly cost', '$/mo', 'per week' -> the factor to per year."""
    text = _header_text(header)
    for pattern, unit in _PERIODS:
        if pattern.search(text):
            return unit
    return None


def duration(header: str) -> Unit | None:
    """'Hours per transaction', 'Staff hours' -> 60 (minutes); seconds -> 1/60."""
    text = _header_text(header)
    if _MINUTES.search(text):
        return None
    if _HOURS.search(text):
        return Unit(60.0, "in hours")
    if _SECONDS.search(text):
        return Unit(1 / 60, "in seconds")
    return None


def header_unit(header: str, canonical: str, is_money: bool) -> list[Unit]:
    """Every unit a header states for its column, each with its factor to the canonical unit."""
    units: list[Unit] = []
    if (is_money or canonical in COUNT_COLUMNS) and (scale := money_scale(header)) is not None:
        units.append(Unit(scale.factor, f"{scale.words} of dollars") if is_money else scale)
    if canonical in ANNUAL_COLUMNS and (per := period(header)) is not None:
        units.append(per)
    if canonical in DURATION_COLUMNS and (time := duration(header)) is not None:
        units.append(time)
    return units


_MAGNITUDE = re.compile(r"\d\s*(?:k|m|mm|mil|million|millions|thousand|b|bn|billion)\s*\)?$",
                        re.IGNORECASE)


def has_magnitude(text: str) -> bool:
    """True when money text carries its own multiplier ('$1.2M', '250K'), so no header
    factor applies to it."""
    return bool(_MAGNITUDE.search(str(text).strip()))


_CELL_PERIOD = re.compile(r"^(.*?\d[^/]*?)\s*(?:/|\bper\b|\ba\b)\s*"
                          r"(month|mo|mth|week|wk|year|yr|annum)\.?$", re.IGNORECASE)
_CELL_DURATION = re.compile(r"^([\d.,]+)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\.?$",
                            re.IGNORECASE)
_PERIOD_FACTORS = {"month": 12.0, "mo": 12.0, "mth": 12.0, "week": 52.0, "wk": 52.0,
                   "year": 1.0, "yr": 1.0, "annum": 1.0}
_PERIOD_WORDS = {12.0: "per month", 52.0: "per week", 1.0: "per year"}


def cell_unit(text: str, canonical: str) -> tuple[str, Unit] | None:
    """A cell that states its own unit: ('1,200', per month) from '$1,200/mo' in an annual
    column, ('2', in hours) from '2 hrs' in minutes_per_transaction; None otherwise."""
    text = str(text).strip()
    if canonical in ANNUAL_COLUMNS:
        match = _CELL_PERIOD.match(text)
        if match:
            factor = _PERIOD_FACTORS[match.group(2).lower()]
            return match.group(1).strip(), Unit(factor, _PERIOD_WORDS[factor])
    if canonical in DURATION_COLUMNS:
        match = _CELL_DURATION.match(text)
        if match:
            word = match.group(2).lower()
            if word.startswith("h"):
                return match.group(1), Unit(60.0, "in hours")
            if word.startswith("s"):
                return match.group(1), Unit(1 / 60, "in seconds")
            return match.group(1), Unit(1.0, "in minutes")
    return None


def factor_words(factor: float) -> str:
    """'1,000,000' for 1e6, '12' for 12, '1/60' for a sixtieth."""
    if factor < 1:
        return f"1/{round(1 / factor):,}"
    return f"{factor:,.0f}" if factor == int(factor) else f"{factor:,g}"
