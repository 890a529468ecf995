"""The two ways cities choose without an optimizer, returning the same Plan shape.

- rank_and_cut: fund candidates in order of value until the money runs out (the spreadsheet
  method), each at its earliest start year that still fits, skipping any that do not.
- greedy: the same, in order of value per dollar of one-time cost.

Both respect every hard constraint the optimizer does (caps per year and fund with
eligibility and carry-over, staff, operating increase, deadlines, dependencies, either/or
groups, overrides). Mandatory, forced-in and pinned candidates, and the prerequisites they
need, are placed first. A candidate skipped only because its prerequisite was not yet funded
is tried again right after that prerequisite is funded.

Balance rules: a maximum amount or an exactly-one rule is kept as candidates are placed; for
the share rules the lowest-ranked projects that break one are trimmed and the room filled
again without them (a few rounds). A baseline that still breaks a rule, or misses a minimum,
is reported infeasible with the rule's name.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from planner.core.models import Portfolio
from planner.core.plans import FundedItem, Overrides, Plan, PlanStatus
from planner.plan.allocation import allocate, restricted_use
from planner.plan.ledger import Ledger
from planner.plan.reasons import explain_unfunded
from planner.plan.rules import broken_rules, keeps_limits, trim_to_rules
from planner.plan.schedule import StartOption, Window, option_weight, required_ids, windows
from planner.plan.values_input import check_overrides, clean_values

LABELS = {"rank_and_cut": "Rank and cut", "greedy": "Value-per-dollar greedy"}
TRIM_ROUNDS = 5  # fill-and-trim rounds to meet the share rules (planner.plan.rules)


def total_cost(portfolio: Portfolio, cid: str) -> float:
    """A candidate's whole one-time cost (its fixed profile's sum when it has one)."""
    cand = portfolio.candidates[cid]
    return sum(cand.spend_profile.values()) if cand.spend_profile else cand.one_time_cost


def plan_objective(portfolio: Portfolio, values: Mapping[str, float],
                   chosen: Mapping[str, StartOption]) -> float:
    """The optimizer's objective for any set of scheduled candidates."""
    years, settings = portfolio.fiscal_years, portfolio.settings
    return float(sum(values.get(cid, 0.0) * option_weight(o, years, settings)
                     for cid, o in chosen.items()))


def funded_items(portfolio: Portfolio, values: Mapping[str, float],
                 chosen: Mapping[str, StartOption]) -> tuple[FundedItem, ...]:
    """Funded items with their fund split, ordered by start year then id."""
    splits = allocate(portfolio, chosen)
    order = sorted(chosen, key=lambda cid: (chosen[cid].start, cid))
    return tuple(FundedItem(cid, chosen[cid].start, chosen[cid].end, splits[cid],
                            float(values.get(cid, 0.0)),
                            escalation=_escalation(portfolio, cid, chosen[cid]),
                            restricted_funds=restricted_use(portfolio, cid, splits[cid]))
                 for cid in order)


def _escalation(portfolio: Portfolio, cid: str, option: StartOption) -> float:
    """Dollars the schedule's spend adds to the estimate through cost escalation."""
    cand = portfolio.candidates[cid]
    if cand.spend_profile:
        return 0.0  # already in each year's dollars
    return round(max(0.0, sum(option.spend.values()) - cand.one_time_cost), 2)


def required_closure(portfolio: Portfolio, overrides: Overrides) -> list[str]:
    """Required candidates and every prerequisite they need, prerequisites first."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(cid: str) -> None:
        if cid in seen or cid not in portfolio.candidates:
            return
        seen.add(cid)
        for req in portfolio.candidates[cid].requires:
            visit(req)
        order.append(cid)

    for cid in sorted(required_ids(portfolio, overrides)):
        visit(cid)
    return order


class _Builder:
    """Places candidates one at a time into a ledger, keeping every hard rule."""

    def __init__(self, portfolio: Portfolio, wins: dict[str, Window], over: Overrides,
                 prefer: Mapping[str, int] | None = None) -> None:
        self.prefer = prefer or {}  # a start year to try first, where one is given
        self.portfolio = portfolio
        self.wins = wins
        self.over = over
        self.ledger = Ledger(portfolio)
        self.chosen: dict[str, StartOption] = {}
        self.taken_groups: set[str] = set()
        self.waiting: dict[str, list[str]] = {}  # prerequisite -> dependents skipped for it
        self.groups = portfolio.alternative_groups

    def place(self, cid: str) -> bool:
        """Fund the candidate at its earliest start that fits; False when none does."""
        cand = self.portfolio.candidates[cid]
        if cid in self.chosen or cid in self.over.force_out:
            return cid in self.chosen
        group = cand.alternative_group if cand.alternative_group in self.groups else None
        if group in self.taken_groups:
            return False
        missing = [r for r in cand.requires if r not in self.chosen]
        if missing:
            for req in missing:
                self.waiting.setdefault(req, []).append(cid)
            return False
        after = max((self.chosen[r].end for r in cand.requires), default=-math.inf)
        options = self.wins[cid].options
        if cid in self.prefer:  # the preferred start first, then the others earliest first
            options = sorted(options, key=lambda o: o.start != self.prefer[cid])
        for option in options:
            if option.start > after and self.ledger.fits(cid, option) and \
                    keeps_limits(self.portfolio, self.chosen, cid, option):
                self.ledger.add(cid, option)
                self.chosen[cid] = option
                if group:
                    self.taken_groups.add(group)
                for dependent in self.waiting.pop(cid, []):
                    self.place(dependent)
                return True
        return False


def _fill(portfolio: Portfolio, wins: dict[str, Window], over: Overrides,
          key: Callable[[str], tuple], left_out: set[str],
          prefer: Mapping[str, int] | None = None) -> tuple[list[str], dict[str, StartOption]]:
    """Required candidates first, then the rest in rank order (but those left out)."""
    builder = _Builder(portfolio, wins, Overrides(over.force_in, over.force_out | left_out,
                                                  over.pin_start), prefer)
    failed = [cid for cid in required_closure(portfolio, over) if not builder.place(cid)]
    builder.waiting.clear()  # waiting dependents of required ones are tried in rank order
    for cid in sorted(portfolio.candidates, key=key):
        builder.place(cid)
    return failed, builder.chosen


@dataclass(frozen=True)
class Choice:
    """What a baseline funds: its schedule, the required candidates it could not place and
    the balance rules it still breaks (either one makes it infeasible)."""

    chosen: dict[str, StartOption]
    failed: list[str]
    broken: list[str]

    @property
    def feasible(self) -> bool:
        return not self.failed and not self.broken


def _choose(portfolio: Portfolio, wins: dict[str, Window], over: Overrides,
            key: Callable[[str], tuple], prefer: Mapping[str, int] | None = None) -> Choice:
    required = set(required_closure(portfolio, over))
    dropped: set[str] = set()
    for _ in range(TRIM_ROUNDS if portfolio.rules else 1):
        # fill in rank order, trim to the share rules, then fill the room again without
        # the projects trimmed
        failed, placed = _fill(portfolio, wins, over, key, dropped, prefer)
        chosen = trim_to_rules(portfolio, placed, required, key)
        if len(chosen) == len(placed):
            break
        dropped |= set(placed) - set(chosen)
    return Choice(chosen, failed, broken_rules(portfolio, chosen))


def _message(name: str, choice: Choice) -> tuple[PlanStatus, str]:
    label = LABELS[name]
    if choice.failed:
        return PlanStatus.INFEASIBLE, (
            f"{label} could not fit every required candidate (mandatory, forced in or "
            f"pinned, and their prerequisites): {', '.join(choice.failed)} left out.")
    if choice.broken:
        names = ", ".join(f"'{rule}'" for rule in choice.broken)
        return PlanStatus.INFEASIBLE, (
            f"{label} could not keep the rule{'s' if len(choice.broken) > 1 else ''} "
            f"{names}: funding in rank order and then dropping the lowest-ranked "
            "projects did not meet it.")
    order = "value" if name == "rank_and_cut" else "value per dollar"
    return PlanStatus.HEURISTIC, (
        f"{label}: candidates funded in order of {order} until the money ran out, "
        f"each at its earliest start year that fits. No optimality bound.")


def _keys(portfolio: Portfolio, vals: Mapping[str, float]) -> dict[str, Callable[[str], tuple]]:
    """The order each baseline funds in: by value; by value per dollar (free ones first)."""

    def ratio(cid: str) -> tuple:
        cost = total_cost(portfolio, cid)
        value = vals.get(cid, 0.0)
        return (-(value / cost) if cost > 0 else (-math.inf if value > 0 else 0.0),
                -value, cid)

    return {"rank_and_cut": lambda cid: (-vals.get(cid, 0.0), cid), "greedy": ratio}


def baseline_choice(name: str, portfolio: Portfolio, values: Mapping[str, float], *,
                    overrides: Overrides | None = None,
                    wins: dict[str, Window] | None = None) -> Choice:
    """What baseline `name` ("rank_and_cut" or "greedy") funds, without the reasons and the
    fund split of its Plan (the frontier needs only its schedule and value). `wins`, the
    start windows, may be passed when they are already known (they do not depend on the caps).
    """
    over = overrides or Overrides()
    vals = clean_values(portfolio, values)
    wins = wins if wins is not None else windows(portfolio, over)
    return _choose(portfolio, wins, over, _keys(portfolio, vals)[name])


def refill_choice(portfolio: Portfolio, values: Mapping[str, float], keep: Mapping[str, int],
                  *, overrides: Overrides | None = None,
                  wins: dict[str, Window] | None = None) -> Choice:
    """Greedy with the candidates of `keep` ({candidate: start year}) placed first, each at
    that start when it fits: a plan for another budget (the frontier's neighbouring point)
    adapted to this one, what still fits kept and the room left filled by value per dollar."""
    over = overrides or Overrides()
    vals = clean_values(portfolio, values)
    wins = wins if wins is not None else windows(portfolio, over)
    ratio = _keys(portfolio, vals)["greedy"]
    kept = set(keep)
    return _choose(portfolio, wins, over, lambda cid: (cid not in kept, *ratio(cid)), keep)


def _baseline(name: str, portfolio: Portfolio, values: Mapping[str, float],
              overrides: Overrides | None) -> Plan:
    began = time.perf_counter()
    over = overrides or Overrides()
    check_overrides(portfolio, over)
    vals = clean_values(portfolio, values)
    wins = windows(portfolio, over)
    choice = _choose(portfolio, wins, over, _keys(portfolio, vals)[name])
    chosen = choice.chosen
    status, message = _message(name, choice)
    return Plan(
        name=name, status=status, objective=plan_objective(portfolio, vals, chosen),
        funded=funded_items(portfolio, vals, chosen),
        unfunded=explain_unfunded(portfolio, chosen, wins, over, vals),
        seconds=time.perf_counter() - began, message=message,
        reasons=tuple(f"{cid} could not be placed" for cid in choice.failed)
        + tuple(f"the rule '{rule}' is not kept" for rule in choice.broken),
    )


def rank_and_cut(portfolio: Portfolio, values: Mapping[str, float], *,
                 overrides: Overrides | None = None) -> Plan:
    """Fund in order of value until the money runs out (how cities do it today)."""
    return _baseline("rank_and_cut", portfolio, values, overrides)


def greedy(portfolio: Portfolio, values: Mapping[str, float], *,
           overrides: Overrides | None = None) -> Plan:
    """Fund in order of value per dollar of one-time cost (free candidates first)."""
    return _baseline("greedy", portfolio, values, overrides)
