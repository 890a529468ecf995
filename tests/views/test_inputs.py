"""Figures behind the app's views: budget grid, inventory, weights and rankings helpers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planner.score.weights import ahp_weights
from planner.views import inputs as views
from tests.factories import make_portfolio


@pytest.fixture(scope="module")
def portfolio():
    return make_portfolio(n=30, seed=3, with_staff=True)



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


def test_the_operating_allowance_is_edited_per_year(portfolio) -> None:
    lines = [line.model_copy(update={"operating_budget_increase": 50_000.0})
             for line in portfolio.budget]
    with_caps = portfolio.replace(budget=tuple(lines))
    grid = views.budget_grid(with_caps)
    first, second = with_caps.fiscal_years[:2]
    assert grid.loc[first, views.OPERATING] == 50_000.0 * len(with_caps.funds)
    grid.loc[first, views.OPERATING] = 10_000.0
    grid.loc[second, views.OPERATING] = float("nan")
    adjusted = views.adjust_portfolio(with_caps, budget=views.grid_to_json(grid))
    assert adjusted.operating_cap(first) == 10_000.0
    assert adjusted.operating_cap(second) is None
    assert adjusted.staff_capacity(first) == pytest.approx(with_caps.staff_capacity(first))
    assert adjusted.capital_cap(first, with_caps.funds[1]) == with_caps.capital_cap(
        first, with_caps.funds[1])
    older = views.grid_to_json(grid.drop(columns=[views.OPERATING]))  # a grid saved before
    assert views.adjust_portfolio(with_caps, budget=older).operating_cap(second) == (
        with_caps.operating_cap(second))


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


def test_choices_key_is_stable_and_order_free() -> None:
    a = views.choices_key(x=[1, 2], y={"b": 1, "a": 2}, z=np.float64(1.5))
    b = views.choices_key(y={"a": 2, "b": 1}, z=np.float64(1.5), x=[1, 2])
    assert a == b
