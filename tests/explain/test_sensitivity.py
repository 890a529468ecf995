"""One-way weight sensitivity and budget sensitivity, checked against independent solves."""

from __future__ import annotations

import numpy as np
import pytest

from planner.core.models import Portfolio
from planner.errors import InputError
from planner.explain.budget_sensitivity import budget_sensitivity
from planner.explain.sensitivity import Resolver, one_way_sensitivity, weights_along
from planner.plan.optimize import optimize
from planner.score.rank_robustness import batch_values, problem_of
from planner.score.scoring import ScoreResult, score_portfolio
from tests.factories import make_portfolio
from tests.plan.support import record_solve_limits


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    base = make_portfolio(n=20, seed=5, with_alternatives=False)
    return base.replace(settings=base.settings.model_copy(update={"mip_gap": 0.0}))


@pytest.fixture(scope="module")
def scores(portfolio) -> ScoreResult:
    return score_portfolio(portfolio)


@pytest.fixture(scope="module")
def one_way(portfolio, scores):
    calls: list[tuple] = []
    result = one_way_sensitivity(portfolio, scores, tolerance=0.12,
                                 progress=lambda *args: calls.append(args))
    return result, calls


def _funded_at(portfolio: Portfolio, scores: ScoreResult, weights: np.ndarray) -> set[str]:
    problem = problem_of(scores)
    values = batch_values(problem, scores.method, scores.extra["normalization_key"],
                          weights[:, None])[:, 0]
    return set(optimize(portfolio, dict(zip(problem.ids, values, strict=True))).funded_ids)


def test_moving_one_weight_rescales_the_others_in_proportion() -> None:
    base = np.array([0.5, 0.3, 0.2])
    moved = weights_along(base, 0, 0.8)
    assert moved.sum() == pytest.approx(1.0)
    assert moved[0] == 0.8 and moved[1] / moved[2] == pytest.approx(1.5)
    assert np.allclose(weights_along(np.array([1.0, 0.0]), 0, 0.25), [0.25, 0.75])


def test_each_range_contains_the_current_weight(one_way, scores) -> None:
    result, _ = one_way
    assert [r.criterion for r in result.ranges] == [n for n, w in scores.weights.items() if w > 0]
    for r in result.ranges:
        assert 0.0 <= r.low <= r.weight <= r.high <= 1.0


def test_inside_the_range_an_independent_solve_funds_the_same_projects(one_way, portfolio,
                                                                        scores) -> None:
    result, _ = one_way
    nominal = set(optimize(portfolio, scores.value).funded_ids)
    base = problem_of(scores).weights
    names = list(problem_of(scores).names)
    for r in result.ranges[:3]:
        j = names.index(r.criterion)
        for t in ((r.low + r.weight) / 2, (r.weight + r.high) / 2):
            assert _funded_at(portfolio, scores, weights_along(base, j, t)) == nominal


def test_the_edges_name_projects_that_enter_or_leave(one_way, portfolio, scores) -> None:
    result, _ = one_way
    nominal = set(optimize(portfolio, scores.value).funded_ids)
    edges = 0
    for r in result.ranges:
        for inside_end, end, enters, leaves in ((r.low, 0.0, r.enters_below, r.leaves_below),
                                                (r.high, 1.0, r.enters_above, r.leaves_above)):
            if inside_end == end:
                assert not enters and not leaves
            else:
                edges += 1
                assert enters or leaves
                assert not set(enters) & nominal and set(leaves) <= nominal
    assert edges > 0  # the fixture portfolio does change somewhere
    table = result.table()
    assert list(table.columns[:4]) == ["criterion", "weight", "low", "high"]
    assert (np.diff(table["high"] - table["low"]) >= 0).all()
    assert all(s.split(":")[0] in table["criterion"].tolist() for s in result.sentences())


def test_one_way_progress_ends_with_done_equal_to_total(one_way) -> None:
    _, calls = one_way
    assert calls[-1][0] == calls[-1][1] and calls[-1][2] == 0.0
    assert all(done <= total for done, total, _ in calls)


@pytest.fixture(scope="module")
def small() -> Portfolio:
    base = make_portfolio(n=16, seed=5, years=3, funds=("General Fund", "Grant"),
                          with_alternatives=False)
    return base.replace(settings=base.settings.model_copy(update={"mip_gap": 0.0}))


@pytest.fixture(scope="module")
def budget(small):
    values = score_portfolio(small).value
    resolver = Resolver(small, values)
    return budget_sensitivity(small, values, resolver=resolver, steps=(1.0, 3.0),
                              refine=1), resolver


def test_more_money_in_a_year_and_fund_names_the_next_projects(budget, small) -> None:
    result, resolver = budget
    nominal = set(resolver.plan.funded_ids)
    lines = [line for line in result.lines if line.enters]
    assert lines, result.table()
    for line in result.lines:
        assert line.value_gain >= 0
        assert not set(line.enters) & nominal and set(line.leaves) <= nominal
    line = max(lines, key=lambda x: x.value_per_million)
    raised = tuple(b.model_copy(update={"capital_budget": b.capital_budget + line.step})
                   if (b.fiscal_year, b.fund) == (line.fiscal_year, line.fund) else b
                   for b in small.budget)
    better = optimize(small.replace(budget=raised), score_portfolio(small).value)
    assert better.objective == pytest.approx(resolver.plan.objective + line.value_gain,
                                             rel=1e-6)
    assert line.value_per_million == pytest.approx(line.value_gain / line.step * 1e6)


def test_the_live_model_gets_its_caps_and_objective_back(budget) -> None:
    _, resolver = budget
    again = resolver.solve(resolver.nominal_cost, time_limit=10, gap=0.0)
    assert again.objective == pytest.approx(resolver.plan.objective, rel=1e-9)
    assert set(resolver.starts(again.x)) == set(resolver.plan.funded_ids)


def test_the_budget_table_has_one_row_per_year_and_fund(budget, small) -> None:
    table = budget[0].table()
    assert len(table) == len(small.fiscal_years) * len(small.funds)
    assert {"fiscal_year", "fund", "extra_dollars", "value_per_million",
            "would_fund"} <= set(table.columns)


def test_a_fund_no_candidate_may_use_is_reported_not_solved() -> None:
    base = make_portfolio(n=8, seed=2, years=2, with_alternatives=False,
                          with_dependencies=False, with_fixed_profiles=False)
    only_general = {cid: c.model_copy(update={"funding_sources": ("General Fund",)})
                    for cid, c in base.candidates.items()}
    portfolio = base.replace(candidates=only_general)
    result = budget_sensitivity(portfolio, score_portfolio(portfolio).value, steps=(1.0,),
                                refine=0)
    others = [line for line in result.lines if line.fund != "General Fund"]
    assert others and all("no candidate can draw" in line.note for line in others)
    with pytest.raises(InputError):
        budget_sensitivity(portfolio, score_portfolio(portfolio).value, steps=())


def test_worker_processes_find_the_same_ranges(one_way, portfolio, scores) -> None:
    parallel = one_way_sensitivity(portfolio, scores, tolerance=0.12, workers=2)
    assert parallel.ranges == one_way[0].ranges


def test_weight_re_solves_stop_at_a_node_limit_not_at_the_clock(portfolio, scores,
                                                                 monkeypatch) -> None:
    from planner.plan.solver import NO_LIMIT_S

    limits = record_solve_limits(monkeypatch)
    resolver = Resolver(portfolio, scores.value)
    before = len(limits)
    result = one_way_sensitivity(portfolio, scores, tolerance=0.12, workers=1, resolver=resolver)
    re_solves = limits[before:]
    assert len(re_solves) == result.solves
    assert all(t == NO_LIMIT_S and n for t, n in re_solves)
