"""How a plan stands against its balance rules: reports, reasons, and the baselines' trim."""

from __future__ import annotations

from planner.core.balance import BalanceRule, RuleKind
from planner.core.reasons import ReasonCode
from planner.plan.baselines import greedy, rank_and_cut
from planner.plan.optimize import optimize
from planner.plan.rules import broken_rules, limit_words, rule_reports, with_rule_reports
from planner.plan.schedule import StartOption
from tests.plan.support import cand, portfolio, violations

CAPS = {2027: {"General": 100.0}}
PROJECTS = [cand("A", 50, extra={"department": "IT"}), cand("B", 30, extra={"department": "IT"}),
            cand("C", 30, extra={"department": "Police"}),
            cand("D", 20, extra={"department": "Parks"})]
VALUES = {"A": 10, "B": 8, "C": 1, "D": 1}


def max_it(share: float = 0.5) -> BalanceRule:
    return BalanceRule(name="No department over half", column="department", value="IT",
                       kind=RuleKind.MAX_SHARE, limit=share)


def test_a_binding_max_share_is_reported_and_named_in_the_reasons_of_the_unfunded() -> None:
    p = portfolio(PROJECTS, {2027: {"General": 200.0}}).replace(rules=(max_it(),))
    plan = with_rule_reports(p, optimize(p, VALUES))
    assert sorted(plan.funded_ids) == ["A", "C", "D"] and violations(p, plan) == []
    (report,) = plan.rules
    assert report.limit == 0.5 and report.actual == 0.5 and report.binds and report.kept
    held = plan.unfunded_item("B")
    assert held.codes == (ReasonCode.BALANCE,)
    assert held.reasons == ("funding it would break the rule 'No department over half' (IT "
                            "would reach 61.5%)",)
    assert plan.as_dict()["rules"][0]["binds"] is True


def test_a_rule_with_room_does_not_bind() -> None:
    p = portfolio(PROJECTS, CAPS).replace(rules=(max_it(0.9),))
    (report,) = rule_reports(p, optimize(p, VALUES))
    assert not report.binds and report.actual < 0.9


def test_the_baselines_trim_to_a_max_share_and_keep_every_rule() -> None:
    p = portfolio(PROJECTS, CAPS).replace(rules=(max_it(),))
    for plan in (rank_and_cut(p, VALUES), greedy(p, VALUES)):
        assert not plan.is_infeasible and violations(p, plan) == [], plan.name


def test_a_baseline_that_cannot_reach_a_minimum_says_which_rule() -> None:
    rule = BalanceRule(name="Parks gets $40", column="department", value="Parks",
                       kind=RuleKind.MIN_AMOUNT, limit=20)
    projects = [*PROJECTS[:3], cand("D", 30, extra={"department": "Parks"})]
    p = portfolio(projects, CAPS).replace(rules=(rule,))
    plan = rank_and_cut(p, {"A": 10, "B": 8, "C": 7, "D": 0})
    assert plan.is_infeasible and "'Parks gets $40'" in plan.message
    assert "D" in optimize(p, {"A": 10, "B": 8, "C": 7, "D": 0}).funded_ids


def test_broken_rules_names_a_count_rule_and_limits_are_worded_as_counted() -> None:
    one = BalanceRule(name="One of IT", column="department", value="IT",
                      kind=RuleKind.EXACTLY_ONE)
    p = portfolio(PROJECTS, CAPS).replace(rules=(one,))
    option = StartOption(2027, 2027, {2027: 50.0})
    assert broken_rules(p, {"A": option, "B": option}) == ["One of IT"]
    assert broken_rules(p, {"A": option}) == []
    assert limit_words(max_it(0.4), 0.4) == "40%" and limit_words(one, 1.0) == "1"


def test_a_reports_sentence_gives_the_rule_its_figure_and_whether_it_binds() -> None:
    from planner.plan.rules import report_sentence

    p = portfolio(PROJECTS, {2027: {"General": 200.0}}).replace(rules=(max_it(),))
    (report,) = rule_reports(p, optimize(p, VALUES))
    assert report_sentence(p, report) == (
        "'No department over half' (max share 50% of department = IT over all years): 50% in "
        "this plan; it binds")


def test_the_running_totals_follow_a_plan_that_grows_or_loses_a_candidate() -> None:
    from planner.plan.rules import broken_by

    rule = BalanceRule(name="IT within $60", column="department", value="IT",
                       kind=RuleKind.MAX_AMOUNT, limit=60)
    p = portfolio(PROJECTS, CAPS).replace(rules=(rule,))
    one = StartOption(2027, 2027, {2027: 30.0})
    chosen: dict[str, StartOption] = {}
    assert broken_by(p, chosen, "A", StartOption(2027, 2027, {2027: 50.0})) == []
    chosen["B"] = one  # the same dict, grown
    assert broken_by(p, chosen, "A", StartOption(2027, 2027, {2027: 50.0})) == [
        "funding it would break the rule 'IT within $60' (IT would reach $80)"]
    del chosen["B"]  # and shrunk: the totals start again
    assert broken_by(p, chosen, "A", StartOption(2027, 2027, {2027: 50.0})) == []
