"""TOPSIS (Hwang & Yoon 1981): closeness to an ideal candidate, on vector-normalized values."""

from __future__ import annotations

from typing import Any

import numpy as np

from planner.errors import ScoringError
from planner.score.methods._library import decision_matrix
from planner.score.methods._spec import MethodSpec
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


def library_scores(problem: Problem, normalization: str, u: np.ndarray
                   ) -> tuple[np.ndarray, dict[str, Any]]:
    """Relative closeness through scikit-criteria, with the ideal and anti-ideal points."""
    from skcriteria.agg.topsis import TOPSIS
    from skcriteria.preprocessing.scalers import VectorScaler

    dm = VectorScaler(target="matrix").transform(decision_matrix(problem, problem.raw))
    result = TOPSIS().evaluate(dm)
    extra = {"ideal": result.e_.ideal, "anti_ideal": result.e_.anti_ideal}
    return np.asarray(result.e_.similarity, dtype=float), extra


def batch_values(problem: Problem, normalization: str, weights: np.ndarray) -> np.ndarray:
    """Relative closeness under each weight vector: candidates x samples."""
    raw, up = problem.raw, problem.maximize
    length = np.sqrt((raw ** 2).sum(axis=0))
    r = raw / np.where(length > 0, length, 1.0)
    ideal = np.where(up, r.max(axis=0), r.min(axis=0))
    anti = np.where(up, r.min(axis=0), r.max(axis=0))
    d_best = np.sqrt(((r - ideal) ** 2) @ (weights ** 2))
    d_worst = np.sqrt(((r - anti) ** 2) @ (weights ** 2))
    total = d_best + d_worst
    return np.divide(d_worst, total, out=np.zeros_like(total), where=total > 0)


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
    library=library_scores,
    batch=batch_values,
    unscalable=unscalable,
    check=check,
)
