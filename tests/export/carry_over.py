"""A city whose plan spends above a year's own cap because carry-over brings money forward."""

from __future__ import annotations

from functools import cache

from planner.core.models import Portfolio
from planner.core.plans import Plan
from tests.factories import workbook_bytes

CITY = "Springfield"


@cache
def carry_over_bytes(carry: bool = True) -> bytes:
    """FY2027 holds $1.0M, FY2028 only $200K; the new billing system must spend $900K in
    FY2028 (its explicit cost column), which only FY2027's unspent money can pay for."""
    return workbook_bytes({
        "Candidates": [
            ["candidate_id", "name", "one_time_cost", "cost_FY2028", "duration_months",
             "annual_savings", "strategic_alignment", "delivery_risk"],
            ["C-1", "New billing system", 900_000, 900_000, 12, 400_000, 5, 2],
            ["C-2", "Permits online", 50_000, None, 6, 20_000, 3, 2],
            ["C-3", "Parks booking", 60_000, None, 6, 10_000, 2, 3]],
        "Budget": [["fiscal_year", "fund", "capital_budget"],
                   [2027, "General Fund", 1_000_000], [2028, "General Fund", 200_000],
                   [2029, "General Fund", 100_000]],
        "Settings": [["key", "value"], ["carry_over", "yes" if carry else "no"],
                     ["first_fiscal_year", 2027], ["horizon_years", 3], ["city_name", CITY]],
    })


def carry_over_plan(carry: bool = True) -> tuple[Portfolio, Plan, object]:
    """(portfolio, optimized plan, scores) of the carry-over city."""
    from planner.plan.optimize import optimize
    from planner.score.scoring import score_portfolio
    from planner.service import load_files

    portfolio = load_files([("springfield.xlsx", carry_over_bytes(carry))]).portfolio
    scores = score_portfolio(portfolio)
    return portfolio, optimize(portfolio, scores.value), scores
