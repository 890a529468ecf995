"""The efficient frontier: value captured as the capital caps scale from 50% to 200%."""

from __future__ import annotations

import pandas as pd
import pytest

from planner.explain.frontier import COLUMNS, DEFAULT_SCALES, efficient_frontier, scaled_portfolio
from planner.plan.optimize import optimize
from tests.factories import make_portfolio
from tests.plan.support import cand, portfolio


def test_one_row_per_scale_with_value_rising_with_the_budget() -> None:
    p = make_portfolio(n=20, seed=3, with_mandatory=True)
    values = {c: 1 + (i * 0.618034 % 1.0) for i, c in enumerate(p.candidates)}  # score-like
    frame = efficient_frontier(p, values, time_limit=0.5)
    assert list(frame.columns) == COLUMNS
    assert list(frame["scale"]) == sorted(DEFAULT_SCALES) and 7 <= len(frame) <= 10
    total = sum(line.capital_budget for line in p.budget)
    assert frame["capital_budget"].tolist() == pytest.approx([total * s for s in DEFAULT_SCALES])
    proven = frame[frame["status"] == "optimal"]
    assert proven["optimized"].is_monotonic_increasing
    for _, row in frame.dropna(subset=["optimized"]).iterrows():
        assert row["optimized"] >= max(row["rank_and_cut"] or 0, row["greedy"] or 0) - 1e-6


def test_a_budget_too_small_for_the_mandatory_items_is_an_infeasible_point() -> None:
    caps = {2027: {"General": 100.0}}
    p = portfolio([cand("M", 80, mandatory=True), cand("A", 20)], caps)
    frame = efficient_frontier(p, {"M": 1, "A": 1}, scales=(0.5, 1.0, 2.0))
    first = frame.iloc[0]
    assert first["status"] == "infeasible" and pd.isna(first["optimized"])
    assert frame["optimized"].iloc[1:].tolist() == [2.0, 2.0]


def test_scaling_multiplies_every_cap_and_leaves_the_rest() -> None:
    p = make_portfolio(n=10, seed=1, with_staff=True)
    doubled = scaled_portfolio(p, 2.0)
    year, fund = p.fiscal_years[0], p.funds[0]
    assert doubled.capital_cap(year, fund) == pytest.approx(2 * p.capital_cap(year, fund))
    assert doubled.staff_capacity(year) == p.staff_capacity(year)
    assert doubled.candidates == p.candidates


def test_the_frontier_is_the_same_in_every_run_and_its_100_percent_point_is_the_plan() -> None:
    p = make_portfolio(n=40, seed=5, budget_share=0.3)
    values = {c: 1 + (i * 0.618034 % 1.0) for i, c in enumerate(p.candidates)}
    plan = optimize(p, values)
    first = efficient_frontier(p, values, nodes=2, known=plan)
    second = efficient_frontier(p, values, nodes=2, known=plan)
    pd.testing.assert_frame_equal(first, second)
    at_today = first[first["scale"] == 1.0].iloc[0]
    assert at_today["optimized"] == plan.objective
    assert at_today["status"] == plan.status.value
    assert at_today["funded"] == len(plan.funded)


def test_points_beyond_the_largest_scales_bound_keep_the_plan_below_them() -> None:
    # ample money at every scale from 1.5 up: once a point reaches the bound of the 200%
    # point, the scales between are that plan, proven
    p = make_portfolio(n=12, seed=2, budget_share=0.9, with_dependencies=False,
                       with_alternatives=False)
    p = p.replace(settings=p.settings.model_copy(update={"delivery_discount": 0.0}))
    values = {c: 1.0 for c in p.candidates}
    frame = efficient_frontier(p, values, scales=(1.5, 1.75, 2.0))
    assert frame["optimized"].tolist() == pytest.approx([frame["optimized"].iloc[-1]] * 3)
    assert set(frame["status"]) == {"optimal"}


def test_a_very_large_portfolio_gets_the_scales_a_fixed_amount_of_work_allows() -> None:
    from planner.explain.frontier import scales_within
    from planner.plan.model import build_model

    small = make_portfolio(n=30, seed=1)
    model = build_model(small, dict.fromkeys(small.candidates, 1.0))
    assert scales_within(model) == DEFAULT_SCALES  # a city-sized portfolio: every scale
    columns = len(model.cost)
    assert scales_within(model, work=3 * columns) == (0.5, 1.0, 2.0)
    assert scales_within(model, work=5 * columns) == (0.5, 0.75, 0.9, 1.0, 2.0)
    assert scales_within(None) == DEFAULT_SCALES


def test_one_thread_solves_every_point_and_gives_the_same_frontier_as_two() -> None:
    p = make_portfolio(n=30, seed=4, budget_share=0.4)
    values = {c: 1 + (i * 0.618034 % 1.0) for i, c in enumerate(p.candidates)}
    one = efficient_frontier(p, values, scales=(0.5, 0.75, 1.0, 2.0), nodes=20, workers=1)
    two = efficient_frontier(p, values, scales=(0.5, 0.75, 1.0, 2.0), nodes=20, workers=2)
    pd.testing.assert_frame_equal(one, two)
    assert one["optimized"].notna().all()


def test_a_point_is_capped_by_the_bound_of_a_larger_scale() -> None:
    # the best plan at a scale is never worth more than at a larger one: no point reports
    # a bound above that of a larger point, and each keeps a plan within the frontier's gap
    p = make_portfolio(n=40, seed=7, budget_share=0.5)
    values = {c: 1 + (i * 0.618034 % 1.0) for i, c in enumerate(p.candidates)}
    frame = efficient_frontier(p, values, nodes=5)
    bounds = frame["bound"].tolist()
    for i, bound in enumerate(bounds):
        assert all(bound <= later + 1e-9 for later in bounds[i + 1:])
    for _, row in frame.iterrows():
        assert row["optimized"] <= row["bound"] + 1e-9
        if row["status"] in ("optimal", "feasible"):
            assert row["gap"] <= 0.01 + 1e-9
