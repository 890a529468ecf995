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
