"""Why the balance rules leave no plan, naming each rule (used by planner.plan.infeasibility).

- `rule_prechecks`: quick necessary conditions, before any solve: a count rule whose group
  has no candidate that can be funded, or two required candidates in an exactly-one group;
  required candidates whose unavoidable spend passes a maximum amount; a minimum amount the
  group could not spend even if every member were funded, or the budget does not hold.
- `slack_words`: in the elastic re-solve, a rule row that had to give, in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from planner.core.balance import BalanceRule, RuleKind, members, spend_in
from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.words import fy, money
from planner.plan.schedule import Window

if TYPE_CHECKING:
    from planner.plan.model import PlanModel

TOL = 1e-6
RULE_ROWS = ("balance", "at_least", "at_most")  # the model's row groups of the rules


def _listing(ids: list[str], limit: int = 6) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _when(years: tuple[int, ...], all_years: list[int]) -> str:
    return f"in {fy(years[0])}" if len(years) == 1 and len(all_years) > 1 else "over all years"


def _count_checks(portfolio: Portfolio, rule: BalanceRule, over: Overrides,
                  wins: Mapping[str, Window], required: list[str]) -> list[str]:
    group = sorted(members(portfolio, rule))
    possible = [c for c in group if c not in over.force_out and wins[c].options]
    if not group:
        return [f"the rule '{rule.name}' asks for {rule.kind.value} of {rule.group}, but no "
                "candidate has that value"]
    if not possible:
        return [f"the rule '{rule.name}' asks for {rule.kind.value} of {rule.group}, but none "
                f"of them ({_listing(group)}) can be funded: each is forced out or cannot be "
                "scheduled"]
    both = [c for c in required if c in group]
    if rule.kind is RuleKind.EXACTLY_ONE and len(both) > 1:
        return [f"the rule '{rule.name}' allows exactly one of {rule.group}, but "
                f"{' and '.join(both)} are all required"]
    return []


def _most_spend(wins: Mapping[str, Window], cid: str, years: tuple[int, ...]) -> float:
    return max((spend_in(o.spend.items(), years) for o in wins[cid].options), default=0.0)


def _least_spend(wins: Mapping[str, Window], cid: str, years: tuple[int, ...]) -> float:
    return min((spend_in(o.spend.items(), years) for o in wins[cid].options), default=0.0)


def _money_checks(portfolio: Portfolio, rule: BalanceRule, over: Overrides,
                  wins: Mapping[str, Window], required: list[str]) -> list[str]:
    group = members(portfolio, rule)
    all_years = portfolio.fiscal_years
    for years in rule.scopes(all_years):
        when = _when(years, all_years)
        limit = rule.limit or 0.0
        if rule.kind is RuleKind.MAX_AMOUNT:
            held = [c for c in required if c in group and _least_spend(wins, c, years) > 0]
            need = sum(_least_spend(wins, c, years) for c in held)
            if need > limit + 1.0:
                return [f"required candidates ({_listing(held)}) spend {money(need)} on "
                        f"{rule.group} {when}, above the rule '{rule.name}' limit of "
                        f"{money(limit)}"]
        if rule.kind is RuleKind.MIN_AMOUNT:
            open_ = [c for c in group if c not in over.force_out]
            most = sum(_most_spend(wins, c, years) for c in open_)
            last = max(years)
            budget_years = [y for y in all_years if y <= last] \
                if portfolio.settings.carry_over else list(years)
            held = sum(portfolio.capital_cap(y, f) for y in budget_years for f in portfolio.funds)
            if most < limit - 1.0:
                return [f"the rule '{rule.name}' needs {money(limit)} spent on {rule.group} "
                        f"{when}, but all its candidates together could spend only "
                        f"{money(most)} then"]
            if held < limit - 1.0:
                return [f"the rule '{rule.name}' needs {money(limit)} spent on {rule.group} "
                        f"{when}, but the budget holds only {money(held)}"]
    return []


def rule_prechecks(portfolio: Portfolio, over: Overrides, wins: Mapping[str, Window],
                   required: list[str]) -> list[str]:
    """Plain reasons, each naming its rule, that no plan can keep the balance rules."""
    reasons: list[str] = []
    for rule in portfolio.rules:
        check = _count_checks if rule.kind.is_count else _money_checks
        reasons += check(portfolio, rule, over, wins, required)
    return reasons


def slack_words(portfolio: Portfolio, kind: str, key: tuple, excess: float) -> str | None:
    """A relaxed rule row in words ('the rule 'X' would have to allow $1.2M more ...'),
    or None for a row that is not a rule's. `excess` is in dollars for a money rule."""
    if kind not in RULE_ROWS:
        return None
    rule = portfolio.rules[key[0]]
    if kind == "at_least":
        return (f"the rule '{rule.name}' ({rule.kind.value} of {rule.group}) cannot be kept "
                "with the other rules")
    if kind == "at_most":
        return f"the rule '{rule.name}' would have to allow {excess:.0f} more of {rule.group}"
    when = _when(key[1], portfolio.fiscal_years)
    if rule.kind.is_share and (rule.limit or 0.0) < 1:
        excess /= 1 - (rule.limit or 0.0)  # the group's own dollars that would mend it
    if rule.kind in (RuleKind.MAX_SHARE, RuleKind.MAX_AMOUNT):
        return (f"the rule '{rule.name}' would have to allow {money(excess)} more on "
                f"{rule.group} {when}")
    return (f"the rule '{rule.name}' falls short by {money(excess)} on {rule.group} "
            f"{when}")


def rule_slacks(model: PlanModel, x: np.ndarray) -> list[str]:
    """Every rule row the elastic solution had to relax, in words."""
    out = []
    for row, col in model.slack_cols.items():
        excess = float(x[col])
        if excess <= TOL:
            continue
        kind = model.row_kind[row]
        scale = model.money_scale if kind == "balance" else 1.0
        words = slack_words(model.portfolio, kind, model.row_key[row], excess * scale)
        if words:
            out.append(words)
    return out


def prefer_rules(model: PlanModel) -> np.ndarray:
    """The elastic objective with a rule's slack far cheaper than a budget's, so that the
    re-solve relaxes a balance rule before it asks for more money, staff or operating room
    (when the rules leave no plan, they are the cause to name)."""
    cost = np.array(model.cost, dtype=float)
    for row, col in model.slack_cols.items():
        if model.row_kind[row] in RULE_ROWS:
            cost[col] *= 1e-3
    return cost
