"""Small builders and an independent plan checker shared by the optimizer's tests.

The checker re-derives every hard rule from the portfolio itself (not from the optimizer's
ledger or model), so it catches a wrong formulation rather than repeating it.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.core.models import BudgetLine, Candidate, Portfolio, Settings
from planner.core.plans import Overrides, Plan

TOL = 1e-6


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


def violations(p: Portfolio, plan: Plan, overrides: Overrides | None = None,
               values: Mapping[str, float] | None = None) -> list[str]:
    """Every hard rule the plan breaks (empty when it keeps them all)."""
    over = overrides or Overrides()
    bad: list[str] = []
    years = p.fiscal_years
    funded = {item.candidate_id: item for item in plan.funded}
    for cid, item in funded.items():
        c = p.candidates[cid]
        if not (years[0] <= item.start_year <= item.end_year <= years[-1]):
            bad.append(f"{cid} outside the horizon")
        if c.earliest_start and item.start_year < c.earliest_start:
            bad.append(f"{cid} starts before its earliest start")
        if c.must_finish_by and item.end_year > c.must_finish_by:
            bad.append(f"{cid} misses its deadline")
        by_year = {y: sum(f.values()) for y, f in item.spend.items()}
        if c.spend_profile:
            expected = dict(c.spend_profile)
        else:
            d = c.duration_years
            if item.end_year - item.start_year + 1 != d:
                bad.append(f"{cid} runs the wrong number of years")
            expected = {item.start_year + k: c.one_time_cost / d for k in range(d)}
        for y in set(expected) | set(by_year):
            if abs(expected.get(y, 0.0) - by_year.get(y, 0.0)) > TOL * max(1, c.one_time_cost):
                bad.append(f"{cid} spends {by_year.get(y, 0)} in {y}, not {expected.get(y, 0)}")
        eligible = set(p.eligible_funds(cid))
        for by_fund in item.spend.values():
            for fund, amount in by_fund.items():
                if amount < -TOL or (amount > TOL and fund not in eligible):
                    bad.append(f"{cid} draws {amount} on ineligible fund {fund}")
        for req in c.requires:
            if req not in funded:
                bad.append(f"{cid} funded without its prerequisite {req}")
            elif funded[req].end_year >= item.start_year:
                bad.append(f"{cid} starts before its prerequisite {req} finishes")
    for fund in p.funds:
        spent = cap = 0.0
        for y in years:
            used = sum(i.spend.get(y, {}).get(fund, 0.0) for i in funded.values())
            spent = spent + used if p.settings.carry_over else used
            cap = cap + p.capital_cap(y, fund) if p.settings.carry_over else p.capital_cap(y, fund)
            if spent > cap + TOL * max(1.0, cap):
                bad.append(f"{fund} over its cap in {y}: {spent} > {cap}")
    for y in years:
        capacity = p.staff_capacity(y)
        running = sum(p.candidates[c].staff_fte or 0 for c, i in funded.items()
                      if i.start_year <= y <= i.end_year)
        if capacity is not None and running > capacity + TOL:
            bad.append(f"staff over capacity in {y}")
    room = 0.0
    for y in years:
        room += p.operating_cap(y) or 0.0
        if p.operating_cap(y) is None:
            continue
        live = sum(p.candidates[c].annual_operating_cost or 0 for c, i in funded.items()
                   if i.end_year <= y)
        if live > room + TOL * max(1.0, room):
            bad.append(f"new operating cost over the allowed increase by {y}")
    for label, members in p.alternative_groups.items():
        if sum(m in funded for m in members) > 1:
            bad.append(f"more than one of alternative group {label}")
    required = {c for c, x in p.candidates.items() if x.mandatory} | set(over.force_in) | \
        set(over.pin_start)
    for cid in required:
        if cid not in funded:
            bad.append(f"required {cid} not funded")
    for cid, year in over.pin_start.items():
        if cid in funded and funded[cid].start_year != year:
            bad.append(f"{cid} not at its pinned start")
    for cid in over.force_out:
        if cid in funded:
            bad.append(f"forced-out {cid} funded")
    if values is not None and not p.settings.time_weighting:
        total = sum(values.get(c, 0.0) for c in funded)
        if abs(total - plan.objective) > 1e-6 * max(1.0, abs(total)):
            bad.append(f"objective {plan.objective} is not the funded value {total}")
    return bad
