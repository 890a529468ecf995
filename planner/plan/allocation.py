"""Which fund pays for what: the per-candidate split of a chosen plan's spend.

One small LP over eligibility classes (as in the MILP) finds class-level amounts per year
and fund; it prefers the most restricted money (a grant only a few candidates may use)
so that flexible money stays free. Each class's amounts are then handed out to its
candidates in id order, fund by fund, so that most candidates draw on a single fund in a
given year and at most (number of funds - 1) are split. All three plans (optimized,
rank-and-cut, greedy) use this same split, so their spend tables are comparable.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from planner.core.models import Portfolio
from planner.errors import SolverError
from planner.plan.schedule import StartOption, eligible_funds_of

Split = dict[int, dict[str, float]]  # fiscal year -> fund -> amount


Demand = dict[tuple[tuple[str, ...], int], float]  # (eligible funds, year) -> amount


def restricted_use(portfolio: Portfolio, cid: str, split: Split) -> tuple[str, ...]:
    """The restricted funds a candidate's split draws on, each with why it may: the only
    way a candidate may use restricted money is to name the fund in its funding_sources."""
    restricted = set(portfolio.restricted_funds)
    used = {f for by_fund in split.values() for f, amount in by_fund.items() if amount > 0}
    return tuple(f"{fund}: named in the candidate's funding_sources"
                 for fund in portfolio.funds if fund in used & restricted)


def allocate(portfolio: Portfolio, chosen: Mapping[str, StartOption]) -> dict[str, Split]:
    """Per-candidate spend by year and fund for a set of scheduled candidates."""
    classes: dict[tuple[str, ...], list[str]] = {}
    eligible = eligible_funds_of(portfolio)
    for cid in sorted(chosen):
        classes.setdefault(tuple(eligible[cid]), []).append(cid)
    generality = {f: sum(f in k for k in classes) for f in portfolio.funds}
    demand: Demand = {}
    for key, members in classes.items():
        for cid in members:
            for year, amount in chosen[cid].spend.items():
                if amount > 0:
                    demand[(key, year)] = demand.get((key, year), 0.0) + amount
    if not demand:
        return {cid: {} for cid in chosen}
    amounts = _class_amounts(portfolio, demand, generality)
    splits: dict[str, Split] = {cid: {} for cid in chosen}
    for key, members in classes.items():
        order = sorted(key, key=lambda f: (generality[f], portfolio.funds.index(f)))
        for year in portfolio.fiscal_years:
            total = demand.get((key, year), 0.0)
            if total <= 0:
                continue
            pots = [[f, amounts[(key, year, f)]] for f in order]
            found = sum(p[1] for p in pots)
            for pot in pots:  # remove the LP's rounding so the pots sum to the demand
                pot[1] *= total / found if found > 0 else 0.0
            if found <= 0:
                pots[0][1] = total
            _hand_out(pots, members, chosen, year, splits)
    return in_cents(portfolio, splits)


def _class_amounts(portfolio: Portfolio, demand: Demand, generality: dict[str, int]
                   ) -> dict[tuple[tuple[str, ...], int, str], float]:
    """The LP over eligibility classes: how much each class draws from each fund and year."""
    years, funds = portfolio.fiscal_years, portfolio.funds
    scale = max(demand.values())
    cols = [(key, year, f) for (key, year) in demand for f in key]
    carry_cols = ([(f, t) for t in range(len(years) - 1) for f in funds]
                  if portfolio.settings.carry_over else [])
    n = len(cols) + len(carry_cols)
    col_index = {c: i for i, c in enumerate(cols)}
    carry_index = {c: len(cols) + i for i, c in enumerate(carry_cols)}
    eq_rows, eq_cols, eq_rhs = [], [], []
    for r, (key, year) in enumerate(demand):
        for f in key:
            eq_rows.append(r)
            eq_cols.append(col_index[(key, year, f)])
        eq_rhs.append(demand[(key, year)] / scale)
    ub_rows, ub_cols, ub_vals, ub_rhs = [], [], [], []
    for t, year in enumerate(years):
        for f in funds:
            r = len(ub_rhs)
            entries = [(i, 1.0) for (_key, y, g), i in col_index.items() if y == year and g == f]
            if (f, t) in carry_index:
                entries.append((carry_index[(f, t)], 1.0))
            if (f, t - 1) in carry_index:
                entries.append((carry_index[(f, t - 1)], -1.0))
            for i, v in entries:
                ub_rows.append(r)
                ub_cols.append(i)
                ub_vals.append(v)
            ub_rhs.append(portfolio.capital_cap(year, f) / scale)
    # restricted money first; a hair of preference for earlier years' money when carrying
    cost = [generality[f] + 1e-3 * years.index(year) for (_, year, f) in cols]
    cost += [0.0] * len(carry_cols)
    result = linprog(
        cost,
        A_ub=coo_matrix((ub_vals, (ub_rows, ub_cols)), shape=(len(ub_rhs), n)),
        b_ub=ub_rhs,
        A_eq=coo_matrix(([1.0] * len(eq_rows), (eq_rows, eq_cols)), shape=(len(eq_rhs), n)),
        b_eq=eq_rhs, bounds=(0, None), method="highs",
    )
    if result.status != 0:
        raise SolverError("the chosen candidates do not fit the budget (no fund split exists)")
    amounts = np.maximum(result.x, 0.0) * scale
    return {c: float(amounts[i]) for c, i in col_index.items()}


def _largest_remainder(parts: dict[str, float], total_cents: int) -> dict[str, int]:
    """Parts in whole cents that add up to total_cents, each within a cent of its share."""
    exact = {f: max(0.0, a) * 100 for f, a in parts.items()}
    cents = {f: int(math.floor(v + 1e-6)) for f, v in exact.items()}
    short = total_cents - sum(cents.values())
    by_remainder = sorted(exact, key=lambda f: (-(exact[f] - cents[f]), f))
    for fund in by_remainder[:max(0, short)]:
        cents[fund] += 1
    return cents


def in_cents(portfolio: Portfolio, splits: dict[str, Split]) -> dict[str, Split]:
    """The split in whole cents, so that every table of it adds up to the same figures, with
    no fund's spend above what it has (its cap, plus what carries over when that is on).

    Each candidate's yearly spend is rounded to the cent and shared out by largest
    remainder; a cent that would take a fund over what it has is taken back from the parts
    that were rounded up.
    """
    cents: dict[str, dict[int, dict[str, int]]] = {}
    exact: dict[tuple[str, int, str], float] = {}
    for cid, by_year in splits.items():
        cents[cid] = {}
        for year, parts in by_year.items():
            total = int(round(sum(parts.values()) * 100))
            cents[cid][year] = _largest_remainder(parts, total)
            for fund, amount in parts.items():
                exact[(cid, year, fund)] = amount * 100
    _keep_within_caps(portfolio, cents, exact)
    return {cid: {year: {f: c / 100 for f, c in parts.items()} for year, parts in by_year.items()}
            for cid, by_year in cents.items()}


def _keep_within_caps(portfolio: Portfolio, cents: dict[str, dict[int, dict[str, int]]],
                      exact: dict[tuple[str, int, str], float]) -> None:
    carry = portfolio.settings.carry_over
    for fund in portfolio.funds:
        balance = 0
        for year in portfolio.fiscal_years:
            cap = int(math.floor(portfolio.capital_cap(year, fund) * 100 + 1e-6))
            balance = (balance if carry else 0) + cap
            holders = [cid for cid in sorted(cents) if fund in cents[cid].get(year, {})]
            balance -= sum(cents[cid][year][fund] for cid in holders)
            if balance >= 0:
                continue
            rounded_up = sorted(holders, key=lambda c: exact[(c, year, fund)]
                                - cents[c][year][fund])
            for cid in rounded_up:  # each was rounded up by under a cent, most first
                if balance >= 0:
                    break
                if cents[cid][year][fund] > 0:
                    cents[cid][year][fund] -= 1
                    balance += 1


def _hand_out(pots: list[list], members: list[str], chosen: Mapping[str, StartOption],
              year: int, splits: dict[str, Split]) -> None:
    """Fill candidates from the pots in order (north-west corner rule)."""
    index = 0
    for cid in members:
        need = chosen[cid].spend.get(year, 0.0)
        if need <= 0:
            continue
        parts: dict[str, float] = {}
        while need > 1e-9 and index < len(pots):
            fund, left = pots[index]
            take = min(need, left)
            if take > 0:
                parts[fund] = parts.get(fund, 0.0) + take
                pots[index][1] -= take
                need -= take
            if pots[index][1] <= 1e-9 * max(1.0, take):
                index += 1
        if need > 1e-9 and parts:  # rounding dust goes to the last fund used
            last = list(parts)[-1]
            parts[last] += need
        elif need > 1e-9:
            parts[pots[-1][0]] = need
        splits[cid][year] = parts
