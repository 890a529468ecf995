"""Derived metrics per system and per candidate: legacy risk, resident impact, savings ...

Every formula is written out for a budget analyst in docs/scoring.md. Missing inputs get the
neutral defaults listed there, so no NaN ever reaches the scoring methods; the `defaulted`
table says which values rest on a default.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from planner.core.models import Approach, Candidate, Portfolio, Process, System


class ApproachEffect(NamedTuple):
    """What an approach is assumed to achieve on the systems and processes it targets."""

    risk_addressed: float  # share of the targets' legacy risk the project removes
    om_retired: float  # share of the targeted systems' annual O&M that stops
    paper_retired: float  # share of the targeted processes' annual paper cost that stops
    hours_reduction: float  # share of the targeted processes' staff hours freed


# Planning assumptions, not measurements: documented in docs/scoring.md, editable here.
APPROACH_EFFECTS: dict[Approach | None, ApproachEffect] = {
    Approach.RETIRE: ApproachEffect(1.0, 1.0, 1.0, 0.8),
    Approach.REPLACE: ApproachEffect(1.0, 1.0, 0.6, 0.4),
    Approach.REPURCHASE: ApproachEffect(1.0, 1.0, 0.6, 0.4),
    Approach.REFACTOR: ApproachEffect(0.8, 0.3, 0.3, 0.3),
    Approach.REPLATFORM: ApproachEffect(0.7, 0.5, 0.3, 0.2),
    Approach.REHOST: ApproachEffect(0.4, 0.3, 0.0, 0.1),
    Approach.RETAIN: ApproachEffect(0.1, 0.0, 0.0, 0.0),
    Approach.DIGITIZE: ApproachEffect(0.6, 0.5, 0.8, 0.5),
    None: ApproachEffect(0.7, 0.5, 0.5, 0.3),
}

# Points of the legacy risk index (0-100), after GAO-19-471's point-valued attributes.
RISK_POINTS = {"age": 20.0, "vendor_support": 20.0, "criticality": 15.0,
               "security_risk": 15.0, "technical_condition": 15.0, "legacy_platform": 15.0}
AGE_NEW, AGE_OLD = 5.0, 25.0  # years: no age points up to 5, full points from 25
SUPPORT_HORIZON = 5.0  # years: support ending within 5 years earns points, past it full
OUTDATED_SHARE = 0.6  # an outdated but not legacy platform earns 60% of the platform points

# Legacy languages and platforms (full points) and outdated versions (part points).
LEGACY_PLATFORMS: dict[str, str] = {
    "AS/400": r"\bas\s*/?\s*400\b|\biseries\b|\bi5/?os\b|\bibm\s*i\b|\brpg\b",
    "COBOL": r"\bcobol\b",
    "Mainframe": r"mainframe|\bz\s*/?\s*os\b|\bmvs\b|\bcics\b|\bvsam\b|\bpl\s*/\s*i\b",
    "PowerBuilder": r"power\s*builder",
    "Microsoft Access": r"\b(ms|microsoft)\s*access\b|\baccess\s*(97|2000|20\d\d)\b"
                        r"|[+/]\s*access\b|\baccess\s+(back\s*end|database|db)\b",
    "Oracle Forms": r"oracle\s*forms",
    "Visual Basic 6": r"\bvb\s*6\b|visual\s*basic\s*6|\bvb6\b",
    "Lotus Notes": r"lotus\s*notes|\bdomino\b",
    "FoxPro": r"fox\s*pro",
    "dBase/Clipper": r"\bdbase\b|\bclipper\b",
    "Natural/Adabas": r"\badabas\b",
    "Fortran": r"\bfortran\b",
}
OUTDATED_PLATFORMS: dict[str, str] = {
    "Unsupported Windows": r"windows\s*(xp|vista|7|8|ce|mobile|nt|2000|server\s*20(03|08|12))\b",
    "Old .NET": r"\.net\s*(1|2|3)(\.\d)?\b|web\s*forms",
    "Old database": r"sql\s*server\s*20(00|05|08|12)|oracle\s*(8|9|10|11)[a-z]?\b",
    "Old web platform": r"drupal\s*[5-7]\b|silverlight|\bflash\b|internet\s*explorer",
    "Old hardware or network": r"\banalog\b|\bt1\b|tape\s*library|\bhandhelds?\b",
    "Old mail/collaboration": r"exchange\s*(server\s*)?20(03|07|10|13|16)"
                              r"|sharepoint\s*20(07|10|13)",
}
_LEGACY_RE = {label: re.compile(p, re.IGNORECASE) for label, p in LEGACY_PLATFORMS.items()}
_OUTDATED_RE = {label: re.compile(p, re.IGNORECASE) for label, p in OUTDATED_PLATFORMS.items()}

NEUTRAL_SCALE = 3  # a blank 1-5 rating counts as the middle of the scale
PAYBACK_NEVER = 50.0  # years shown when a candidate never pays back (or beyond 50 years)
REACH_FULL = 1_000_000  # residents or transactions a year that earn the full reach points
TURNAROUND_FULL = 30.0  # days of waiting that earn the full turnaround points

METRIC_COLUMNS: tuple[str, ...] = (
    "legacy_risk", "resident_impact", "staff_hours_freed", "net_annual_savings",
    "payback_years", "strategic_alignment", "delivery_risk", "one_time_cost",
)
INPUT_COLUMNS: tuple[str, ...] = (
    "residents_reached", "annual_savings", "annual_operating_cost", "retired_running_cost",
    "duration_months", "staff_fte",
)
METRIC_LABELS: dict[str, str] = {
    "legacy_risk": "Legacy risk addressed (0-100)",
    "resident_impact": "Resident impact (0-100)",
    "staff_hours_freed": "Staff hours freed per year",
    "net_annual_savings": "Net annual savings ($/yr)",
    "payback_years": "Payback (years)",
    "strategic_alignment": "Strategic alignment (1-5)",
    "delivery_risk": "Delivery risk (1-5)",
    "one_time_cost": "One-time cost ($)",
    "residents_reached": "Residents reached per year",
    "annual_savings": "Stated annual savings ($/yr)",
    "annual_operating_cost": "New annual operating cost ($/yr)",
    "retired_running_cost": "Retired O&M and paper cost ($/yr)",
    "duration_months": "Duration (months)",
    "staff_fte": "IT staff (FTE)",
}


def detect_legacy_platform(text: str | None) -> tuple[str, float] | None:
    """(label, share of the platform points) when the platform text names a legacy platform."""
    if not text:
        return None
    for label, pattern in _LEGACY_RE.items():
        if pattern.search(text):
            return label, 1.0
    for label, pattern in _OUTDATED_RE.items():
        if pattern.search(text):
            return label, OUTDATED_SHARE
    return None


def reference_date(portfolio: Portfolio) -> dt.date:
    """The day ages and support horizons are measured from: the first fiscal year's start."""
    years = portfolio.fiscal_years
    if not years:
        return dt.date.today()
    month = portfolio.settings.fiscal_year_start_month
    # FY2027 ends in 2027, so unless it starts in January it began in the previous year.
    return dt.date(years[0] - (1 if month > 1 else 0), month, 1)


def _scale_points(value: int | None, points: float, reverse: bool = False) -> float:
    rating = NEUTRAL_SCALE if value is None else value
    share = (5 - rating) / 4 if reverse else (rating - 1) / 4
    return points * share


def _system_components(system: System, today: dt.date) -> dict[str, float]:
    half = {name: pts / 2 for name, pts in RISK_POINTS.items()}
    points = dict(half)
    if system.year_implemented is not None:
        age = today.year - system.year_implemented
        share = min(1.0, max(0.0, (age - AGE_NEW) / (AGE_OLD - AGE_NEW)))
        points["age"] = RISK_POINTS["age"] * share
    if system.end_of_support is not None:
        years_left = (system.end_of_support - today).days / 365.25
        share = min(1.0, max(0.0, 1.0 - years_left / SUPPORT_HORIZON))
        points["vendor_support"] = RISK_POINTS["vendor_support"] * share
    points["criticality"] = _scale_points(system.criticality, RISK_POINTS["criticality"])
    points["security_risk"] = _scale_points(system.security_risk, RISK_POINTS["security_risk"])
    points["technical_condition"] = _scale_points(
        system.technical_condition, RISK_POINTS["technical_condition"], reverse=True)
    if system.platform:
        found = detect_legacy_platform(system.platform)
        points["legacy_platform"] = RISK_POINTS["legacy_platform"] * (found[1] if found else 0)
    return points


def system_risk_components(portfolio: Portfolio) -> pd.DataFrame:
    """Legacy risk points per system and attribute (rows sum to the 0-100 index)."""
    today = reference_date(portfolio)
    rows = {sid: _system_components(s, today) for sid, s in portfolio.systems.items()}
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=list(RISK_POINTS))
    frame.index.name = "system_id"
    frame["legacy_platform_label"] = [
        (detect_legacy_platform(s.platform) or ("", 0))[0] for s in portfolio.systems.values()
    ]
    return frame


def system_legacy_risk(portfolio: Portfolio) -> pd.Series:
    """GAO-style legacy risk index per system, 0 (none) to 100 (highest)."""
    components = system_risk_components(portfolio)
    return components[list(RISK_POINTS)].sum(axis=1).rename("legacy_risk").astype(float)


def _resident_impact(systems: list[System], processes: list[Process]) -> tuple[float, float]:
    """(index 0-100, residents reached a year) for a candidate's targets."""
    facing = [p for p in processes if p.resident_facing]
    reached = sum(s.residents_served or 0.0 for s in systems)
    reached += sum(p.annual_volume or 0.0 for p in facing)
    reach = 60.0 * min(1.0, math.log10(1.0 + reached) / math.log10(1.0 + REACH_FULL))
    if facing or any((s.residents_served or 0) > 0 for s in systems):
        front = 20.0
    elif any(p.resident_facing is None for p in processes):
        front = 10.0
    else:
        front = 0.0
    waits = [20.0 * min(p.turnaround_days, TURNAROUND_FULL) / TURNAROUND_FULL
             if p.turnaround_days is not None else 10.0 for p in facing]
    return reach + front + (max(waits) if waits else 0.0), reached


@dataclass(frozen=True)
class MetricsTable:
    """Candidate metrics with a same-shaped table saying which values used a default."""

    values: pd.DataFrame
    defaulted: pd.DataFrame
    custom_columns: tuple[str, ...]


def _custom_columns(candidates: list[Candidate]) -> list[str]:
    names: dict[str, None] = {}
    for cand in candidates:
        for key, value in cand.extra.items():
            if isinstance(value, int | float) and not isinstance(value, bool) \
                    and math.isfinite(value):
                names.setdefault(key, None)
    return list(names)


def metrics_table(portfolio: Portfolio) -> MetricsTable:
    """Every derived metric and numeric Candidates column, with default flags."""
    risk = system_legacy_risk(portfolio)
    hourly = portfolio.settings.staff_hourly_cost
    rows: dict[str, dict[str, float]] = {}
    flags: dict[str, dict[str, bool]] = {}
    for cid, cand in portfolio.candidates.items():
        systems = portfolio.target_systems(cid)
        processes = portfolio.target_processes(cid)
        effect = APPROACH_EFFECTS[cand.approach]
        legacy = max((risk[s.system_id] for s in systems), default=0.0)
        impact, reached = _resident_impact(systems, processes)
        hours = sum(p.staff_hours for p in processes) * effect.hours_reduction
        retired = sum(s.annual_om_cost or 0.0 for s in systems) * effect.om_retired
        retired += sum(p.annual_paper_cost or 0.0 for p in processes) * effect.paper_retired
        savings = cand.annual_savings or 0.0
        operating = cand.annual_operating_cost or 0.0
        # A stated figure is the analyst's own estimate of the gross recurring savings, so it
        # replaces the derived one instead of adding to it (adding would count O&M twice).
        gross = cand.annual_savings if cand.annual_savings is not None else \
            retired + hours * hourly
        net = gross - operating
        if cand.one_time_cost <= 0:
            payback = 0.0
        elif net <= 0:
            payback = PAYBACK_NEVER
        else:
            payback = min(PAYBACK_NEVER, cand.one_time_cost / net)
        rows[cid] = {
            "legacy_risk": legacy * effect.risk_addressed,
            "resident_impact": impact,
            "staff_hours_freed": hours,
            "net_annual_savings": net,
            "payback_years": payback,
            "strategic_alignment": float(cand.strategic_alignment or NEUTRAL_SCALE),
            "delivery_risk": float(cand.delivery_risk or NEUTRAL_SCALE),
            "one_time_cost": cand.one_time_cost,
            "residents_reached": reached,
            "annual_savings": savings,
            "annual_operating_cost": operating,
            "retired_running_cost": retired,
            "duration_months": float(cand.duration_months or 12),
            "staff_fte": cand.staff_fte or 0.0,
        }
        flags[cid] = {
            "legacy_risk": not systems,
            "resident_impact": not (systems or processes),
            "staff_hours_freed": not processes,
            "net_annual_savings": cand.annual_savings is None and not (systems or processes),
            "payback_years": cand.annual_savings is None,
            "strategic_alignment": cand.strategic_alignment is None,
            "delivery_risk": cand.delivery_risk is None,
            "one_time_cost": False,
            "residents_reached": not (systems or processes),
            "annual_savings": cand.annual_savings is None,
            "annual_operating_cost": cand.annual_operating_cost is None,
            "retired_running_cost": not (systems or processes),
            "duration_months": cand.duration_months is None and not cand.spend_profile,
            "staff_fte": cand.staff_fte is None,
        }
    columns = [*METRIC_COLUMNS, *INPUT_COLUMNS]
    values = pd.DataFrame.from_dict(rows, orient="index", columns=columns, dtype=float)
    defaulted = pd.DataFrame.from_dict(flags, orient="index", columns=columns, dtype=bool)
    custom = _custom_columns(list(portfolio.candidates.values()))
    for name in custom:
        raw = [c.extra.get(name) for c in portfolio.candidates.values()]
        numbers = pd.to_numeric(pd.Series(raw, index=values.index, dtype=object),
                                errors="coerce").astype(float)
        numbers[~np.isfinite(numbers)] = np.nan
        # A blank custom value takes the column's median: neither rewarded nor punished.
        # A column named like a derived metric replaces it where the row gives a value.
        fallback = values[name] if name in values else float(numbers.median())
        values[name] = numbers.fillna(fallback)
        defaulted[name] = numbers.isna()
    values.index.name = defaulted.index.name = "candidate_id"
    return MetricsTable(values=values, defaulted=defaulted, custom_columns=tuple(custom))


def candidate_metrics(portfolio: Portfolio) -> pd.DataFrame:
    """Derived metrics per candidate (index candidate_id), plus numeric Candidates columns."""
    return metrics_table(portfolio).values
