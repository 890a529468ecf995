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
