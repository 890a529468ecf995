"""The shared re-solve runner: one live model re-solved in this process or in workers."""

from __future__ import annotations

import sys
import types

import numpy as np
import pytest

from planner.core.models import Portfolio
from planner.explain.resolves import (
    Resolver,
    SampleRounds,
    _script_hidden,
    certified,
    eta,
    pool_pays_off,
    process_pool,
    solve_costs,
    solve_in_worker,
    worker_count,
)
from planner.plan.optimize import optimize
from planner.plan.solver import Solver
from tests.factories import make_portfolio


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    return make_portfolio(n=16, seed=11, with_alternatives=False)


@pytest.fixture(scope="module")
def values(portfolio) -> dict[str, float]:
    return {cid: float(i % 7 + 1) for i, cid in enumerate(sorted(portfolio.candidates))}


@pytest.fixture()
def resolver(portfolio, values) -> Resolver:
    return Resolver(portfolio, values)


def _other_values(portfolio: Portfolio, seed: int) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    return {cid: float(rng.uniform(0, 10)) for cid in sorted(portfolio.candidates)}


def test_a_re_solve_with_new_values_matches_a_fresh_optimization(portfolio, resolver) -> None:
    other = _other_values(portfolio, 1)
    found = resolver.solve(resolver.costs(other), time_limit=10.0, gap=0.0)
    fresh = optimize(portfolio, other, gap=0.0)
    assert found.objective == pytest.approx(fresh.objective, rel=1e-6)
    assert found.bound is not None and found.bound >= found.objective


def test_restore_puts_the_plans_own_objective_back(portfolio, resolver) -> None:
    resolver.solver.set_costs(resolver.costs(_other_values(portfolio, 2)))
    resolver.restore()
    again = resolver.solve(resolver.nominal_cost, time_limit=10.0, gap=0.0)
    assert again.objective == pytest.approx(resolver.plan.objective, rel=1e-6)


def test_a_start_better_than_the_solvers_answer_is_kept(resolver) -> None:
    # a zero time limit leaves the solver no room to improve: the start must come back
    cost = resolver.nominal_cost
    found = solve_costs(resolver.solver, cost, resolver.x0, 0.0, 0.0)
    assert found.objective >= float(cost @ resolver.x0) - 1e-9


def test_a_mix_of_solved_weights_certifies_a_plan_within_the_gap() -> None:
    points = [np.array([1.0, 0.0]), np.array([0.0, 1.0])]
    bounds = [10.0, 20.0]
    middle = np.array([0.5, 0.5])
    assert certified(middle, points, bounds, best=15.0, gap=0.0)
    assert not certified(middle, points, bounds, best=14.0, gap=0.0)
    assert certified(middle, points, bounds, best=14.9, gap=0.01)
    assert not certified(middle, points[:1], bounds[:1], best=15.0, gap=0.0)


def test_sample_rounds_keep_one_plan_per_sample_and_report_progress(portfolio,
                                                                    resolver) -> None:
    costs = [resolver.costs(_other_values(portfolio, k)) for k in range(10)]
    calls: list[tuple] = []
    run = SampleRounds(resolver, lambda k: costs[k], 10, 0.0, 10.0, workers=1,
                       progress=lambda *args: calls.append(args))
    run.run()
    assert all(x is not None for x in run.kept)
    assert [c[0] for c in calls] == list(range(1, 11))
    assert run.certified == 0 and run.executor is None
    for k, x in enumerate(run.kept):
        fresh = optimize(portfolio, _other_values(portfolio, k), gap=0.0)
        assert float(costs[k] @ x) == pytest.approx(fresh.objective, rel=1e-6)


def test_a_sample_between_solved_weights_is_certified_without_a_solve(resolver) -> None:
    # the costs are linear in two weights: the middle sample is a mix of the two before it
    a, b = resolver.nominal_cost, resolver.nominal_cost[::-1].copy()
    a[resolver.model.n_x:] = b[resolver.model.n_x:] = 0.0
    weights = np.array([[1.0, 0.0] + [0.5] * 7, [0.0, 1.0] + [0.5] * 7])
    run = SampleRounds(resolver, lambda k: weights[0, k] * a + weights[1, k] * b, 9, 0.0,
                       10.0, workers=1, certify_with=weights)
    run.run()
    assert run.certified >= 1
    assert all(x is not None for x in run.kept)


def test_a_worker_process_solves_like_this_process(resolver) -> None:
    cost = resolver.nominal_cost
    here = solve_costs(Solver(resolver.model), cost, resolver.x0, 10.0, 0.0, 5)
    with process_pool(resolver.model, 1) as pool:
        k, there = pool.apply(solve_in_worker, ((3, cost, resolver.x0, 10.0, 0.0, 5),))
    assert k == 3
    assert there.objective == pytest.approx(here.objective, rel=1e-9)
    assert np.array_equal(there.x, here.x)  # the same plan under the same work limit


def test_a_script_run_as_main_is_hidden_only_while_workers_start(monkeypatch, tmp_path) -> None:
    fake = types.ModuleType("__main__")
    fake.__file__ = str(tmp_path / "app.py")
    monkeypatch.setitem(sys.modules, "__main__", fake)
    with _script_hidden():
        assert sys.modules["__main__"] is not fake
        assert not hasattr(sys.modules["__main__"], "__file__")
    assert sys.modules["__main__"] is fake


def test_a_pool_starts_when_asked_or_when_the_solves_left_take_long() -> None:
    assert pool_pays_off(2, [], 1)
    assert not pool_pays_off(None, [], 1_000)
    assert not pool_pays_off(None, [0.01], 10)
    assert pool_pays_off(None, [1.0], 100)
    assert worker_count(3) == 3 and worker_count(0) == 1
    assert 1 <= worker_count(None) <= 4


def test_the_time_left_follows_the_pace_so_far() -> None:
    assert eta(0.0, 0, 10) is None
    assert eta(0.0, 5, 5) == 0.0
