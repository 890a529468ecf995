"""Count rules: at least one, or exactly one, of a group is funded (the Rules sheet).

A group is the candidates with one value in one column, for example an either/or group
(`alternative_group = ERP`) whose own rule is at most one. Rows, written as "<=" so that an
elastic slack relaxes each the same way, with key (rule index,):

- "at least": - sum of the members' start binaries <= -1 (at least one and exactly one);
- "at most": sum of the members' start binaries <= 1 (exactly one).
"""

from __future__ import annotations

from planner.core.balance import RuleKind, members
from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.reasons import ReasonCode
from planner.plan.constraints.base import INF, ConstraintKind, Draft, Funded


def add_rows(draft: Draft) -> None:
    """One "at least" row per count rule, and an "at most" row for exactly one."""
    for index, rule in enumerate(draft.portfolio.rules):
        if not rule.kind.is_count:
            continue
        group = members(draft.portfolio, rule)
        cols = [c for cid in sorted(group) for c in draft.cols_of.get(cid, [])]
        draft.add_row("at_least", (index,), [(c, -1.0) for c in cols], -INF, -1.0)
        if rule.kind is RuleKind.EXACTLY_ONE and len(cols) > 1:
            draft.add_row("at_most", (index,), [(c, 1.0) for c in cols], -INF, 1.0)


def check(portfolio: Portfolio, funded: Funded, overrides: Overrides) -> list[str]:
    """Count rules the plan breaks."""
    bad: list[str] = []
    for rule in portfolio.rules:
        if not rule.kind.is_count:
            continue
        count = sum(cid in funded for cid in members(portfolio, rule))
        if count < 1 or (rule.kind is RuleKind.EXACTLY_ONE and count > 1):
            bad.append(f"rule '{rule.name}' ({rule.kind.value} of {rule.group}) broken: "
                       f"{count} funded")
    return bad


KIND = ConstraintKind("group", ReasonCode.BALANCE, add_rows, check, ("at_least", "at_most"),
                      frozenset({"at_least", "at_most"}))
