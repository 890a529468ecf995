"""How a plan stands against its balance rules, in figures and words.

- `rule_reports`: per rule, its limit, the plan's actual figure (a share, dollars or a count;
  the tightest year for a rule of each year) and whether it binds: the plan is at its limit,
  or it alone keeps an unfunded candidate out.
- `broken_by`: the rules that funding one more candidate would break, each in a sentence
  ("funding it would break the rule 'No department over 40%' (IT would reach 46%)").
- `trim_to_rules`: what the baselines do with a plan made without the share rules: drop the
  lowest-ranked candidates that put it past a maximum (or below a minimum share), the way an
  analyst trims a ranked list to policy.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import replace

from planner.core.balance import BalanceRule, RuleKind, RuleReport, members, spend_in
from planner.core.models import Portfolio
from planner.core.plans import Plan
from planner.core.reasons import ReasonCode
from planner.core.words import fy, money
from planner.plan.constraints import balance
from planner.plan.schedule import StartOption

NEAR = 0.005  # a rule within half a percent of its limit binds


def _share(inside: float, total: float) -> float:
    return inside / total if total > 0 else 0.0


def _figure(rule: BalanceRule, inside: float, total: float) -> float:
    return _share(inside, total) if rule.kind.is_share else inside


def limit_words(rule: BalanceRule, value: float | None) -> str:
    """A limit or an actual figure as the rule counts it: '40%', '$2M' or '1'."""
    if value is None:
        return ""
    if rule.kind.is_share:
        return f"{100 * value:.0f}%" if abs(100 * value - round(100 * value)) < 0.05 \
            else f"{100 * value:.1f}%"
    return money(value) if not rule.kind.is_count else f"{value:g}"


def _money_report(portfolio: Portfolio, rule: BalanceRule,
                  spend: Mapping[str, Mapping[int, float]], blocks: bool) -> RuleReport:
    scopes = balance.scope_totals(portfolio, rule, spend)
    years, inside, total = max(scopes, key=lambda s: balance.excess(rule, *s[1:]))
    past = balance.excess(rule, inside, total)
    reference = total if rule.kind.is_share else (rule.limit or 0.0)
    at_limit = abs(past) <= NEAR * max(reference, 1.0) and (total > 0 or not rule.kind.is_share)
    return RuleReport(rule.name, rule.kind, rule.group, rule.scope_words, rule.limit,
                      _figure(rule, inside, total), at_limit or blocks,
                      past <= balance.slack_tolerance(total),
                      years[0] if len(years) == 1 else None)


def rule_reports(portfolio: Portfolio, plan: Plan) -> tuple[RuleReport, ...]:
    """How the plan stands against every rule (empty for an infeasible plan)."""
    if plan.is_infeasible:
        return ()
    spend = {i.candidate_id: {y: sum(f.values()) for y, f in i.spend.items()}
             for i in plan.funded}
    reports = []
    for rule in portfolio.rules:
        blocks = any(u.codes == (ReasonCode.BALANCE,) and any(f"'{rule.name}'" in r
                                                              for r in u.reasons)
                     for u in plan.unfunded)
        if rule.kind.is_count:
            count = sum(cid in spend for cid in members(portfolio, rule))
            kept = count >= 1 and (rule.kind is RuleKind.AT_LEAST_ONE or count <= 1)
            reports.append(RuleReport(rule.name, rule.kind, rule.group, rule.scope_words,
                                      None, float(count), count == 1 or blocks, kept))
        else:
            reports.append(_money_report(portfolio, rule, spend, blocks))
    return tuple(reports)


def with_rule_reports(portfolio: Portfolio, plan: Plan) -> Plan:
    """The plan carrying how it stands against each balance rule."""
    return replace(plan, rules=rule_reports(portfolio, plan)) if portfolio.rules else plan


def report_sentence(portfolio: Portfolio, report: RuleReport) -> str:
    """One rule's standing in words: "'Police at most 15%' (max share 15% of department =
    Police over all years): 14.8% in this plan; it binds"."""
    rule = next(r for r in portfolio.rules if r.name == report.name)
    limit = f" {limit_words(rule, rule.limit)}" if not rule.kind.is_count else ""
    actual = f"{report.actual:g} funded" if rule.kind.is_count \
        else limit_words(rule, report.actual)
    when = f" (FY{report.year}, its tightest year)" if rule.each_year and report.year else ""
    state = "BROKEN" if not report.kept else ("it binds" if report.binds else "it has room")
    return (f"'{rule.name}' ({rule.kind.value}{limit} of {rule.group} {rule.scope_words}): "
            f"{actual} in this plan{when}; {state}")


def _phrase(rule: BalanceRule, inside: float, total: float, year: tuple[int, ...]) -> str:
    when = f" in {fy(year[0])}" if rule.each_year or rule.fiscal_year else ""
    figure = limit_words(rule, _figure(rule, inside, total))
    verb = "fall to" if rule.kind is RuleKind.MIN_SHARE else "reach"
    return f"{rule.value} would {verb} {figure}{when}"


class _Totals:
    """Each rule's group and total spend per scope, and its funded count, for a set of
    scheduled candidates that only grows (a plan, or a baseline being built)."""

    def __init__(self, portfolio: Portfolio, chosen: Mapping[str, StartOption]) -> None:
        self.portfolio, self.chosen = portfolio, chosen
        self.seen: set[str] = set()
        self.scopes = [rule.scopes(portfolio.fiscal_years) for rule in portfolio.rules]
        self.sums = [[[0.0, 0.0] for _ in scopes] for scopes in self.scopes]
        self.counts = [0] * len(portfolio.rules)

    def update(self) -> None:
        for cid in [c for c in self.chosen if c not in self.seen]:
            self.seen.add(cid)
            spend = self.chosen[cid].spend.items()
            for i, rule in enumerate(self.portfolio.rules):
                inside = cid in members(self.portfolio, rule)
                self.counts[i] += inside
                for j, years in enumerate(self.scopes[i]):
                    amount = spend_in(spend, years)
                    self.sums[i][j][0] += amount if inside else 0.0
                    self.sums[i][j][1] += amount


_LAST = threading.local()  # per thread: the totals of the last candidates asked about


def _totals(portfolio: Portfolio, chosen: Mapping[str, StartOption]) -> _Totals:
    last: _Totals | None = getattr(_LAST, "totals", None)
    if last is None or last.portfolio is not portfolio or last.chosen is not chosen \
            or any(c not in chosen for c in last.seen):
        last = _LAST.totals = _Totals(portfolio, chosen)
    last.update()
    return last


def broken_by(portfolio: Portfolio, chosen: Mapping[str, StartOption], cid: str,
              option: StartOption, kinds: tuple[RuleKind, ...] = tuple(RuleKind)) -> list[str]:
    """Sentences for each rule (of these kinds) that funding `cid` at `option` alongside
    `chosen` would break."""
    totals = _totals(portfolio, chosen)
    out = []
    for i, rule in enumerate(portfolio.rules):
        if rule.kind not in kinds:
            continue
        inside = cid in members(portfolio, rule)
        if rule.kind.is_count:
            if rule.kind is RuleKind.EXACTLY_ONE and inside and totals.counts[i]:
                taken = sorted(c for c in chosen if c in members(portfolio, rule))
                out.append(f"funding it would break the rule '{rule.name}' (exactly one of "
                           f"{rule.group}; {', '.join(taken)} is funded)")
            continue
        for years, (was_in, was_total) in zip(totals.scopes[i], totals.sums[i], strict=True):
            amount = spend_in(option.spend.items(), years)
            now_in, total = was_in + (amount if inside else 0.0), was_total + amount
            past = balance.excess(rule, now_in, total)
            if past > balance.slack_tolerance(total) and \
                    past > balance.excess(rule, was_in, was_total) + 1e-9:
                out.append(f"funding it would break the rule '{rule.name}' "
                           f"({_phrase(rule, now_in, total, years)})")
                break
    return out


LIMITS = (RuleKind.MAX_AMOUNT, RuleKind.EXACTLY_ONE)


def keeps_limits(portfolio: Portfolio, chosen: Mapping[str, StartOption], cid: str,
                 option: StartOption) -> bool:
    """True when funding `cid` keeps every maximum amount and exactly-one rule (the limits
    that adding candidates one at a time can only break, never mend)."""
    if not any(r.kind in LIMITS for r in portfolio.rules):
        return True
    return not broken_by(portfolio, chosen, cid, option, LIMITS)


def broken_rules(portfolio: Portfolio, chosen: Mapping[str, StartOption]) -> list[str]:
    """Names of the rules a set of scheduled candidates breaks."""
    spend = balance.option_spend(chosen)
    names = []
    for rule in portfolio.rules:
        if rule.kind.is_count:
            count = sum(c in chosen for c in members(portfolio, rule))
            if count < 1 or (rule.kind is RuleKind.EXACTLY_ONE and count > 1):
                names.append(rule.name)
        elif any(balance.excess(rule, i, t) > balance.slack_tolerance(t)
                 for _, i, t in balance.scope_totals(portfolio, rule, spend)):
            names.append(rule.name)
    return names


def trim_to_rules(portfolio: Portfolio, chosen: dict[str, StartOption], keep: set[str],
                  rank: Callable[[str], tuple]) -> dict[str, StartOption]:
    """Drop the lowest-ranked candidates (never those in `keep`, nor one another needs)
    until no maximum or minimum share is broken, or nothing more can be dropped."""
    plan = dict(chosen)
    for _ in range(len(plan)):
        culprit = _worst_share(portfolio, plan)
        if culprit is None:
            break
        rule, inside = culprit
        group = members(portfolio, rule)
        needed = {r for c in plan for r in portfolio.candidates[c].requires}
        pool = [c for c in plan if c not in keep and c not in needed
                and ((c in group) == inside)]
        if not pool:
            break
        del plan[max(pool, key=rank)]
    return plan


def _worst_share(portfolio: Portfolio, plan: Mapping[str, StartOption]
                 ) -> tuple[BalanceRule, bool] | None:
    """A broken share rule and whether dropping its members (True) or others mends it."""
    spend = balance.option_spend(plan)
    for rule in portfolio.rules:
        if not rule.kind.is_share:
            continue
        for _, inside, total in balance.scope_totals(portfolio, rule, spend):
            if balance.excess(rule, inside, total) > balance.slack_tolerance(total):
                return rule, rule.kind is RuleKind.MAX_SHARE
    return None
