"""The council's phrases: methods in a sentence, gains over a baseline, the plan in three."""

from __future__ import annotations

import pytest

from planner.core.plans import Plan, PlanStatus
from planner.export.words import PLAN_WORDS, improvement, method_words, three_sentences
from planner.export.workbook import build_context
from tests.export.exported import small_context
from tests.factories import make_portfolio


def test_every_method_is_explained_and_an_unknown_one_is_named() -> None:
    assert method_words("WSM").startswith("Weighted sum")
    assert method_words("ahp").startswith("AHP")
    assert method_words("electre") == "ELECTRE."
    assert set(PLAN_WORDS) == {"optimized", "rank_and_cut", "greedy"}


def test_the_gain_over_a_baseline_is_a_share_of_its_value() -> None:
    plan = Plan("optimized", PlanStatus.OPTIMAL, 12.0)
    assert improvement(plan, Plan("greedy", PlanStatus.HEURISTIC, 10.0)) == pytest.approx(0.2)
    assert improvement(plan, Plan("greedy", PlanStatus.HEURISTIC, 0.0)) is None
    assert improvement(plan, None) is None


def test_the_plan_in_three_sentences_counts_projects_and_money() -> None:
    ctx = small_context()
    first, second, third = three_sentences(ctx)
    assert first.startswith(f"The plan funds {len(ctx.plan.funded)} of "
                            f"{len(ctx.portfolio.candidates)} candidate projects over FY2027")
    assert "capital budget (25%)" in first
    assert second.startswith("It captures")
    assert third.startswith(f"{len(ctx.plan.unfunded)} projects are left unfunded")


def test_an_infeasible_plan_says_why_and_what_to_change() -> None:
    plan = Plan("optimized", PlanStatus.INFEASIBLE, 0.0, message="Mandatory projects cost more")
    sentences = three_sentences(build_context(make_portfolio(n=6, seed=2), plan))
    assert sentences[0].startswith("No plan satisfies every rule")
    assert sentences[0].endswith(".")
    assert sentences[2].startswith("Change the budget")


def test_a_plan_as_good_as_rank_and_cut_says_as_much_value_as() -> None:
    ctx = small_context()
    same = Plan("rank_and_cut", PlanStatus.HEURISTIC, ctx.plan.objective)
    second = three_sentences(build_context(ctx.portfolio, ctx.plan,
                                           baselines={"rank_and_cut": same}))[1]
    assert second.startswith("It captures as much value as funding projects in score order")


def test_overrides_name_each_project_and_say_none_when_there_are_none() -> None:
    from planner.core.plans import Overrides
    from planner.export.words import override_rows

    ctx = small_context()
    assert override_rows(ctx) == [
        ("Overrides", "none: every project was chosen by the optimizer within the rules")]
    first, second = list(ctx.portfolio.candidates)[:2]
    pinned = build_context(ctx.portfolio, ctx.plan, overrides=Overrides(
        frozenset({first}), frozenset(), {second: 2029}))
    assert override_rows(pinned) == [
        ("Forced in by the user", f"{first} ({ctx.name(first)})"),
        ("Start year fixed by the user", f"{second} ({ctx.name(second)}) from FY2029")]


def test_restricted_funds_are_named_with_their_kind_and_who_may_use_them() -> None:
    from planner.export.words import restricted_funds_words

    portfolio = make_portfolio(n=10, seed=4)
    funds = portfolio.funds
    plan = Plan("optimized", PlanStatus.OPTIMAL, 0.0)
    assert restricted_funds_words(build_context(portfolio, plan)).startswith("none")
    grant = tuple(line.model_copy(update={"fund_kind": "grant"}) if line.fund == funds[1]
                  else line for line in portfolio.budget)
    first = list(portfolio.candidates)[0]
    named = {**portfolio.candidates, first: portfolio.candidates[first].model_copy(
        update={"funding_sources": (funds[1],)})}
    restricted = portfolio.replace(budget=grant, candidates=named)
    assert restricted.restricted_funds == [funds[1]]
    users = sum(funds[1] in restricted.eligible_funds(c) for c in restricted.candidates)
    assert users >= 1
    words = restricted_funds_words(build_context(restricted, plan))
    assert words == (f"{funds[1]} (grant): {users} of 10 projects name it. Only projects "
                     "that name a restricted fund may use its money.")


def test_timing_and_internal_names_are_put_in_words() -> None:
    from planner.export.words import INTERNAL_WORDS, council_text, plural, timing_sentence

    settings = make_portfolio(n=4, seed=1).settings
    plain = timing_sentence(settings.model_copy(update={"time_weighting": False,
                                                        "delivery_discount": 0.0}))
    assert plain.startswith("Timing was not valued")
    weighted = timing_sentence(settings.model_copy(update={"time_weighting": True}))
    assert weighted.startswith("Earlier delivery is worth more")
    text = council_text("mapped linearly from scale_min to scale_max")
    assert "_" not in text and text.startswith("Mapped")
    assert all("_" not in words for words in INTERNAL_WORDS.values())
    assert (plural(1, "error"), plural(2, "note"), plural(0, "warning")) == (
        "1 error", "2 notes", "0 warnings")


def test_the_value_a_project_would_need_is_given_in_points() -> None:
    from planner.export.words import plain_names

    assert plain_names("a value of 2.289 to 3.837 or more (now 0.6168); or, alongside") == (
        "a value of 2.289 to 3.837 points or more (now 0.6168); or, alongside")
    assert plain_names("its funding_sources is blank") == "its list of eligible funds is blank"
