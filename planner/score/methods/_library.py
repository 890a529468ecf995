"""What the scikit-criteria kernels share; the library is imported only when one runs."""

from __future__ import annotations

from typing import Any

import numpy as np

from planner.score.problem import Problem


def decision_matrix(problem: Problem, matrix: np.ndarray,
                    maximize: np.ndarray | None = None) -> Any:
    """A scikit-criteria decision matrix of `matrix` with the problem's names and weights."""
    import skcriteria as skc

    objectives = [1 if up else -1 for up in (problem.maximize if maximize is None else maximize)]
    return skc.mkdm(matrix, objectives, weights=problem.weights,
                    alternatives=list(problem.ids), criteria=list(problem.names))


def all_maximized(problem: Problem) -> np.ndarray:
    """Every criterion to maximize: for matrices already turned to 0-1 with 1 the best."""
    return np.ones(len(problem.names), dtype=bool)
