"""Capital: spend per fiscal year and fund within its cap, each candidate on its eligible funds.

Columns w[k,t,f] >= 0 carry the money fund f pays in year t for eligibility class k (the
candidates that may draw on exactly the same funds); with carry-over, r[f,t] >= 0 is fund
f's money left at the end of year t for year t+1. Splitting per class instead of per
candidate is exact, because candidates of one class are interchangeable for the split, and
keeps the model small; the per-candidate split is recovered afterwards (allocation.py). Rows:
- demand: sum over class k of spend(c,s,t) x[c,s] = sum_f w[k,t,f].
- capital: sum_k w[k,t,f] (+ r[f,t] - r[f,t-1]) <= cap[t,f].
Money is divided by `money_scale` (a power of ten) to keep the coefficients near 1.
"""

from __future__ import annotations

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints.base import (
    INF,
    TOL,
    ConstraintKind,
    Draft,
    Entries,
    Funded,
    scale_of,
)

FundEntries = dict[tuple[int, str], Entries]  # (year index, fund) -> its w columns


def _class_demand(draft: Draft) -> tuple[list[frozenset[str]], dict[tuple[int, int], Entries]]:
    """The eligibility classes in order of first use, and their spend per year index."""
    portfolio = draft.portfolio
    year_index = {y: i for i, y in enumerate(draft.years)}
    index_of: dict[frozenset[str], int] = {}
    demand: dict[tuple[int, int], Entries] = {}
    class_of: dict[str, int] = {}
    for col, (cid, option) in enumerate(draft.x_cols):
        if cid not in class_of:
            eligible = frozenset(portfolio.eligible_funds(cid))
            class_of[cid] = index_of.setdefault(eligible, len(index_of))
        k = class_of[cid]
        for year, amount in option.spend.items():
            if amount > 0:
                demand.setdefault((k, year_index[year]), []).append(
                    (col, amount / draft.money_scale))
    return list(index_of), demand


def _demand_rows(draft: Draft) -> FundEntries:
    """Demand rows with their w columns; returns each (year, fund)'s w columns."""
    years, funds = draft.years, draft.portfolio.funds
    classes, demand = _class_demand(draft)
    fund_entries: FundEntries = {}
    for (k, t), entries in sorted(demand.items()):
        w_entries: Entries = []
        for f in (f for f in funds if f in classes[k]):
            w = draft.column(0.0, 0.0, INF, False)
            draft.w_cols[(classes[k], years[t], f)] = w
            w_entries.append((w, -1.0))
            fund_entries.setdefault((t, f), []).append((w, 1.0))
        draft.add_row("demand", (k, years[t]), entries + w_entries, 0.0, 0.0)
    return fund_entries


def _carry_columns(draft: Draft) -> dict[tuple[int, str], int]:
    """With carry-over, one column per fund and year but the last: money taken forward."""
    carry: dict[tuple[int, str], int] = {}
    if draft.portfolio.settings.carry_over:
        for t in range(len(draft.years) - 1):
            for f in draft.portfolio.funds:
                carry[(t, f)] = draft.column(0.0, 0.0, INF, False)
    draft.carry_cols = {(draft.years[t], f): col for (t, f), col in carry.items()}
    return carry


def add_rows(draft: Draft) -> None:
    """Demand rows, the fund split and carry-over columns, and one capital row per cap."""
    portfolio = draft.portfolio
    caps = {(y, f): portfolio.capital_cap(y, f) for y in draft.years for f in portfolio.funds}
    draft.money_scale = scale_of(list(caps.values()))
    fund_entries = _demand_rows(draft)
    carry = _carry_columns(draft)
    for t, year in enumerate(draft.years):
        for f in portfolio.funds:
            entries = list(fund_entries.get((t, f), []))
            if (t, f) in carry:
                entries.append((carry[(t, f)], 1.0))
            if (t - 1, f) in carry:
                entries.append((carry[(t - 1, f)], -1.0))
            if entries:
                draft.add_row("capital", (year, f), entries, -INF,
                              caps[(year, f)] / draft.money_scale)


def check(portfolio: Portfolio, funded: Funded, overrides: Overrides) -> list[str]:
    """Draws on ineligible funds, restricted money a candidate does not name, and funds over
    their cap (counted cumulatively with carry)."""
    bad: list[str] = []
    restricted = set(portfolio.restricted_funds)
    for cid, item in funded.items():
        eligible = set(portfolio.eligible_funds(cid))
        named = {s.casefold() for s in portfolio.candidates[cid].funding_sources}
        for by_fund in item.spend.values():
            for fund, amount in by_fund.items():
                if amount < -TOL or (amount > TOL and fund not in eligible):
                    bad.append(f"{cid} draws {amount} on ineligible fund {fund}")
                if amount > TOL and fund in restricted and fund.casefold() not in named:
                    bad.append(f"{cid} draws {amount} on restricted fund {fund}, which its "
                               f"funding_sources do not name")
    carry = portfolio.settings.carry_over
    for fund in portfolio.funds:
        spent = cap = 0.0
        for y in portfolio.fiscal_years:
            used = sum(i.spend.get(y, {}).get(fund, 0.0) for i in funded.values())
            spent = spent + used if carry else used
            cap = cap + portfolio.capital_cap(y, fund) if carry else portfolio.capital_cap(y, fund)
            if spent > cap + TOL * max(1.0, cap):
                bad.append(f"{fund} over its cap in {y}: {spent} > {cap}")
    return bad


KIND = ConstraintKind("budget", ReasonCode.BUDGET, add_rows, check, ("demand", "capital"),
                      frozenset({"capital"}))
