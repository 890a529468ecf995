"""Figures behind the roadmap, scenario and export views."""

from __future__ import annotations

import pytest

from planner.core.words import status_words
from planner.score.scoring import score_portfolio
from planner.service import run_plan
from planner.views import plans as plan_views
from tests.factories import make_portfolio


@pytest.fixture(scope="module")
def portfolio():
    return make_portfolio(n=30, seed=3, with_staff=True)


@pytest.fixture(scope="module")
def result(portfolio):
    scores = score_portfolio(portfolio)
    return run_plan(portfolio, scores.value, explain=False, frontier=False)



def test_headlines_add_up_from_the_plan(portfolio, result) -> None:
    plan = result.optimized
    figures = plan_views.plan_headlines(portfolio, plan, result.values)
    assert figures["funded"] == len(plan.funded)
    assert figures["spend"] == pytest.approx(sum(i.total_cost for i in plan.funded))
    assert 0 <= figures["budget_share"] <= 1 + 1e-9
    assert 0 <= figures["risk_share"] <= 1
    assert figures["value"] == pytest.approx(plan.objective)


def test_the_gantt_and_spend_tables_match_the_plan(portfolio, result) -> None:
    plan = result.optimized
    bars = plan_views.gantt_frame(portfolio, plan)
    assert set(bars["candidate_id"]) == set(plan.funded_ids)
    assert (bars["end"] > bars["start"]).all()
    spend, caps = plan_views.spend_and_caps(portfolio, plan)
    assert spend["amount"].sum() == pytest.approx(sum(i.total_cost for i in plan.funded))
    by_year = spend.groupby("fiscal_year")["amount"].sum()
    for year, cap in zip(caps["fiscal_year"], caps["cap"], strict=True):
        assert by_year.get(year, 0.0) <= cap + 1e-6


def test_the_comparison_names_the_projects_that_differ(portfolio, result) -> None:
    table = plan_views.compare_plans(portfolio, result)
    assert list(table["plan"]) == ["Optimized", "Rank and cut", "Value-per-dollar greedy"]
    differ = plan_views.plan_differences(result, "rank_and_cut")
    only_opt = set(differ.loc[differ["funded by"] == "optimized only", "candidate_id"])
    assert only_opt == set(result.optimized.funded_ids) - set(
        result.baselines["rank_and_cut"].funded_ids)


def test_unfunded_rows_carry_reasons(portfolio, result) -> None:
    table = plan_views.unfunded_frame(portfolio, result.optimized, result.values)
    assert set(table["candidate_id"]) == {u.candidate_id for u in result.optimized.unfunded}
    assert table["value"].is_monotonic_decreasing
    assert (table["why not funded"] != "").all()
    assert table["held back by"].str.len().gt(0).all()
    assert status_words(result.optimized, sentence=True) == result.optimized.message


def test_scenarios_compare_side_by_side(portfolio, result) -> None:
    first = plan_views.scenario_record("A", {"weights": None, "method": None}, portfolio, result)
    cheaper = portfolio.replace(budget=tuple(
        line.model_copy(update={"capital_budget": line.capital_budget / 2})
        for line in portfolio.budget))
    scores = score_portfolio(cheaper)
    second_result = run_plan(cheaper, scores.value, explain=False, frontier=False)
    second = plan_views.scenario_record("B", {"weights": {"x": 1.0}, "method": "topsis"},
                                   cheaper, second_result)
    summary = plan_views.scenario_summary([first, second])
    assert list(summary.columns) == ["A", "B"]
    funding = plan_views.scenario_funding([first, second])
    assert set(funding["candidate_id"]) == set(first["funded"]) ^ set(second["funded"])
    changes = plan_views.scenario_changes([first, second])
    assert any("method none -> topsis" in line for line in changes)
    spend = plan_views.scenario_spend([first, second])
    assert set(spend["scenario"]) == {"A", "B"}


def test_a_scenario_records_each_funded_start_and_words_pins_and_tables(portfolio, result
                                                                       ) -> None:
    first = plan_views.scenario_record("A", {"pin_start": {}, "data": "a1"}, portfolio, result)
    assert first["starts"] == {i.candidate_id: i.start_year for i in result.optimized.funded}
    assert set(first["starts"]) == set(first["funded"])
    second = plan_views.scenario_record("B", {"pin_start": {"C-2": 2028}, "data": "b2"},
                                        portfolio, result)
    changes = plan_views.scenario_changes([first, second])
    assert "B vs A: pinned starts none -> C-2 FY2028" in changes
    assert any("the tables differ" in line for line in changes)


def test_download_names_are_safe_file_names() -> None:
    assert plan_views.file_stem("City of Riverton", "FY27/28 draft: v2") == \
        "City_of_Riverton_FY27_28_draft_v2"
    assert plan_views.file_stem("", "../../etc") == "etc"
    assert plan_views.file_stem("", "") == "roadmap"
