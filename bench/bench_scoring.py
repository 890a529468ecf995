"""Scoring speed: 5,000 x 10 under every method, metrics, SMAA-2 with 10,000 weight samples,
and the sample city's first score in a fresh process (what a `planner plan` pays, imports
included: scoring loads no MCDA library, so this is milliseconds, not the 2.3 s that
importing scikit-criteria took)."""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from bench import median_seconds
from planner.core.models import Criterion
from planner.score.mcda import METHOD_DESCRIPTIONS
from planner.score.rank_robustness import smaa
from planner.score.scoring import score_matrix, score_portfolio
from tests.factories import make_portfolio

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_city.xlsx"
FIRST_SCORE = """
import sys, time
from planner.service import load_paths
from planner.score.scoring import score_portfolio
city = load_paths([{path!r}]).portfolio
started = time.perf_counter()
score_portfolio(city, method={method!r})
print(time.perf_counter() - started, "skcriteria" in sys.modules, "scipy.stats" in sys.modules)
"""


def first_score(method: str, repeats: int = 3) -> tuple[float, bool]:
    """(median seconds of the sample city's first score_portfolio in a fresh process,
    whether any run loaded scikit-criteria or SciPy's statistics)."""
    times, loaded = [], False
    for _ in range(repeats):
        done = subprocess.run([sys.executable, "-c", FIRST_SCORE.format(path=str(SAMPLE),
                                                                        method=method)],
                              capture_output=True, text=True, check=True,
                              cwd=SAMPLE.parents[1])
        seconds, *libraries = done.stdout.split()
        times.append(float(seconds))
        loaded = loaded or "True" in libraries
    return statistics.median(times), loaded


def _matrix(n: int, m: int, seed: int = 0) -> tuple[pd.DataFrame, list[Criterion]]:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(rng.gamma(2.0, 10.0, size=(n, m)) + 0.01,
                         index=[f"C{i:05d}" for i in range(n)],
                         columns=[f"c{j}" for j in range(m)])
    criteria = [Criterion(criterion=f"c{j}", column=f"c{j}", weight=float(rng.uniform(0.5, 2)),
                          direction="min" if j % 3 == 2 else "max") for j in range(m)]
    return frame, criteria


def main() -> None:
    """Print median timings."""
    frame, criteria = _matrix(5_000, 10)
    for method in METHOD_DESCRIPTIONS:
        seconds = median_seconds(lambda m=method: score_matrix(frame, criteria, method=m))
        print(f"score_matrix 5,000 x 10, {method:6s}: {seconds * 1000:7.1f} ms")

    portfolio = make_portfolio(n=5_000, seed=1)
    seconds = median_seconds(lambda: score_portfolio(portfolio), repeats=3)
    print(f"score_portfolio 5,000 candidates (metrics + wsm, balanced): {seconds * 1000:.0f} ms")

    if SAMPLE.exists():
        from planner.service import load_paths

        city = load_paths([SAMPLE]).portfolio
        seconds = median_seconds(lambda: score_portfolio(city))
        print(f"score_portfolio sample city ({len(city.candidates)} candidates): "
              f"{seconds * 1000:.1f} ms")
        for method in METHOD_DESCRIPTIONS:
            seconds, loaded = first_score(method)
            print(f"score_portfolio sample city, first call in a fresh process, {method:6s}: "
                  f"{seconds * 1000:7.1f} ms (median of 3"
                  f"{'; loaded scikit-criteria or scipy.stats' if loaded else ''})")

    frame, criteria = _matrix(1_000, 10, seed=2)
    for method in METHOD_DESCRIPTIONS:
        result = score_matrix(frame, criteria, method=method)
        seconds = median_seconds(
            lambda r=result: smaa(r, samples=10_000, seed=0, concentration=50), repeats=3)
        print(f"SMAA-2 1,000 candidates x 10 criteria, 10,000 samples, {method:6s}: "
              f"{seconds:.2f} s")


if __name__ == "__main__":
    main()
