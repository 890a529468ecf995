"""Small decision problems for the method tests: frames, criteria, random problems and a
hypothesis strategy of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
from hypothesis import assume
from hypothesis import strategies as st

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


GRID = 4  # values are quarters: two different values of a criterion differ by at least 0.25
NUDGES = (0.0, 1e-12, 1e-9, 1e-6)  # how far a near-tie's copy moves (times the value's size)


@st.composite
def decision_problems(draw: st.DrawFn, *, positive: bool = False,
                      anchored: bool = False) -> Problem:
    """A random problem: 2-9 candidates, 1-5 criteria with mixed directions, whole-number
    weights (some 0), and near-ties: candidates copied from another and nudged by a hair.

    `positive` keeps the weighted values above zero (for ratio scales; a weight-0 criterion
    may still hold zero or negative values), `anchored` gives some criteria an anchored scale.
    A criterion is constant or spread by at least 0.25, never nearly constant: there every
    implementation's answer is rounding noise.
    """
    n, m = draw(st.integers(2, 9)), draw(st.integers(1, 5))
    cells = st.integers(1 if positive else -400, 400).map(lambda v: v / GRID)
    rows = st.lists(cells, min_size=m, max_size=m)
    raw = np.array(draw(st.lists(rows, min_size=n, max_size=n)), dtype=float)
    for _ in range(draw(st.integers(0, n - 1))):
        i, j, k = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1)), \
            draw(st.integers(0, m - 1))
        raw[i] = raw[j]
        raw[i, k] += draw(st.sampled_from(NUDGES)) * max(1.0, abs(raw[j, k]))
    weights = np.array(draw(st.lists(st.integers(0, 6), min_size=m, max_size=m)), dtype=float)
    assume(weights.sum() > 0)
    if positive:
        for j in np.nonzero(weights == 0)[0]:
            raw[:, j] = draw(st.lists(st.integers(-8, 8), min_size=n, max_size=n))
    span = raw.max(axis=0) - raw.min(axis=0)
    assume(np.all((span == 0) | (span >= 1 / GRID)))
    anchors: list[tuple[float, float] | None] = [None] * m
    for j in range(m):
        if anchored and draw(st.booleans()):
            low = draw(cells)
            anchors[j] = (low, low + draw(st.integers(1, 800)) / GRID)
    return Problem(ids=tuple(f"C{i:02d}" for i in range(n)),
                   names=tuple(f"c{j}" for j in range(m)), raw=raw,
                   maximize=np.array(draw(st.lists(st.booleans(), min_size=m, max_size=m))),
                   weights=weights / weights.sum(), anchors=tuple(anchors))
