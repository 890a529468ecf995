"""Small builders shared by the optimizer's tests, and the independent plan checker.

The checker (planner.plan.check) re-derives every hard rule from the portfolio itself (not
from the optimizer's ledger or model), so it catches a wrong formulation rather than
repeating it.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.core.models import BudgetLine, Candidate, Portfolio, Settings
from planner.core.plans import FundedItem, Plan, PlanStatus
from planner.plan.check import violations
from planner.plan.model import PlanModel
from planner.plan.solver import Solver

__all__ = ["cand", "hand_plan", "item", "portfolio", "record_solve_limits", "row_entries",
           "violations"]


def cand(cid: str, cost: float, **fields: object) -> Candidate:
    """A candidate with a one-year default duration."""
    fields.setdefault("duration_months", 12)
    return Candidate(candidate_id=cid, name=f"Project {cid}", one_time_cost=cost, **fields)


def portfolio(
    candidates: list[Candidate],
    caps: Mapping[int, Mapping[str, float]],
    *,
    staff: Mapping[int, float] | None = None,
    operating: Mapping[int, float] | None = None,
    **settings: object,
) -> Portfolio:
    """A portfolio from {year: {fund: cap}}, with optional staff and operating per year."""
    lines = []
    for year, by_fund in caps.items():
        for i, (fund, cap) in enumerate(by_fund.items()):
            lines.append(BudgetLine(
                fiscal_year=year, fund=fund, capital_budget=cap,
                staff_fte_capacity=(staff or {}).get(year) if i == 0 else None,
                operating_budget_increase=(operating or {}).get(year) if i == 0 else None))
    years = sorted(caps)
    return Portfolio.build(candidates=candidates, budget=lines, settings=Settings(
        first_fiscal_year=years[0], horizon_years=len(years), **settings))


def item(cid: str, spend: Mapping[int, float] | Mapping[int, Mapping[str, float]],
         fund: str = "General") -> FundedItem:
    """A funded item from {year: amount} (all from `fund`) or {year: {fund: amount}}."""
    by_year = {y: dict(a) if isinstance(a, Mapping) else {fund: float(a)}
               for y, a in spend.items()}
    return FundedItem(cid, min(by_year), max(by_year), by_year)


def hand_plan(*items: FundedItem, objective: float = 0.0) -> Plan:
    """A plan written by hand, to show the checker a plan that breaks a rule."""
    return Plan(name="hand", status=PlanStatus.HEURISTIC, objective=objective, funded=items)


def row_entries(model: PlanModel, row: int) -> dict[int, float]:
    """{column: coefficient} of one model row."""
    line = model.matrix.tocsr()[row]
    return {int(c): float(v) for c, v in zip(line.indices, line.data, strict=True)}


def record_solve_limits(monkeypatch) -> list[tuple[float, int | None]]:
    """Record (time limit, node limit) of every solve from here on; the solves still run."""
    limits: list[tuple[float, int | None]] = []
    solve = Solver.solve

    def recording(self, time_limit, gap, start=None, *, nodes=None, **options):
        limits.append((time_limit, nodes))
        return solve(self, time_limit, gap, start, nodes=nodes, **options)

    monkeypatch.setattr(Solver, "solve", recording)
    return limits
