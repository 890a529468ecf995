"""The solver wrapper: silent from construction, in this process and in worker processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
from planner.explain.robustness import funding_robustness
from planner.score.scoring import score_portfolio
from planner.plan.solver import silent_highs
from tests.factories import make_portfolio

silent_highs()
portfolio = make_portfolio(n=30, seed=3)
scores = score_portfolio(portfolio, method="topsis")  # no certificates: every sample solves
result = funding_robustness(portfolio, scores, samples=4, seed=0, workers=2)
assert result.workers == 2 and result.solves >= 2, (result.workers, result.solves)
"""


def test_no_solver_banner_reaches_either_stream_even_from_worker_processes() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          cwd=ROOT, timeout=600, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr == ""


def test_muting_the_construction_keeps_what_python_printed_before_it(capfd) -> None:
    from planner.plan.solver import silent_highs

    print("before", flush=False)
    silent_highs()
    print("after")
    out, _ = capfd.readouterr()
    assert out == "before\nafter\n"



def test_a_very_large_model_is_planned_from_its_relaxation_with_an_honest_bound(
        monkeypatch) -> None:
    import numpy as np
    import pytest

    from planner.plan import solver as solver_module
    from planner.plan.baselines import funded_items, plan_objective
    from planner.plan.model import build_model
    from planner.plan.solver import Outcome, Solver
    from tests.factories import make_portfolio
    from tests.plan.support import hand_plan, violations

    portfolio = make_portfolio(n=60, seed=7, with_mandatory=True)
    values = {cid: 1.0 + (i % 7) / 3 for i, cid in enumerate(portfolio.candidates)}
    model = build_model(portfolio, values)
    exact = Solver(model).solve(600, 0.0)
    monkeypatch.setattr(solver_module, "LARGE_COLUMNS", 10)  # this model counts as very large
    runs = [Solver(model).solve(600, 1e-4, None, nodes=50) for _ in range(2)]
    found = runs[0]
    assert found.x is not None and np.array_equal(found.x, runs[1].x)  # the same every run
    assert found.bound is not None and found.bound >= exact.objective - 1e-7
    assert 0 < found.objective <= exact.objective + 1e-7
    assert (found.outcome is Outcome.TIME_LIMIT) == (found.gap is None or found.gap > 1e-4)
    chosen = model.chosen(found.x)
    assert violations(portfolio, hand_plan(*funded_items(portfolio, values, chosen))) == []
    assert plan_objective(portfolio, values, chosen) == pytest.approx(found.objective)


def test_a_very_large_model_keeps_a_feasible_start_within_reach(monkeypatch) -> None:
    import numpy as np

    from planner.plan import solver as solver_module
    from planner.plan.baselines import greedy
    from planner.plan.model import build_model
    from planner.plan.solver import Solver
    from tests.factories import make_portfolio

    portfolio = make_portfolio(n=60, seed=8)
    values = {cid: 1.0 + (i % 5) / 2 for i, cid in enumerate(portfolio.candidates)}
    model = build_model(portfolio, values)
    start = greedy(portfolio, values)
    hint = model.x_vector({item.candidate_id: item.start_year for item in start.funded})
    monkeypatch.setattr(solver_module, "LARGE_COLUMNS", 10)
    found = Solver(model).solve(600, 1e-4, hint, nodes=0)
    assert found.x is not None  # the start is never fixed out of the smaller MIP
    assert float(model.cost @ found.x) >= float(model.cost[: len(hint)] @ hint) - 1e-7
    assert np.all(found.x[: model.n_x] >= -1e-9)


def test_a_very_large_model_that_no_plan_fits_is_infeasible_from_its_relaxation(
        monkeypatch) -> None:
    from planner.plan import solver as solver_module
    from planner.plan.model import build_model
    from planner.plan.solver import Outcome, Solver
    from tests.plan.support import cand, portfolio

    book = portfolio([cand("A", 500.0, mandatory=True), cand("B", 10.0)],
                     {2027: {"General": 100.0}})
    model = build_model(book, {"A": 1.0, "B": 1.0})
    monkeypatch.setattr(solver_module, "LARGE_COLUMNS", 0)
    found = Solver(model).solve(600, 0.0)
    assert found.outcome is Outcome.INFEASIBLE and found.x is None
