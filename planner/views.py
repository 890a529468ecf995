"""Pure helpers behind the app's views: budget grids, chart tables, headline figures, scenarios.

Nothing here imports Streamlit; every function takes planner objects and returns plain
DataFrames or values, so the pages stay thin and the figures are tested like the engine.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from planner.assumptions import read_assumptions
from planner.disposition import dispose, reference_year
from planner.metrics import system_legacy_risk
from planner.models import BudgetLine, Portfolio

STAFF = "IT staff (FTE)"


# --- budget ---------------------------------------------------------------------------------
def budget_grid(portfolio: Portfolio) -> pd.DataFrame:
    """Capital caps as a grid: one row per fiscal year, one column per fund, then staff FTE."""
    years = portfolio.fiscal_years or sorted({b.fiscal_year for b in portfolio.budget})
    funds = portfolio.funds
    grid = pd.DataFrame(
        {fund: [portfolio.capital_cap(y, fund) for y in years] for fund in funds},
        index=pd.Index(years, name="fiscal_year"), dtype=float)
    grid[STAFF] = [portfolio.staff_capacity(y) for y in years]
    grid[STAFF] = grid[STAFF].astype(float)
    return grid


def grid_to_json(grid: pd.DataFrame) -> dict[str, dict[str, float | None]]:
    """A budget grid as plain JSON (fiscal year -> column -> amount), for state and scenarios."""
    out: dict[str, dict[str, float | None]] = {}
    for year, row in grid.iterrows():
        out[str(int(year))] = {str(c): (None if pd.isna(v) else float(v)) for c, v in row.items()}
    return out


def grid_from_json(data: Mapping[str, Mapping[str, float | None]]) -> pd.DataFrame:
    """The inverse of grid_to_json."""
    grid = pd.DataFrame.from_dict({int(y): dict(v) for y, v in data.items()}, orient="index")
    grid.index.name = "fiscal_year"
    return grid.sort_index().astype(float)


def budget_lines(portfolio: Portfolio, grid: pd.DataFrame) -> tuple[BudgetLine, ...]:
    """Budget lines from an edited grid; operating caps of the original lines are kept."""
    operating = {(b.fiscal_year, b.fund): b.operating_budget_increase for b in portfolio.budget}
    funds = [c for c in grid.columns if c != STAFF]
    lines = []
    for year, row in grid.iterrows():
        staff = row.get(STAFF)
        staff = None if staff is None or pd.isna(staff) else max(0.0, float(staff))
        for i, fund in enumerate(funds):
            amount = row[fund]
            amount = 0.0 if pd.isna(amount) else max(0.0, float(amount))
            lines.append(BudgetLine(
                fiscal_year=int(year), fund=str(fund), capital_budget=amount,
                operating_budget_increase=operating.get((int(year), str(fund))),
                staff_fte_capacity=staff if i == 0 else None))
    return tuple(lines)


def adjust_portfolio(portfolio: Portfolio, *, budget: Mapping[str, Any] | None = None,
                     settings: Mapping[str, Any] | None = None) -> Portfolio:
    """The portfolio with an edited budget grid (JSON form) and changed settings applied."""
    if budget:
        portfolio = portfolio.replace(budget=budget_lines(portfolio, grid_from_json(budget)))
    if settings:
        portfolio = portfolio.replace(
            settings=portfolio.settings.model_copy(update=dict(settings)))
    return portfolio


def choices_key(**choices: Any) -> str:
    """A stable JSON text of the user's choices, used as a cache key."""
    return json.dumps(choices, sort_keys=True, default=_jsonable)


def _jsonable(value: Any) -> Any:
    if isinstance(value, set | frozenset | tuple):
        return sorted(value)
    if isinstance(value, pd.DataFrame):
        return value.to_json(orient="split", date_format="iso")
    return str(value)


# --- inventory ------------------------------------------------------------------------------
QUADRANT_LABELS = {"invest": "Invest", "tolerate": "Tolerate", "migrate": "Migrate",
                   "eliminate": "Eliminate"}
UNASSIGNED = "(no department)"


def systems_view(portfolio: Portfolio) -> pd.DataFrame:
    """One row per system: legacy risk, TIME quadrant, support status, ratings and cost."""
    columns = ["system_id", "name", "department", "platform", "legacy_risk", "quadrant",
               "support", "technical_condition", "functional_fit", "rated",
               "annual_om_cost", "criticality"]
    if not portfolio.systems:
        return pd.DataFrame(columns=columns)
    assumptions, _ = read_assumptions(portfolio.settings)
    first_year, _ = reference_year(portfolio)
    month = portfolio.settings.fiscal_year_start_month
    risk = system_legacy_risk(portfolio)
    rows = []
    for sid, system in portfolio.systems.items():
        disp = dispose(system, assumptions, first_year, month)
        rows.append({
            "system_id": sid, "name": system.name,
            "department": system.department or UNASSIGNED, "platform": system.platform or "",
            "legacy_risk": float(risk[sid]), "quadrant": QUADRANT_LABELS[disp.quadrant.value],
            "support": disp.support.phrase,
            "technical_condition": disp.ratings.technical_condition,
            "functional_fit": disp.ratings.functional_fit,
            "rated": not ({"technical_condition", "functional_fit"} & set(disp.ratings.defaulted)),
            "annual_om_cost": system.annual_om_cost or 0.0,
            "criticality": disp.ratings.criticality,
        })
    return pd.DataFrame(rows, columns=columns)


def quadrant_points(systems: pd.DataFrame, seed: int = 7) -> pd.DataFrame:
    """Systems with a small deterministic jitter so systems on the same ratings stay visible."""
    points = systems.copy()
    rng = np.random.default_rng(seed)
    points["x"] = points["technical_condition"] + rng.uniform(-0.28, 0.28, len(points))
    points["y"] = points["functional_fit"] + rng.uniform(-0.28, 0.28, len(points))
    return points


def risk_by_department(systems: pd.DataFrame, high: float = 60.0) -> pd.DataFrame:
    """Per department: systems, average and highest legacy risk, systems at high risk."""
    columns = ["department", "systems", "average_risk", "highest_risk", "high_risk_systems"]
    if systems.empty:
        return pd.DataFrame(columns=columns)
    grouped = systems.groupby("department")["legacy_risk"]
    frame = pd.DataFrame({
        "systems": grouped.size(), "average_risk": grouped.mean(),
        "highest_risk": grouped.max(),
        "high_risk_systems": grouped.apply(lambda s: int((s >= high).sum())),
    }).reset_index()
    return frame.sort_values("average_risk", ascending=False)[columns].reset_index(drop=True)


def processes_view(portfolio: Portfolio) -> pd.DataFrame:
    """Paper processes by staff hours consumed a year, largest first."""
    columns = ["process_id", "name", "department", "staff_hours", "annual_volume",
               "resident_facing", "annual_paper_cost"]
    rows = [{
        "process_id": pid, "name": p.name, "department": p.department or UNASSIGNED,
        "staff_hours": p.staff_hours, "annual_volume": p.annual_volume or 0.0,
        "resident_facing": "resident-facing" if p.resident_facing else "internal",
        "annual_paper_cost": p.annual_paper_cost or 0.0,
    } for pid, p in portfolio.processes.items()]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("staff_hours", ascending=False).reset_index(drop=True)
