"""A portfolio back to canonical tables: the form the importer reads, the app edits and exports."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from planner.core.models import Candidate, Portfolio, Settings
from planner.core.schema import SHEETS_BY_NAME
from planner.core.settings import SETTING_KEYS
from planner.values.parse import is_missing

LIST_SEPARATOR = "; "
ESTIMATED_COLUMN = "estimated"  # the fields of a candidate the planner estimated


def _cell(value: Any) -> Any:
    if isinstance(value, tuple | list | frozenset | set):
        return LIST_SEPARATOR.join(str(v) for v in value) if value else None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "value") and not isinstance(value, int | float | str):
        return value.value  # enum members
    return value


def _frame(sheet: str, records: list[Any], extra_columns: list[str]) -> pd.DataFrame:
    columns = [c.name for c in SHEETS_BY_NAME[sheet].columns]
    rows = []
    for record in records:
        row = {c: _cell(getattr(record, c)) for c in columns}
        extra = getattr(record, "extra", {}) or {}
        row.update({c: extra.get(c) for c in extra_columns})
        rows.append(row)
    return pd.DataFrame(rows, columns=columns + extra_columns)


def _extra_columns(records: list[Any]) -> list[str]:
    return list(dict.fromkeys(k for r in records for k in (getattr(r, "extra", {}) or {})))


def candidates_frame(portfolio: Portfolio) -> pd.DataFrame:
    """Candidates in canonical columns, with one cost_FY#### column per explicit spend year."""
    records = list(portfolio.candidates.values())
    frame = _frame("Candidates", records, _extra_columns(records))
    years = sorted({y for c in records for y in c.spend_profile})
    for year in years:
        frame[f"cost_FY{year}"] = [c.spend_profile.get(year) for c in records]
    if any(c.estimated for c in records):
        frame[ESTIMATED_COLUMN] = [LIST_SEPARATOR.join(sorted(c.estimated)) or None
                                   for c in records]
    return frame


def listed_estimates(raw: Any, cand: Candidate) -> frozenset[str]:
    """The field names an `estimated` cell lists that are fields of this candidate."""
    parts = re.split(r"[;,\s]+", str(raw)) if not is_missing(raw) else []
    known = set(Candidate.model_fields) | set(cand.extra)
    return frozenset(p for p in parts if p in known)


def restore_estimates(portfolio: Portfolio) -> Portfolio:
    """Turn an `estimated` column read back from a workbook into each candidate's flags."""
    changed = {}
    for cid, cand in portfolio.candidates.items():
        if ESTIMATED_COLUMN not in cand.extra:
            continue
        extra = {k: v for k, v in cand.extra.items() if k != ESTIMATED_COLUMN}
        names = listed_estimates(cand.extra[ESTIMATED_COLUMN], cand)
        changed[cid] = cand.model_copy(update={"extra": extra,
                                               "estimated": cand.estimated | names})
    if not changed:
        return portfolio
    return portfolio.replace(candidates={**portfolio.candidates, **changed})


def settings_frame(settings: Settings) -> pd.DataFrame:
    """Settings as key/value rows (booleans as yes/no), unknown keys included."""
    data = {spec.name: getattr(settings, spec.name) for spec in SETTING_KEYS}
    data.update(settings.extras)
    rows = [(key, _cell(value)) for key, value in data.items() if value not in (None, "")]
    return pd.DataFrame(rows, columns=["key", "value"])


def pairwise_frame(portfolio: Portfolio) -> pd.DataFrame | None:
    """The AHP matrix with criterion names on both headers, or None."""
    if portfolio.pairwise is None:
        return None
    names = list(portfolio.pairwise.criteria)
    return pd.DataFrame(portfolio.pairwise.matrix, index=names, columns=names)


def portfolio_frames(portfolio: Portfolio) -> dict[str, pd.DataFrame]:
    """Every input table of the portfolio in canonical form, keyed by canonical sheet name."""
    systems = list(portfolio.systems.values())
    processes = list(portfolio.processes.values())
    return {
        "Systems": _frame("Systems", systems, _extra_columns(systems)),
        "Processes": _frame("Processes", processes, _extra_columns(processes)),
        "Candidates": candidates_frame(portfolio),
        "Budget": _frame("Budget", list(portfolio.budget), []),
        "Criteria": _frame("Criteria", list(portfolio.criteria), []),
        "Settings": settings_frame(portfolio.settings),
    }
