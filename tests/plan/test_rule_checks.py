"""Infeasible balance rules are named: quick checks first, then the elastic re-solve."""

from __future__ import annotations

from planner.core.balance import BalanceRule, RuleKind
from planner.core.plans import Overrides
from planner.plan.optimize import optimize
from planner.plan.rule_checks import rule_prechecks
from planner.plan.schedule import windows
from tests.plan.support import cand, portfolio

CAPS = {2027: {"General": 100.0}, 2028: {"General": 100.0}}
PROJECTS = [cand("A", 50, extra={"department": "IT"}), cand("B", 30, extra={"department": "IT"}),
            cand("C", 30, extra={"department": "Police"})]


def rule(kind: RuleKind, limit: float | None = None, value: str = "IT",
         **fields: object) -> BalanceRule:
    return BalanceRule(name=f"Rule {kind.value}", column="department", value=value,
                       kind=kind, limit=limit, **fields)


def reasons(*rules: BalanceRule, over: Overrides | None = None) -> list[str]:
    p = portfolio(PROJECTS, CAPS).replace(rules=rules)
    over = over or Overrides()
    return rule_prechecks(p, over, windows(p, over), sorted(over.force_in))


def test_a_count_rule_on_a_value_no_candidate_has_is_named() -> None:
    assert reasons(rule(RuleKind.AT_LEAST_ONE, value="Fire")) == [
        "the rule 'Rule at least one' asks for at least one of department = Fire, but no "
        "candidate has that value"]


def test_a_count_rule_whose_members_are_all_forced_out_is_named() -> None:
    found = reasons(rule(RuleKind.AT_LEAST_ONE),
                    over=Overrides(force_out=frozenset({"A", "B"})))
    assert found and "none of them (A, B) can be funded" in found[0]


def test_two_required_members_of_an_exactly_one_group_are_named() -> None:
    found = reasons(rule(RuleKind.EXACTLY_ONE), over=Overrides(force_in=frozenset({"A", "B"})))
    assert found == ["the rule 'Rule exactly one' allows exactly one of department = IT, "
                     "but A and B are all required"]


def test_a_minimum_the_group_cannot_spend_and_a_maximum_required_spend_passes() -> None:
    assert reasons(rule(RuleKind.MIN_AMOUNT, 90, value="Police")) == [
        "the rule 'Rule min amount' needs $90 spent on department = Police over all years, "
        "but all its candidates together could spend only $30 then"]
    found = reasons(rule(RuleKind.MAX_AMOUNT, 60), over=Overrides(force_in=frozenset("AB")))
    assert found and "above the rule 'Rule max amount' limit of $60" in found[0]


def test_rules_that_collide_only_together_are_named_by_the_elastic_solve() -> None:
    p = portfolio(PROJECTS, CAPS).replace(rules=(
        rule(RuleKind.MIN_AMOUNT, 80, value="IT"),
        rule(RuleKind.MAX_SHARE, 0.5, value="IT")))
    plan = optimize(p, dict.fromkeys("ABC", 1))
    assert plan.is_infeasible
    (reason,) = plan.reasons
    assert reason.startswith("the balance rules cannot all be kept together")
    assert "'Rule max share'" in reason or "'Rule min amount'" in reason


def test_the_room_a_candidate_would_need_names_a_rule_that_keeps_it_out() -> None:
    from planner.plan.infeasibility import room_needed

    p = portfolio(PROJECTS, CAPS).replace(rules=(rule(RuleKind.MAX_AMOUNT, 40),))
    over = Overrides(force_in=frozenset({"A"}))
    room = room_needed(p, dict.fromkeys("ABC", 1), over, windows(p, over), 5.0)
    assert room == ["the rule 'Rule max amount' would have to allow $10 more on department "
                    "= IT over all years"]
