"""Small decision problems for the method tests: frames, criteria and random problems."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from planner.core.models import Criterion
from planner.score.problem import Problem


def frame(rows: Sequence[Sequence[float]], ids: Sequence[str] | None = None) -> pd.DataFrame:
    """A candidates x criteria frame with candidates A0, A1, ... and criteria c0, c1, ..."""
    ids = list(ids or [f"A{i}" for i in range(len(rows))])
    return pd.DataFrame([list(r) for r in rows], index=ids,
                        columns=[f"c{j}" for j in range(len(rows[0]))])


def criteria(m: int, *, minimize: Sequence[int] = (),
             anchors: Mapping[int, tuple[float, float]] | None = None) -> list[Criterion]:
    """Criteria c0..c{m-1} weighted 1, 2, 3, ... (to maximize unless listed in `minimize`)."""
    anchors = anchors or {}
    return [Criterion(criterion=f"c{j}", column=f"c{j}", weight=1.0 + j,
                      direction="min" if j in minimize else "max",
                      scale_min=anchors[j][0] if j in anchors else None,
                      scale_max=anchors[j][1] if j in anchors else None)
            for j in range(m)]


def random_problem(seed: int, *, positive: bool = False, anchored: bool = False,
                   zero_weight: bool = False) -> Problem:
    """A problem every method can score: distinct values, mixed directions, random weights.

    `positive` keeps every value above zero (for ratio scales), `anchored` gives some criteria
    an anchored scale (some narrower than the values, so they clip), `zero_weight` sets one
    criterion's weight to zero.
    """
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(3, 12)), int(rng.integers(2, 6))
    raw = rng.uniform(1, 100, (n, m)) if positive else rng.normal(0, 50, (n, m))
    weights = rng.dirichlet(np.ones(m))
    if zero_weight:
        weights[0] = 0.0
        weights /= weights.sum()
    anchors: list[tuple[float, float] | None] = [None] * m
    if anchored:
        for j in range(0, m, 2):
            lo, hi = raw[:, j].min(), raw[:, j].max()
            anchors[j] = (lo + 0.2 * (hi - lo), hi + 10.0)
    return Problem(ids=tuple(f"C{i:02d}" for i in range(n)),
                   names=tuple(f"c{j}" for j in range(m)), raw=raw,
                   maximize=rng.random(m) < 0.6, weights=weights, anchors=tuple(anchors))


def with_weights(problem: Problem, weights: np.ndarray) -> Problem:
    """The same problem under other weights."""
    return replace(problem, weights=np.asarray(weights, dtype=float))
