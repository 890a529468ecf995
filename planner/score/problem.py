"""The decision problem every MCDA method scores, and the checks and scales they share.

Kept free of pandas at import time so that the method registry, which every method module
builds on, stays light to import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from planner.core.models import Criterion, Direction
from planner.errors import ScoringError

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Problem:
    """A decision matrix ready to score: raw values, directions, weights and anchors."""

    ids: tuple[str, ...]
    names: tuple[str, ...]
    raw: np.ndarray  # candidates x criteria
    maximize: np.ndarray  # bool per criterion
    weights: np.ndarray  # normalized, summing to 1
    anchors: tuple[tuple[float, float] | None, ...]

    @classmethod
    def build(cls, matrix: pd.DataFrame, criteria: Sequence[Criterion],
              weights: Mapping[str, float]) -> Problem:
        """From a candidates x criteria frame (columns named by criterion) and weights."""
        names = tuple(c.criterion for c in criteria)
        raw = matrix.reindex(columns=list(names)).to_numpy(dtype=float)
        w = np.array([float(weights[n]) for n in names], dtype=float)
        anchors = tuple(
            (min(c.scale_min, c.scale_max), max(c.scale_min, c.scale_max))
            if c.scale_min is not None and c.scale_max is not None else None
            for c in criteria)
        return cls(ids=tuple(str(i) for i in matrix.index), names=names, raw=raw,
                   maximize=np.array([c.direction is Direction.MAX for c in criteria]),
                   weights=w, anchors=anchors)

    def select(self, keep: np.ndarray) -> Problem:
        """The same problem restricted to some criteria (weights kept as they are)."""
        return Problem(ids=self.ids, names=tuple(n for n, k in zip(self.names, keep, strict=True)
                                                 if k),
                       raw=self.raw[:, keep], maximize=self.maximize[keep],
                       weights=self.weights[keep],
                       anchors=tuple(a for a, k in zip(self.anchors, keep, strict=True) if k))


def where(problem: Problem, mask: np.ndarray, limit: int = 4) -> str:
    """The cells of `mask` as 'candidate / criterion', the first few then a count."""
    rows, cols = np.nonzero(mask)
    parts = [f"{problem.ids[r]} / {problem.names[c]}" for r, c in zip(rows, cols, strict=True)]
    more = f" and {len(parts) - limit} more" if len(parts) > limit else ""
    return ", ".join(parts[:limit]) + more


def check_common(problem: Problem) -> None:
    """Raise ScoringError, in plain words, for what no method can score (a tie is scored:
    see `all_tied`)."""
    raw, w = problem.raw, problem.weights
    n, m = raw.shape
    if n == 0:
        raise ScoringError("There are no candidates to score.")
    if m == 0:
        raise ScoringError("There are no criteria to score on.")
    if not np.all(np.isfinite(raw)):
        raise ScoringError("Some values are missing or not numbers: "
                           f"{where(problem, ~np.isfinite(raw))}. Fill them in first.")
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        bad = [problem.names[j] for j in np.nonzero(~np.isfinite(w) | (w < 0))[0]]
        raise ScoringError(f"Weights must be zero or positive numbers; check {', '.join(bad)}.")
    if w.sum() <= 0:
        raise ScoringError("Every weight is zero, so no criterion counts. Give at least one "
                           "criterion a positive weight.")


def all_tied(problem: Problem) -> bool:
    """True when nothing separates the candidates: one candidate, or every one the same on
    every weighted criterion. No method can rank them; each then counts the same."""
    active = problem.weights > 0
    return bool(np.all(problem.raw[:, active] == problem.raw[0, active]))


def constant_columns(problem: Problem) -> list[int]:
    """Weighted criteria with the same value for every candidate."""
    return [int(j) for j in np.nonzero(problem.weights > 0)[0]
            if np.all(problem.raw[:, j] == problem.raw[0, j])]


def constant_column_error(problem: Problem, j: int, fix: str = "") -> ScoringError:
    """The error for a constant criterion whose 0-1 scale is undefined; `fix` adds a remedy."""
    return ScoringError(
        f"'{problem.names[j]}' is {problem.raw[0, j]:g} for every candidate, so it cannot "
        f"separate them and its 0-1 scale is undefined. Remove it, {fix}or set its weight to 0.")


def utility(problem: Problem) -> np.ndarray:
    """Every criterion on 0..1 with 1 the best value (anchored, else min-max; constant = 0.5)."""
    raw = problem.raw
    lo = raw.min(axis=0)
    hi = raw.max(axis=0)
    for j, anchor in enumerate(problem.anchors):
        if anchor is not None:
            lo[j], hi[j] = anchor
    span = np.where(hi > lo, hi - lo, 1.0)
    scaled = np.clip((raw - lo) / span, 0.0, 1.0)
    scaled[:, hi <= lo] = 0.5
    return np.where(problem.maximize, scaled, 1.0 - scaled)


def _num(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def utility_scale_words(problem: Problem, j: int) -> str:
    """How criterion j reaches its 0-1 scale: its anchors, or min-max over the candidates."""
    anchor = problem.anchors[j]
    if anchor is not None:
        return f"anchored {_num(anchor[0])} to {_num(anchor[1])}"
    col = problem.raw[:, j]
    return f"min-max over candidates ({_num(col.min())} to {_num(col.max())})"
