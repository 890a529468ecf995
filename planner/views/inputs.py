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

from planner.core.models import BudgetLine, Portfolio
from planner.propose.assumptions import read_assumptions
from planner.propose.disposition import dispose, reference_year
from planner.score.metrics import system_legacy_risk

STAFF = "IT staff (FTE)"
OPERATING = "New operating cost allowed"  # per year, over all funds
PER_YEAR = (STAFF, OPERATING)  # grid columns that are not funds


# --- budget ---------------------------------------------------------------------------------
def budget_grid(portfolio: Portfolio) -> pd.DataFrame:
    """Capital caps as a grid: one row per fiscal year, one column per fund, then staff FTE
    and the new recurring operating cost allowed that year (blank: no limit)."""
    years = portfolio.fiscal_years or sorted({b.fiscal_year for b in portfolio.budget})
    funds = portfolio.funds
    grid = pd.DataFrame(
        {fund: [portfolio.capital_cap(y, fund) for y in years] for fund in funds},
        index=pd.Index(years, name="fiscal_year"), dtype=float)
    grid[STAFF] = [portfolio.staff_capacity(y) for y in years]
    grid[STAFF] = grid[STAFF].astype(float)
    grid[OPERATING] = [portfolio.operating_cap(y) for y in years]
    grid[OPERATING] = grid[OPERATING].astype(float)
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
    """Budget lines from an edited grid. Staff and operating allowances are per year, so
    each sits on the year's first line; a grid without the operating column keeps the
    original lines' operating caps."""
    operating = {(b.fiscal_year, b.fund): b.operating_budget_increase for b in portfolio.budget}
    funds = [c for c in grid.columns if c not in PER_YEAR]
    lines = []
    for year, row in grid.iterrows():
        staff, allowed = (_per_year(row.get(c)) for c in PER_YEAR)
        for i, fund in enumerate(funds):
            amount = row[fund]
            amount = 0.0 if pd.isna(amount) else max(0.0, float(amount))
            if OPERATING in grid.columns:
                cap = allowed if i == 0 else None
            else:
                cap = operating.get((int(year), str(fund)))
            lines.append(BudgetLine(
                fiscal_year=int(year), fund=str(fund), capital_budget=amount,
                operating_budget_increase=cap, staff_fte_capacity=staff if i == 0 else None))
    return tuple(lines)


def _per_year(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else max(0.0, float(value))


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


# --- weights --------------------------------------------------------------------------------
# Saaty's 1-9 scale as "a over b", strongest preference for a first.
SAATY = (*(float(k) for k in range(9, 1, -1)), 1.0, *(1 / k for k in range(2, 10)))


def pair_key(a: str, b: str) -> str:
    """Key of the judgment "a compared with b" in the judgments dict."""
    return f"{a}|{b}"


def nearest_saaty(ratio: float) -> float:
    """The Saaty-scale value (1/9..9) nearest to a weight ratio, on a log scale."""
    ratio = max(ratio, 1e-9)
    return min(SAATY, key=lambda s: abs(np.log(s / ratio)))


def judgments_from_weights(names: list[str], weights: Mapping[str, float]) -> dict[str, float]:
    """Starting judgments that reproduce the current weights as closely as the scale allows."""
    out = {}
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            wa, wb = max(weights.get(a, 0.0), 1e-6), max(weights.get(b, 0.0), 1e-6)
            out[pair_key(a, b)] = nearest_saaty(wa / wb)
    return out


def pairwise_matrix(names: list[str], judgments: Mapping[str, float]) -> pd.DataFrame:
    """The reciprocal AHP matrix from upper-triangle judgments (missing ones count as 1)."""
    n = len(names)
    matrix = np.ones((n, n))
    for i, a in enumerate(names):
        for j in range(i + 1, n):
            value = float(judgments.get(pair_key(a, names[j]), 1.0))
            matrix[i, j], matrix[j, i] = value, 1.0 / value
    return pd.DataFrame(matrix, index=names, columns=names)


def judgment_label(value: float, a: str, b: str) -> str:
    """A judgment in words: "a 3x", "equal" or "b 5x"."""
    if abs(value - 1.0) < 1e-9:
        return "equal"
    if value > 1:
        return f"{a} {value:g}x"
    return f"{b} {1 / value:g}x"


def stakeholder_seed(names: list[str], sets: Mapping[str, Mapping[str, float]],
                     floor: float = 5.0) -> pd.DataFrame:
    """A stakeholder x criterion table (0-100) from named weight sets; absent criteria get
    a small positive weight, since a geometric mean cannot take a zero."""
    rows = []
    for who, weights in sets.items():
        row = {"stakeholder": who}
        for name in names:
            value = float(weights.get(name, 0.0)) * 100.0
            row[name] = round(value) if value > 0 else floor
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["stakeholder", *names])
    frame.index = pd.Index(range(1, len(frame) + 1), name="row")
    return frame


def stakeholder_sets(table: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Named weight sets from a stakeholder table (unnamed or all-blank rows skipped)."""
    names = [c for c in table.columns if c not in ("stakeholder", "role")]
    sets: dict[str, dict[str, float]] = {}
    for position, (_, row) in enumerate(table.iterrows(), start=1):
        values = {n: (0.0 if pd.isna(row[n]) else float(row[n])) for n in names}
        if not any(values.values()):
            continue
        who = str(row["stakeholder"]).strip() if not pd.isna(row["stakeholder"]) else ""
        sets[who or f"Stakeholder {position}"] = values
    return sets


def rank_moves(ranks: pd.Series, reference: pd.Series | None) -> pd.Series:
    """Places gained (+) or lost (-) against a reference ranking (0 when it is new)."""
    if reference is None:
        return pd.Series(0, index=ranks.index, dtype=int)
    before = reference.reindex(ranks.index)
    return (before - ranks).fillna(0).astype(int)


# --- rankings -------------------------------------------------------------------------------
def candidate_name(portfolio: Portfolio, cid: str) -> str:
    """A candidate's name (its id when it is not in the portfolio)."""
    cand = portfolio.candidates.get(cid)
    return cand.name if cand else cid


def candidate_label(portfolio: Portfolio, cid: str, width: int = 48) -> str:
    """"C-004  Utility billing: replace ..." for chart axes."""
    return f"{cid}  {candidate_name(portfolio, cid)[:width]}"


def ranking_table(portfolio: Portfolio, result: Any, funded: list[str] | None = None
                  ) -> pd.DataFrame:
    """Candidates in rank order: rank, id, name, value, the method's score, tie and funding."""
    order = result.order
    funded_set = set(funded or [])
    return pd.DataFrame({
        "rank": [int(result.ranks[c]) for c in order],
        "candidate_id": order,
        "name": [candidate_name(portfolio, c) for c in order],
        "value": [float(result.value[c]) for c in order],
        "score": [float(result.scores[c]) for c in order],
        "tied": [bool(result.tied.get(c, False)) for c in order],
        "funded": ["yes" if c in funded_set else "" for c in order],
    })


def contributions_long(portfolio: Portfolio, result: Any, top: int) -> pd.DataFrame:
    """Contributions of each criterion to each of the top candidates, long form."""
    order = result.order[:top]
    frame = result.contributions.loc[order].copy()
    frame.index = [candidate_label(portfolio, c) for c in order]
    long = frame.reset_index(names="label").melt(id_vars="label", var_name="criterion",
                                                 value_name="contribution")
    return long


def acceptability_frame(portfolio: Portfolio, smaa_result: Any, top: int,
                        high: float = 0.9, low: float = 0.1) -> pd.DataFrame:
    """Top-k acceptability of the top candidates with a verdict: stable, contested, rarely."""
    summary = smaa_result.summary().head(top)
    p = summary[f"p_top_{smaa_result.k}"]
    verdict = np.where(p >= high, "stable", np.where(p > low, "contested", "rarely"))
    return pd.DataFrame({
        "label": [candidate_label(portfolio, c) for c in summary.index],
        "rank": summary["rank"].astype(int).to_numpy(), "p": p.to_numpy(),
        "expected_rank": summary["expected_rank"].to_numpy(), "verdict": verdict})


def method_ranks(portfolio: Portfolio, comparison: Any, order: list[str], top: int
                 ) -> pd.DataFrame:
    """Ranks of the current top candidates under every method."""
    ids = [c for c in order[:top] if c in comparison.ranks.index]
    frame = comparison.ranks.loc[ids].astype("Int64").copy()
    frame["name"] = [candidate_name(portfolio, c) for c in ids]
    frame.index.name = "candidate_id"
    return frame.reset_index()
