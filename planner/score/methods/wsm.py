"""Weighted sum (WSM, also called SAW): every criterion on a 0-1 scale, times its weight."""

from __future__ import annotations

from typing import Any

import numpy as np

from planner.score.methods._spec import MethodSpec, own_weights
from planner.score.problem import (
    Problem,
    constant_column_error,
    constant_columns,
    utility,
    utility_scale_words,
)

NORMALIZATIONS = {
    "scale": "each criterion on a 0-1 scale where 1 is best: the anchored scale where the "
             "criterion has one (value mapped linearly from scale_min to scale_max, clipped), "
             "otherwise min-max over these candidates (worst 0, best 1)",
}


def default_normalization(problem: Problem) -> str:
    """The anchored-or-min-max 0-1 scale, the only one the weighted sum uses."""
    return "scale"


def unscalable(problem: Problem, normalization: str) -> list[int]:
    """Constant criteria without an anchored scale: their min-max scale is undefined."""
    return [j for j in constant_columns(problem) if problem.anchors[j] is None]


def check(problem: Problem, normalization: str) -> None:
    """Refuse a weighted criterion whose 0-1 scale is undefined."""
    for j in unscalable(problem, normalization):
        raise constant_column_error(
            problem, j, "give it an anchored scale (scale_min, scale_max), ")


def scale_words(problem: Problem, normalization: str, j: int) -> str:
    """Criterion j's scale in words."""
    return utility_scale_words(problem, j)


def batch_values(problem: Problem, normalization: str, weights: np.ndarray) -> np.ndarray:
    """Utilities times each weight vector: candidates x samples."""
    return utility(problem) @ weights


def scores(problem: Problem, normalization: str) -> tuple[np.ndarray, dict[str, Any]]:
    """The weighted sum at the problem's own weights (nothing extra to report)."""
    return batch_values(problem, normalization, own_weights(problem))[:, 0], {}


SPEC = MethodSpec(
    key="wsm",
    label="Weighted sum",
    description="Weighted sum: every criterion on a 0-1 scale (1 = best), times its weight, "
                "added up. The easiest to explain: the parts add up to the score.",
    council_words="Weighted sum (WSM): each project's score adds up its rated criteria, "
                  "each multiplied by its weight.",
    position=1,
    normalizations=NORMALIZATIONS,
    default_normalization=default_normalization,
    scale_words=scale_words,
    score=scores,
    batch=batch_values,
    unscalable=unscalable,
    check=check,
    exact_contributions=True,
    aliases=("weightedsum", "saw"),
)
