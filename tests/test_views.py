"""Figures behind the app's views: budget grid, inventory, weights helpers, plans, scenarios."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planner import views
from planner.roadmap import run_plan
from planner.scoring import score_portfolio
from planner.weights import ahp_weights
from tests.factories import make_portfolio


@pytest.fixture(scope="module")
def portfolio():
    return make_portfolio(n=30, seed=3, with_staff=True)


@pytest.fixture(scope="module")
def result(portfolio):
    scores = score_portfolio(portfolio)
    return run_plan(portfolio, scores.value, explain=False, frontier=False)


def test_the_budget_grid_round_trips_through_json_and_budget_lines(portfolio) -> None:
    grid = views.budget_grid(portfolio)
    assert list(grid.index) == portfolio.fiscal_years
    assert views.STAFF in grid.columns
    back = views.grid_from_json(views.grid_to_json(grid))
    pd.testing.assert_frame_equal(back, grid, check_names=False)
    lines = views.budget_lines(portfolio, grid)
    rebuilt = portfolio.replace(budget=lines)
    for year in portfolio.fiscal_years:
        for fund in portfolio.funds:
            assert rebuilt.capital_cap(year, fund) == pytest.approx(
                portfolio.capital_cap(year, fund))
        assert rebuilt.staff_capacity(year) == pytest.approx(portfolio.staff_capacity(year))


def test_an_edited_grid_changes_only_the_cap_edited(portfolio) -> None:
    grid = views.budget_grid(portfolio)
    year, fund = portfolio.fiscal_years[0], portfolio.funds[0]
    grid.loc[year, fund] = 123.0
    adjusted = views.adjust_portfolio(portfolio, budget=views.grid_to_json(grid),
                                      settings={"carry_over": True})
    assert adjusted.capital_cap(year, fund) == 123.0
    assert adjusted.settings.carry_over is True
    other = portfolio.funds[1]
    assert adjusted.capital_cap(year, other) == portfolio.capital_cap(year, other)


def test_systems_fall_in_their_time_quadrants(portfolio) -> None:
    systems = views.systems_view(portfolio)
    assert len(systems) == len(portfolio.systems)
    sound = systems["technical_condition"] >= 3
    fits = systems["functional_fit"] >= 3
    assert set(systems.loc[sound & fits, "quadrant"]) <= {"Invest"}
    assert set(systems.loc[~sound & ~fits, "quadrant"]) <= {"Eliminate"}
    points = views.quadrant_points(systems)
    assert (points["x"] - points["technical_condition"]).abs().max() < 0.3


def test_departments_are_ranked_by_average_legacy_risk(portfolio) -> None:
    summary = views.risk_by_department(views.systems_view(portfolio))
    assert summary["systems"].sum() == len(portfolio.systems)
    assert summary["average_risk"].is_monotonic_decreasing


def test_processes_are_listed_by_staff_hours(portfolio) -> None:
    processes = views.processes_view(portfolio)
    assert processes["staff_hours"].is_monotonic_decreasing
    assert len(processes) == len(portfolio.processes)


def test_judgments_from_consistent_weights_give_those_weights_back() -> None:
    names = ["a", "b", "c"]
    judgments = views.judgments_from_weights(names, {"a": 0.6, "b": 0.2, "c": 0.2})
    assert judgments[views.pair_key("a", "b")] == 3.0
    result = ahp_weights(views.pairwise_matrix(names, judgments))
    assert result.weights["a"] == pytest.approx(0.6, abs=0.01)
    assert result.consistency_ratio < 0.01
    assert views.judgment_label(1 / 3, "a", "b") == "b 3x"
    assert views.judgment_label(1.0, "a", "b") == "equal"


def test_stakeholder_tables_skip_blank_rows_and_name_unnamed_ones() -> None:
    table = views.stakeholder_seed(["x", "y"], {"Mayor": {"x": 0.7, "y": 0.3}})
    assert table.loc[1, "x"] == 70
    table.loc[2] = [None, 10, 20]
    table.loc[3] = ["Empty", 0, 0]
    sets = views.stakeholder_sets(table)
    assert sets == {"Mayor": {"x": 70.0, "y": 30.0}, "Stakeholder 2": {"x": 10.0, "y": 20.0}}


def test_rank_moves_count_places_gained() -> None:
    ranks = pd.Series({"a": 1, "b": 2, "c": 3})
    before = pd.Series({"a": 3, "b": 2, "c": 1})
    assert views.rank_moves(ranks, before).to_dict() == {"a": 2, "b": 0, "c": -2}


def test_headlines_add_up_from_the_plan(portfolio, result) -> None:
    plan = result.optimized
    figures = views.plan_headlines(portfolio, plan, result.values)
    assert figures["funded"] == len(plan.funded)
    assert figures["spend"] == pytest.approx(sum(i.total_cost for i in plan.funded))
    assert 0 <= figures["budget_share"] <= 1 + 1e-9
    assert 0 <= figures["risk_share"] <= 1
    assert figures["value"] == pytest.approx(plan.objective)


def test_the_gantt_and_spend_tables_match_the_plan(portfolio, result) -> None:
    plan = result.optimized
    bars = views.gantt_frame(portfolio, plan)
    assert set(bars["candidate_id"]) == set(plan.funded_ids)
    assert (bars["end"] > bars["start"]).all()
    spend, caps = views.spend_and_caps(portfolio, plan)
    assert spend["amount"].sum() == pytest.approx(sum(i.total_cost for i in plan.funded))
    by_year = spend.groupby("fiscal_year")["amount"].sum()
    for year, cap in zip(caps["fiscal_year"], caps["cap"], strict=True):
        assert by_year.get(year, 0.0) <= cap + 1e-6


def test_the_comparison_names_the_projects_that_differ(portfolio, result) -> None:
    table = views.compare_plans(portfolio, result)
    assert list(table["plan"]) == ["Optimized", "Rank and cut", "Value-per-dollar greedy"]
    differ = views.plan_differences(result, "rank_and_cut")
    only_opt = set(differ.loc[differ["funded by"] == "optimized only", "candidate_id"])
    assert only_opt == set(result.optimized.funded_ids) - set(
        result.baselines["rank_and_cut"].funded_ids)


def test_unfunded_rows_carry_reasons(portfolio, result) -> None:
    table = views.unfunded_frame(portfolio, result.optimized, result.values)
    assert set(table["candidate_id"]) == {u.candidate_id for u in result.optimized.unfunded}
    assert table["value"].is_monotonic_decreasing
    assert (table["why not funded"] != "").all()
    assert views.status_words(result.optimized)


def test_scenarios_compare_side_by_side(portfolio, result) -> None:
    first = views.scenario_record("A", {"weights": None, "method": None}, portfolio, result)
    cheaper = portfolio.replace(budget=tuple(
        line.model_copy(update={"capital_budget": line.capital_budget / 2})
        for line in portfolio.budget))
    scores = score_portfolio(cheaper)
    second_result = run_plan(cheaper, scores.value, explain=False, frontier=False)
    second = views.scenario_record("B", {"weights": {"x": 1.0}, "method": "topsis"},
                                   cheaper, second_result)
    summary = views.scenario_summary([first, second])
    assert list(summary.columns) == ["A", "B"]
    funding = views.scenario_funding([first, second])
    assert set(funding["candidate_id"]) == set(first["funded"]) ^ set(second["funded"])
    changes = views.scenario_changes([first, second])
    assert any("method none -> topsis" in line for line in changes)
    spend = views.scenario_spend([first, second])
    assert set(spend["scenario"]) == {"A", "B"}


def test_choices_key_is_stable_and_order_free() -> None:
    a = views.choices_key(x=[1, 2], y={"b": 1, "a": 2}, z=np.float64(1.5))
    b = views.choices_key(y={"a": 2, "b": 1}, z=np.float64(1.5), x=[1, 2])
    assert a == b


def test_download_names_are_safe_file_names() -> None:
    assert views.file_stem("City of Riverton", "FY27/28 draft: v2") == \
        "City_of_Riverton_FY27_28_draft_v2"
    assert views.file_stem("", "../../etc") == "etc"
    assert views.file_stem("", "") == "roadmap"
