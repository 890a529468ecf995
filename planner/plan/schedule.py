"""When each candidate could run: its feasible start years and the spend each start implies.

Shared by the optimizer's model, the baselines, the reasons and the infeasibility checks, so
that all of them agree on what "can be scheduled" means:

- A candidate with explicit cost_FY columns has exactly one option: its own schedule.
- Any other candidate spreads one_time_cost evenly over `duration_years` consecutive years,
  each year's share raised by the cost escalation (planner.plan.timing).
- Every option lies inside the planning horizon (no budget is known beyond it), starts no
  earlier than earliest_start and finishes no later than must_finish_by.
- A pinned start (an override) allows only that start and implies the candidate is funded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.core.words import fy
from planner.plan.timing import escalation_factor, schedule_weight, value_weight


@dataclass(frozen=True)
class StartOption:
    """One way to schedule a candidate: first and last fiscal year, and spend per year."""

    start: int
    end: int
    spend: dict[int, float]

    def runs_in(self, year: int) -> bool:
        """True when the candidate is under way (using IT staff) in that fiscal year."""
        return self.start <= year <= self.end


@dataclass(frozen=True)
class Window:
    """A candidate's feasible start options, or in plain words why it has none."""

    candidate_id: str
    options: tuple[StartOption, ...]
    problem: str | None = None
    code: ReasonCode | None = None  # deadline, horizon, pin or funds when options is empty

    def option_at(self, start: int) -> StartOption | None:
        """The option starting in that year, if any."""
        return next((o for o in self.options if o.start == start), None)


def _fixed(portfolio: Portfolio, cid: str, pin: int | None) -> Window:
    cand = portfolio.candidates[cid]
    years = portfolio.fiscal_years
    start, end = min(cand.spend_profile), max(cand.spend_profile)
    problem = code = None
    if start < years[0]:
        problem, code = (f"its fixed schedule starts in {fy(start)}, before the plan's first "
                         f"year {fy(years[0])}"), ReasonCode.HORIZON
    elif end > years[-1]:
        problem, code = (f"its fixed schedule runs to {fy(end)}, past the plan's last year "
                         f"{fy(years[-1])}"), ReasonCode.HORIZON
    elif cand.earliest_start and start < cand.earliest_start:
        problem, code = (f"its fixed schedule starts in {fy(start)}, before its earliest start "
                         f"{fy(cand.earliest_start)}"), ReasonCode.DEADLINE
    elif cand.must_finish_by and end > cand.must_finish_by:
        problem, code = (f"its fixed schedule finishes in {fy(end)}, after its must-finish-by "
                         f"year {fy(cand.must_finish_by)}"), ReasonCode.DEADLINE
    elif pin is not None and pin != start:
        problem, code = (f"it is pinned to start in {fy(pin)}, but its fixed schedule starts "
                         f"in {fy(start)}"), ReasonCode.PIN
    if problem:
        return Window(cid, (), problem, code)
    return Window(cid, (StartOption(start, end, dict(cand.spend_profile)),))


def _flexible(portfolio: Portfolio, cid: str, pin: int | None) -> Window:
    cand = portfolio.candidates[cid]
    years = portfolio.fiscal_years
    duration = cand.duration_years
    lo = max(years[0], cand.earliest_start or years[0])
    finish = min(years[-1], cand.must_finish_by or years[-1])
    hi = finish - duration + 1
    span = f"it takes {duration} year{'s' if duration > 1 else ''}"
    if lo > hi:
        if cand.earliest_start and cand.earliest_start > years[-1]:
            return Window(cid, (), f"its earliest start {fy(cand.earliest_start)} is after the "
                          f"plan's last year {fy(years[-1])}", ReasonCode.HORIZON)
        if cand.must_finish_by and cand.must_finish_by <= years[-1]:
            return Window(cid, (), f"{span}, so starting no earlier than {fy(lo)} it cannot "
                          f"finish by its must-finish-by year {fy(cand.must_finish_by)}",
                          ReasonCode.DEADLINE)
        return Window(cid, (), f"{span}, so starting no earlier than {fy(lo)} it would run "
                      f"past the plan's last year {fy(years[-1])}", ReasonCode.HORIZON)
    if pin is not None:
        if not lo <= pin <= hi:
            return Window(cid, (), f"it is pinned to start in {fy(pin)}, but {span} and it can "
                          f"only start between {fy(lo)} and {fy(hi)}", ReasonCode.PIN)
        lo = hi = pin
    per_year = cand.one_time_cost / duration
    settings = portfolio.settings
    options = tuple(
        StartOption(s, s + duration - 1,
                    {s + k: per_year * escalation_factor(s + k, years, settings)
                     for k in range(duration)})
        for s in range(lo, hi + 1)
    )
    return Window(cid, options)


def eligible_funds_of(portfolio: Portfolio) -> dict[str, list[str]]:
    """Every candidate's eligible funds (`Portfolio.eligible_funds`), asked once per distinct
    funding_sources list instead of once per candidate: each answer reads the whole Budget."""
    by_sources: dict[tuple[str, ...], list[str]] = {}
    found: dict[str, list[str]] = {}
    for cid, cand in portfolio.candidates.items():
        key = tuple(cand.funding_sources)
        if key not in by_sources:
            by_sources[key] = portfolio.eligible_funds(cid)
        found[cid] = by_sources[key]
    return found


def window(portfolio: Portfolio, cid: str, overrides: Overrides | None = None, *,
           funds: list[str] | None = None) -> Window:
    """The feasible start options of one candidate (before budget and dependencies);
    `funds`, its eligible funds when already known."""
    pin = overrides.pin_start.get(cid) if overrides else None
    if not portfolio.fiscal_years:
        return Window(cid, (), "the plan has no fiscal years (no Budget given)", ReasonCode.HORIZON)
    cand = portfolio.candidates[cid]
    if cand.one_time_cost > 0 or cand.spend_profile:
        funds = portfolio.eligible_funds(cid) if funds is None else funds
        if not funds and not cand.funding_sources:
            restricted = ", ".join(portfolio.restricted_funds)
            return Window(cid, (), f"its funding_sources is blank, so it may use only "
                          f"unrestricted money, but every fund in the budget is restricted "
                          f"({restricted}) to candidates that name it", ReasonCode.FUNDS)
        if not funds:
            listed = ", ".join(cand.funding_sources)
            return Window(cid, (), f"none of its funding sources ({listed}) is in the budget",
                          ReasonCode.FUNDS)
    return _fixed(portfolio, cid, pin) if cand.has_fixed_schedule else \
        _flexible(portfolio, cid, pin)


def windows(portfolio: Portfolio, overrides: Overrides | None = None) -> dict[str, Window]:
    """Every candidate's window, keyed by id."""
    eligible = eligible_funds_of(portfolio)
    return {cid: window(portfolio, cid, overrides, funds=eligible[cid])
            for cid in portfolio.candidates}


def required_ids(portfolio: Portfolio, overrides: Overrides | None = None) -> set[str]:
    """Candidates that must be funded: mandatory, forced in or pinned (not prerequisites)."""
    over = overrides or Overrides()
    ids = {cid for cid, c in portfolio.candidates.items() if c.mandatory}
    return ids | set(over.force_in) | set(over.pin_start)


def time_weight(option: StartOption, years: list[int]) -> float:
    """Share of the horizon the candidate is in service: (last year - end + 1) / horizon."""
    return (years[-1] - option.end + 1) / len(years)


def option_weight(option: StartOption, years: list[int], settings: Any) -> float:
    """The weight of a candidate's value captured on this schedule (planner.plan.timing)."""
    return value_weight(option.end, years, settings)


def option_discount(option: StartOption, years: list[int], settings: Any) -> float:
    """The delivery discount of this schedule, which orders the funded set's schedules."""
    return schedule_weight(option.end, years, settings)


def earliest_finish(portfolio: Portfolio, wins: dict[str, Window]) -> dict[str, int | None]:
    """Each candidate's earliest possible last year after its prerequisites (None: never)."""
    memo: dict[str, int | None] = {}

    def visit(cid: str, path: frozenset[str]) -> int | None:
        if cid in memo:
            return memo[cid]
        if cid not in portfolio.candidates or cid in path:
            return None  # unknown prerequisite, or a cycle of requirements
        after = -1
        for req in portfolio.candidates[cid].requires:
            end = visit(req, path | {cid})
            if end is None:
                memo[cid] = None
                return None
            after = max(after, end)
        ends = [o.end for o in wins[cid].options if o.start > after]
        memo[cid] = min(ends) if ends else None
        return memo[cid]

    for cid in portfolio.candidates:
        visit(cid, frozenset())
    return memo


def prerequisite_chain(portfolio: Portfolio, cid: str) -> list[str]:
    """Every candidate `cid` needs, directly or through others, nearest first."""
    order: list[str] = []
    frontier = list(portfolio.candidates[cid].requires)
    while frontier:
        req = frontier.pop(0)
        if req in order or req == cid:
            continue
        order.append(req)
        if req in portfolio.candidates:
            frontier.extend(portfolio.candidates[req].requires)
    return order
