"""The headline figures: the money, legacy risk, staff time and savings of a plan."""

from __future__ import annotations

from planner.brief.figures import legacy_risk_retired, plan_headlines, systems_retired
from planner.core.plans import Plan, PlanStatus
from planner.core.vocabulary import Approach
from tests.brief.briefs import sample_roadmap, small_roadmap


def test_the_headlines_count_what_the_plan_funds_and_spends() -> None:
    roadmap = small_roadmap()
    figures = plan_headlines(roadmap.portfolio, roadmap.plan, roadmap.result.values)
    assert figures["funded"] == len(roadmap.plan.funded)
    assert figures["spend"] == sum(i.total_cost for i in roadmap.plan.funded)
    assert 0 < figures["budget_share"] <= 1
    assert 0 <= figures["risk_share"] <= 1


def test_an_empty_plan_retires_nothing() -> None:
    roadmap = small_roadmap()
    empty = Plan(name="optimized", status=PlanStatus.OPTIMAL, objective=0.0)
    assert legacy_risk_retired(roadmap.portfolio, []) == (0.0, 0.0)
    assert systems_retired(roadmap.portfolio, empty) == []
    assert plan_headlines(roadmap.portfolio, empty, roadmap.result.values)["spend"] == 0


def test_only_projects_that_replace_or_retire_a_system_retire_it() -> None:
    roadmap = sample_roadmap()
    portfolio, plan = roadmap.portfolio, roadmap.plan
    retired = systems_retired(portfolio, plan)
    assert retired
    by_name = {s.name: s.system_id for s in portfolio.systems.values()}
    funded = {portfolio.candidates[c].name: portfolio.candidates[c] for c in plan.funded_ids}
    for system, project in retired:
        candidate = funded[project]
        assert by_name[system] in candidate.targets
        assert candidate.approach in (Approach.RETIRE, Approach.REPLACE, Approach.REPURCHASE)
