"""Weighted product (WPM): 0-1 scores raised to their weights and multiplied."""

from __future__ import annotations

from typing import Any

import numpy as np

from planner.errors import ScoringError
from planner.score.methods._spec import MethodSpec, own_weights
from planner.score.problem import (
    Problem,
    constant_column_error,
    constant_columns,
    utility,
    utility_scale_words,
    where,
)

WPM_FLOOR = 0.1  # WPM's 0-1 scale is lifted to 0.1-1 so one worst value cannot zero a score
NORMALIZATIONS = {
    "lifted": "each criterion on the same 0-1 scale (anchored or min-max), lifted to 0.1-1 so "
              "that one worst value cannot make the product zero",
    "ratio": "ratio to the best value (value / best for criteria to maximize, best / value for "
             "criteria to minimize), the classic weighted-product form",
}


def default_normalization(problem: Problem) -> str:
    """Ratios to the best value when every weighted value is positive and unanchored."""
    active = problem.select(problem.weights > 0)
    usable = all(a is None for a in active.anchors) and np.all(active.raw > 0)
    return "ratio" if usable else "lifted"


def unscalable(problem: Problem, normalization: str) -> list[int]:
    """On the lifted scale, constant criteria without anchors; ratios scale every criterion."""
    if normalization == "ratio":
        return []
    return [j for j in constant_columns(problem) if problem.anchors[j] is None]


def check(problem: Problem, normalization: str) -> None:
    """Refuse an undefined 0-1 scale, and a zero or negative value under ratios."""
    for j in unscalable(problem, normalization):
        raise constant_column_error(
            problem, j, "give it an anchored scale (scale_min, scale_max), ")
    if normalization != "ratio":
        return
    raw = problem.raw
    for j in np.nonzero(problem.weights > 0)[0]:
        column = raw[:, j]
        if np.any(column <= 0):
            mask = np.zeros_like(raw, dtype=bool)
            mask[:, j] = column <= 0
            kind = "inverts criteria to minimize (best / value)" if not problem.maximize[j] \
                else "multiplies ratios, and a zero or negative value breaks the product"
            raise ScoringError(
                f"'{problem.names[j]}' has zero or negative values ({where(problem, mask)}); "
                f"the weighted product {kind}. Use the 0-1 scale (method wpm without "
                "normalization='ratio') or another method.")


def scale_words(problem: Problem, normalization: str, j: int) -> str:
    """Criterion j's scale in words."""
    if normalization == "ratio":
        return "ratio to the best value"
    return utility_scale_words(problem, j)


def _base(problem: Problem, normalization: str) -> np.ndarray:
    """What the product multiplies: the lifted 0-1 scale, or the ratio to the best value."""
    if normalization == "lifted":
        return WPM_FLOOR + (1 - WPM_FLOOR) * utility(problem)
    raw = problem.raw
    return np.where(problem.maximize, raw / raw.max(axis=0), raw.min(axis=0) / raw)


def batch_values(problem: Problem, normalization: str, weights: np.ndarray) -> np.ndarray:
    """The product of each base raised to its weight, as exp(log(base) @ weights): candidates
    x samples. A criterion no sample weighs stays out: a ratio to its best value may be
    undefined (a zero or negative value), and 0 x log(undefined) would spoil every score."""
    live = np.any(weights > 0, axis=1)
    return np.exp(np.log(_base(problem.select(live), normalization)) @ weights[live])


def scores(problem: Problem, normalization: str) -> tuple[np.ndarray, dict[str, Any]]:
    """The weighted product at the problem's own weights (nothing extra to report)."""
    return batch_values(problem, normalization, own_weights(problem))[:, 0], {}


SPEC = MethodSpec(
    key="wpm",
    label="Weighted product",
    description="Weighted product: the 0-1 scores raised to their weights and multiplied, so a "
                "weak spot on any one criterion pulls the whole score down.",
    council_words="Weighted product (WPM): each project's score multiplies its rated criteria, "
                  "each raised to the power of its weight.",
    position=2,
    normalizations=NORMALIZATIONS,
    default_normalization=default_normalization,
    scale_words=scale_words,
    score=scores,
    batch=batch_values,
    unscalable=unscalable,
    check=check,
    aliases=("weightedproduct",),
)
