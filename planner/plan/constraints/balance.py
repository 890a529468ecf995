"""Balance rules on money: a group's share or amount of the plan's capital (the Rules sheet).

A group is the candidates with one value in one column (`planner.core.balance.members`).
One "balance" row per rule and scope (a fiscal year, each year, or the whole horizon), all
written as "<= " rows so that an elastic slack relaxes each the same way:

- max share s:  sum over starts of (member - s) x spend in scope <= 0
- min share s:  sum over starts of (s - member) x spend in scope <= 0
- max amount L: sum over members' starts of spend in scope <= L
- min amount L: - sum over members' starts of spend in scope <= -L

Both share rows are linear: group spend compared with s x all spend. A plan that spends
nothing in a scope keeps a minimum share there trivially (0 >= s x 0). Spend is divided by
the budget's `money_scale`, as the capital rows are.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.core.balance import BalanceRule, RuleKind, members, spend_in
from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints.base import INF, TOL, ConstraintKind, Draft, Entries, Funded
from planner.plan.schedule import StartOption

MONEY_KINDS = (RuleKind.MIN_SHARE, RuleKind.MAX_SHARE, RuleKind.MIN_AMOUNT, RuleKind.MAX_AMOUNT)


def money_rules(portfolio: Portfolio) -> list[BalanceRule]:
    """The portfolio's rules on shares and amounts of capital."""
    return [r for r in portfolio.rules if r.kind in MONEY_KINDS]


def coefficient(rule: BalanceRule, member: bool, spend: float) -> float:
    """A start's coefficient in the rule's "<=" row, for its spend in the rule's scope."""
    inside = 1.0 if member else 0.0
    return {RuleKind.MAX_SHARE: inside - (rule.limit or 0.0),
            RuleKind.MIN_SHARE: (rule.limit or 0.0) - inside,
            RuleKind.MAX_AMOUNT: inside,
            RuleKind.MIN_AMOUNT: -inside}[rule.kind] * spend


def right_side(rule: BalanceRule) -> float:
    """The dollars on the right of the rule's "<=" row."""
    if rule.kind is RuleKind.MAX_AMOUNT:
        return rule.limit or 0.0
    return -(rule.limit or 0.0) if rule.kind is RuleKind.MIN_AMOUNT else 0.0


def add_rows(draft: Draft) -> None:
    """One balance row per money rule and scope; key (rule index, years of the scope)."""
    portfolio, scale = draft.portfolio, draft.money_scale
    for index, rule in enumerate(portfolio.rules):
        if rule.kind not in MONEY_KINDS:
            continue
        group = members(portfolio, rule)
        for years in rule.scopes(draft.years):
            entries: Entries = []
            for col, (cid, option) in enumerate(draft.x_cols):
                value = coefficient(rule, cid in group, spend_in(option.spend.items(), years))
                if value:
                    entries.append((col, value / scale))
            if entries or right_side(rule) < 0:  # an empty max row always holds
                draft.add_row("balance", (index, years), entries, -INF,
                              right_side(rule) / scale)


def scope_totals(portfolio: Portfolio, rule: BalanceRule,
                 spend: Mapping[str, Mapping[int, float]]) -> list[tuple[tuple[int, ...],
                                                                        float, float]]:
    """(years, group spend, all spend) per scope, for candidates' spend by year."""
    group = members(portfolio, rule)
    out = []
    for years in rule.scopes(portfolio.fiscal_years):
        inside = sum(spend_in(s.items(), years) for c, s in spend.items() if c in group)
        total = sum(spend_in(s.items(), years) for s in spend.values())
        out.append((years, inside, total))
    return out


def excess(rule: BalanceRule, inside: float, total: float) -> float:
    """How far (in dollars) a scope's spend is past the rule; <= 0 when the rule is kept."""
    return sum(coefficient(rule, member, amount) for member, amount
               in ((True, inside), (False, total - inside))) - right_side(rule)


def slack_tolerance(total: float) -> float:
    """The tolerance of a money rule check (cents of rounding in every fund split)."""
    return TOL * max(1.0, total) + 1.0


def spend_by_year(funded: Funded) -> dict[str, dict[int, float]]:
    """Each funded candidate's spend by fiscal year (all funds)."""
    return {cid: {y: sum(f.values()) for y, f in item.spend.items()}
            for cid, item in funded.items()}


def check(portfolio: Portfolio, funded: Funded, overrides: Overrides) -> list[str]:
    """Money rules the plan breaks, from the funded items' own spend."""
    bad: list[str] = []
    spend = spend_by_year(funded)
    for rule in money_rules(portfolio):
        for years, inside, total in scope_totals(portfolio, rule, spend):
            past = excess(rule, inside, total)
            if past > slack_tolerance(total):
                bad.append(f"rule '{rule.name}' broken in {years}: {rule.group} spends "
                           f"{inside} of {total}, past its limit by {past}")
    return bad


def option_spend(chosen: Mapping[str, StartOption]) -> dict[str, dict[int, float]]:
    """Spend by year of scheduled candidates."""
    return {cid: dict(option.spend) for cid, option in chosen.items()}


KIND = ConstraintKind("balance", ReasonCode.BALANCE, add_rows, check, ("balance",),
                      frozenset({"balance"}))
