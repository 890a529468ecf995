"""Why no plan exists, in plain words.

`optimize` never raises for an infeasible portfolio: it returns a Plan whose status is
infeasible, with a message and `reasons`. Callers that prefer an exception call
`plan.raise_if_infeasible()`, which raises planner.errors.InfeasiblePlanError.

Two stages:
1. `precheck`: simple necessary conditions on the required candidates (mandatory, forced in,
   pinned, and every prerequisite they need), each a sentence naming the rule: conflicting
   overrides, prerequisites forced out or missing, schedules that cannot meet a deadline,
   prerequisites that cannot finish before a pinned start, required either/or pairs, and
   money, staff or operating room that the unavoidable spend already exceeds.
2. `diagnose` (only when the model is infeasible and the precheck found nothing): solve an
   elastic copy whose capital, staff and operating rows may be exceeded at a cost; the
   smallest excess names the years and funds that are short. If even that is infeasible, a
   deletion filter over the required candidates finds a smallest set that cannot hold
   together. Each solve stops at a number of branch-and-bound nodes (`DIAGNOSE_NODES`,
   `CONFLICT_NODES`), not at a time, so the same portfolio gets the same reasons every run.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.words import fy, money
from planner.plan.baselines import required_closure
from planner.plan.ledger import Ledger
from planner.plan.model import build_model
from planner.plan.rule_checks import prefer_rules, rule_prechecks, rule_slacks
from planner.plan.schedule import Window, earliest_finish, prerequisite_chain, required_ids
from planner.plan.solver import NO_LIMIT_S, Outcome, Solver

TOL = 1e-6
DIAGNOSE_NODES = 2_000  # the elastic solve's work limit (branch-and-bound nodes)
CONFLICT_NODES = 500  # each deletion-filter trial's work limit


def _why(portfolio: Portfolio, over: Overrides, cid: str) -> str:
    if cid in over.pin_start:
        return f"pinned to start in {fy(over.pin_start[cid])}"
    if cid in over.force_in:
        return "forced in"
    if portfolio.candidates[cid].mandatory:
        return "mandatory"
    return "a prerequisite of a required candidate"


def _listing(ids: list[str], limit: int = 6) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _logic_checks(portfolio: Portfolio, over: Overrides, wins: Mapping[str, Window],
                  closure: list[str]) -> list[str]:
    reasons = []
    for cid in sorted(required_ids(portfolio, over) & set(over.force_out)):
        reasons.append(f"{cid} is {_why(portfolio, over, cid)} but also forced out")
    for cid in closure:
        why = _why(portfolio, over, cid)
        for req in portfolio.candidates[cid].requires:
            if req not in portfolio.candidates:
                reasons.append(f"{cid} ({why}) requires {req}, which is not among the "
                               "candidates")
            elif req in over.force_out:
                reasons.append(f"{cid} ({why}) requires {req}, which is forced out")
        if not wins[cid].options:
            reasons.append(f"{cid} ({why}) cannot be scheduled: {wins[cid].problem}")
    finish = earliest_finish(portfolio, dict(wins))
    for cid in closure:
        a_opts = wins[cid].options
        if not a_opts or finish.get(cid) is not None:
            continue
        latest = max(o.start for o in a_opts)
        for req in portfolio.candidates[cid].requires:
            end = finish.get(req)
            if req not in portfolio.candidates or req in over.force_out or \
                    not (req in wins and wins[req].options):
                continue  # reported above
            if end is None:
                chain = ", ".join(prerequisite_chain(portfolio, req))
                reasons.append(f"{cid} ({_why(portfolio, over, cid)}) requires {req}, whose "
                               f"own prerequisites ({chain}) cannot finish in time")
            elif end >= latest:
                if cid in over.pin_start:
                    reasons.append(f"{cid} is pinned to start in {fy(latest)}, but its "
                                   f"prerequisite {req} finishes in {fy(end)} at the earliest")
                else:
                    reasons.append(f"{cid} ({_why(portfolio, over, cid)}) must start by "
                                   f"{fy(latest)} to finish in time, but its prerequisite "
                                   f"{req} finishes in {fy(end)} at the earliest")
    groups: dict[str, list[str]] = {}
    for cid in closure:
        group = portfolio.candidates[cid].alternative_group
        if group in portfolio.alternative_groups:
            groups.setdefault(group, []).append(cid)
    for group, ids in groups.items():
        if len(ids) > 1:
            reasons.append(f"{' and '.join(ids)} are either/or alternatives (group '{group}') "
                           "but all are required")
    return reasons


def _forced_spend(wins: Mapping[str, Window], cid: str) -> dict[int, float]:
    """Spend every schedule of the candidate makes in each year (the unavoidable part)."""
    options = wins[cid].options
    if not options:
        return {}
    years = set.intersection(*(set(o.spend) for o in options))
    return {y: min(o.spend[y] for o in options) for y in sorted(years)
            if min(o.spend[y] for o in options) > 0}


def _capacity_checks(portfolio: Portfolio, wins: Mapping[str, Window],
                     closure: list[str]) -> list[str]:
    reasons = []
    ledger = Ledger(portfolio)
    placed = [cid for cid in closure if wins[cid].options]
    for cid in placed:
        ledger.add_spend(cid, _forced_spend(wins, cid))
    named: list[set[str]] = []
    for cut, deficit in ledger.violated_cuts():
        supply = ledger.cut_supply(cut)
        funds = [f for f, t in zip(ledger.funds, cut.last, strict=True) if t >= 0]
        year = ledger.years[max(cut.last)]
        who = [cid for cid in placed if any(ledger.cut_covers(cut, cid, y)
                                            for y in _forced_spend(wins, cid))]
        if any(set(who) <= earlier for earlier in named) or len(named) >= 3:
            continue  # the worst shortfall of these candidates is already said
        named.append(set(who))
        when = f"through {fy(year)}" if ledger.carry_cuts else f"in {fy(year)}"
        reasons.append(f"required candidates ({_listing(who)}) need {money(supply + deficit)} "
                       f"{when} but all their eligible funds ({', '.join(funds)}) hold "
                       f"{money(supply)}")
    years = portfolio.fiscal_years
    for year in years:
        capacity = portfolio.staff_capacity(year)
        running = [cid for cid in placed
                   if all(o.runs_in(year) for o in wins[cid].options)]
        need = sum(portfolio.candidates[c].staff_fte or 0.0 for c in running)
        if capacity is not None and need > capacity + TOL:
            reasons.append(f"required candidates ({_listing(running)}) need {need:g} IT staff "
                           f"FTE in {fy(year)} but only {capacity:g} are available")
    room = 0.0
    for year in years:
        cap = portfolio.operating_cap(year)
        room += cap or 0.0
        if cap is None:
            continue
        live = [cid for cid in placed if max(o.end for o in wins[cid].options) <= year]
        need = sum(portfolio.candidates[c].annual_operating_cost or 0.0 for c in live)
        if need > room + TOL:
            reasons.append(f"required candidates ({_listing(live)}) add {money(need)} a year "
                           f"of operating cost by {fy(year)}, but the operating increase "
                           f"allowed through {fy(year)} is {money(room)}")
            break
    return reasons


def precheck(portfolio: Portfolio, overrides: Overrides | None,
             wins: Mapping[str, Window]) -> list[str]:
    """Plain-language reasons no plan can exist, from simple necessary conditions."""
    over = overrides or Overrides()
    closure = required_closure(portfolio, over)
    reasons = _logic_checks(portfolio, over, wins, closure)
    reasons += rule_prechecks(portfolio, over, wins, closure)
    if reasons:
        return reasons
    return _capacity_checks(portfolio, wins, closure)


def _slack_reasons(model, x: np.ndarray) -> list[str]:
    reasons = []
    for row, col in model.slack_cols.items():
        excess = float(x[col])
        if excess <= TOL:
            continue
        kind, key = model.row_kind[row], model.row_key[row]
        if kind not in ("capital", "staff", "operating"):
            continue  # a balance rule's row: planner.plan.rule_checks words it
        if kind == "capital":
            reasons.append(f"{money(excess * model.money_scale)} more in {fy(key[0])} "
                           f"in {key[1]}")
        elif kind == "staff":
            reasons.append(f"{excess:.3g} more IT staff FTE in {fy(key[0])}")
        else:
            reasons.append(f"{money(excess * model.op_scale)} more operating increase "
                           f"allowed by {fy(key[0])}")
    return reasons


def room_needed(portfolio: Portfolio, values: Mapping[str, float], overrides: Overrides,
                wins: dict[str, Window], time_limit: float, nodes: int | None = None
                ) -> list[str] | None:
    """The smallest extra capital, staff or operating room that makes the requirements fit.

    None when even unlimited room would not help (a logical conflict) or no room was found
    within the limits; `nodes` caps the branch-and-bound nodes (a work limit: the same answer
    in every run), after which the least room found is given.
    """
    model = build_model(portfolio, values, overrides, elastic=True, wins=wins)
    result = Solver(model).solve(time_limit, 0.0, nodes=nodes)
    if result.outcome is Outcome.INFEASIBLE or result.x is None:
        return None
    return _slack_reasons(model, result.x) + rule_slacks(model, result.x)


def diagnose(portfolio: Portfolio, values: Mapping[str, float], overrides: Overrides | None,
             wins: dict[str, Window], time_limit: float = NO_LIMIT_S) -> list[str]:
    """Isolate the cause of an infeasible model by relaxing groups of constraints.

    Solves stop at their node limits; `time_limit` (seconds per solve, none by default) is
    for interactive use, where the reasons may then depend on timing."""
    over = overrides or Overrides()
    model = build_model(portfolio, values, over, elastic=True, wins=wins)
    solver = Solver(model)
    if portfolio.rules:
        solver.set_costs(prefer_rules(model))
    first = solver.solve(time_limit, 0.0, nodes=DIAGNOSE_NODES)
    if first.outcome is not Outcome.INFEASIBLE and first.x is not None:
        needs = _slack_reasons(model, first.x)
        ruled = rule_slacks(model, first.x)
        if ruled:
            more = f"; and the budget would need: {'; '.join(needs)}" if needs else ""
            return ["the balance rules cannot all be kept together with the other rules: "
                    + "; ".join(ruled) + more]
        if needs:
            return ["the required candidates (mandatory, forced in or pinned) and their "
                    "prerequisites do not fit together in any schedule; the smallest "
                    "addition that makes room is: " + "; ".join(needs)]
        return ["no plan was found, but no single constraint group could be blamed"]
    if first.outcome is not Outcome.INFEASIBLE:
        return ["no plan was found within the solver's work limit, and the cause could not "
                "be isolated within it"]
    # a logical conflict: keep only the requirements needed to stay infeasible
    required = sorted(cid for cid in required_ids(portfolio, over) if cid in model.assign_row)
    conflict = list(required)
    for cid in required:
        row = model.assign_row[cid]
        solver.set_row_bounds(row, 0.0, 1.0)
        trial = solver.solve(time_limit, 0.0, nodes=CONFLICT_NODES)
        if trial.outcome is Outcome.INFEASIBLE:
            conflict.remove(cid)
        else:
            solver.set_row_bounds(row, 1.0, 1.0)
    if not conflict:
        return ["the dependencies and either/or groups cannot all be satisfied together"]
    listed = "; ".join(f"{cid} ({_why(portfolio, over, cid)})" for cid in conflict)
    return [f"these requirements cannot all hold together, because of their prerequisites' "
            f"timing or either/or groups: {listed}"]
