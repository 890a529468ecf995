"""TOPSIS (Hwang & Yoon 1981): closeness to an ideal candidate, on vector-normalized values."""

from __future__ import annotations

from typing import Any

import numpy as np

from planner.errors import ScoringError
from planner.score.methods._spec import MethodSpec, own_weights
from planner.score.problem import Problem, constant_columns

NORMALIZATIONS = {
    "vector": "vector normalization (each value divided by the square root of the sum of "
              "squares of its column), as Hwang & Yoon (1981); anchored scales are not used",
}


def default_normalization(problem: Problem) -> str:
    """Vector normalization, the only one TOPSIS uses."""
    return "vector"


def unscalable(problem: Problem, normalization: str) -> list[int]:
    """All-zero criteria: their column length is zero."""
    return [j for j in constant_columns(problem) if problem.raw[0, j] == 0]


def check(problem: Problem, normalization: str) -> None:
    """Refuse a weighted criterion that is zero for every candidate."""
    for j in unscalable(problem, normalization):
        raise ScoringError(f"'{problem.names[j]}' is zero for every candidate; vector "
                           "normalization divides by the column's length, which is zero.")


def scale_words(problem: Problem, normalization: str, j: int) -> str:
    """Criterion j's scale in words."""
    return "divided by the column's length (vector normalization)"


def _closeness(problem: Problem, weights: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(relative closeness, candidates x samples; the ideal and anti-ideal points on the
    vector-normalized scale, before weighting).

    As Hwang & Yoon: vector-normalize, take the best and worst value of each criterion as the
    ideal and anti-ideal points, and score d(anti-ideal) / (d(ideal) + d(anti-ideal)) with
    weighted Euclidean distances. Weighing each difference (w x (r - r*))^2 = w^2 x (r - r*)^2
    lets one matrix product score every sample.
    """
    raw, up = problem.raw, problem.maximize
    length = np.sqrt((raw ** 2).sum(axis=0))
    r = raw / np.where(length > 0, length, 1.0)
    ideal = np.where(up, r.max(axis=0), r.min(axis=0))
    anti = np.where(up, r.min(axis=0), r.max(axis=0))
    squared = weights ** 2
    d_best = np.sqrt(((r - ideal) ** 2) @ squared)
    d_worst = np.sqrt(((r - anti) ** 2) @ squared)
    total = d_best + d_worst
    closeness = np.divide(d_worst, total, out=np.zeros_like(total), where=total > 0)
    return closeness, ideal, anti


def batch_values(problem: Problem, normalization: str, weights: np.ndarray) -> np.ndarray:
    """Relative closeness under each weight vector: candidates x samples."""
    return _closeness(problem, weights)[0]


def scores(problem: Problem, normalization: str) -> tuple[np.ndarray, dict[str, Any]]:
    """Relative closeness at the problem's own weights, with the ideal and anti-ideal points
    (weighted, vector-normalized values)."""
    closeness, ideal, anti = _closeness(problem, own_weights(problem))
    w = problem.weights
    return closeness[:, 0], {"ideal": ideal * w, "anti_ideal": anti * w}


SPEC = MethodSpec(
    key="topsis",
    label="TOPSIS",
    description="TOPSIS (Hwang & Yoon 1981): how close a candidate is to an ideal one and how "
                "far from the worst, on vector-normalized values; 1 = ideal.",
    council_words="TOPSIS: each project is scored by how close it is to an ideal project and "
                  "how far from the worst one.",
    position=3,
    normalizations=NORMALIZATIONS,
    default_normalization=default_normalization,
    scale_words=scale_words,
    score=scores,
    batch=batch_values,
    unscalable=unscalable,
    check=check,
)
