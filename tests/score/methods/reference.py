"""scikit-criteria, the independent implementation each method's numpy code is checked against.

Only the tests import it: scoring itself never loads scikit-criteria. Each function scores a
problem's weighted criteria (the ones `evaluate` hands its kernel) and answers (the method's
own index, the extra figures it reports), as the method's `score` kernel does. The 0-1
utilities (anchored or min-max, with clipping) have no scikit-criteria counterpart, so the
weighted sum and the lifted weighted product aggregate the planner's own utilities.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
from hypothesis import reject

from planner.errors import ScoringError
from planner.score.mcda import Outcome, evaluate
from planner.score.methods.vikor import VIKOR_V
from planner.score.methods.wpm import WPM_FLOOR
from planner.score.problem import Problem, utility

Reference = Callable[[Problem, str], tuple[np.ndarray, dict[str, Any]]]


def decision_matrix(problem: Problem, matrix: np.ndarray, maximize: np.ndarray | None = None
                    ) -> Any:
    """A scikit-criteria decision matrix of `matrix` with the problem's names and weights."""
    import skcriteria as skc

    objectives = [1 if up else -1 for up in (problem.maximize if maximize is None else maximize)]
    return skc.mkdm(matrix, objectives, weights=problem.weights,
                    alternatives=list(problem.ids), criteria=list(problem.names))


def _all_maximized(problem: Problem) -> np.ndarray:
    return np.ones(len(problem.names), dtype=bool)


def wsm(problem: Problem, normalization: str) -> tuple[np.ndarray, dict[str, Any]]:
    """The weighted sum of the 0-1 utilities (WeightedSumModel)."""
    from skcriteria.agg.simple import WeightedSumModel

    dm = decision_matrix(problem, utility(problem), _all_maximized(problem))
    return np.asarray(WeightedSumModel().evaluate(dm).e_.score, dtype=float), {}


def wpm(problem: Problem, normalization: str) -> tuple[np.ndarray, dict[str, Any]]:
    """The weighted product (WeightedProductModel answers its base-10 logarithm): on the
    lifted 0-1 scale, or on ratios to the best value (InvertMinimize, then MaxAbsScaler)."""
    from skcriteria.agg.simple import WeightedProductModel
    from skcriteria.preprocessing.invert_objectives import InvertMinimize
    from skcriteria.preprocessing.scalers import MaxAbsScaler

    if normalization == "lifted":
        dm = decision_matrix(problem, WPM_FLOOR + (1 - WPM_FLOOR) * utility(problem),
                             _all_maximized(problem))
    else:
        dm = MaxAbsScaler(target="matrix").transform(
            InvertMinimize().transform(decision_matrix(problem, problem.raw)))
    log_score = WeightedProductModel().evaluate(dm).e_.score
    return np.power(10.0, np.asarray(log_score, dtype=float)), {}


def topsis(problem: Problem, normalization: str) -> tuple[np.ndarray, dict[str, Any]]:
    """Relative closeness on vector-normalized values, with the ideal and anti-ideal points."""
    from skcriteria.agg.topsis import TOPSIS
    from skcriteria.preprocessing.scalers import VectorScaler

    dm = VectorScaler(target="matrix").transform(decision_matrix(problem, problem.raw))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it advises against criteria to minimize
        result = TOPSIS().evaluate(dm)
    extra = {"ideal": np.asarray(result.e_.ideal, dtype=float),
             "anti_ideal": np.asarray(result.e_.anti_ideal, dtype=float)}
    return np.asarray(result.e_.similarity, dtype=float), extra


def vikor(problem: Problem, normalization: str) -> tuple[np.ndarray, dict[str, Any]]:
    """Q with S, R, VIKOR's two conditions and the compromise set."""
    from skcriteria.agg.vikor import VIKOR

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns when S or R is the same for everyone
        result = VIKOR(v=VIKOR_V, use_compromise_set=False).evaluate(
            decision_matrix(problem, problem.raw))
    extra = {"S": np.asarray(result.e_.s_k, dtype=float),
             "R": np.asarray(result.e_.r_k, dtype=float),
             "acceptable_advantage": bool(result.e_.acceptable_advantage),
             "acceptable_stability": bool(result.e_.acceptable_stability),
             "compromise_set": [problem.ids[i] for i in result.e_.compromise_set]}
    return np.asarray(result.e_.q_k, dtype=float), extra


REFERENCES: dict[str, Reference] = {"wsm": wsm, "wpm": wpm, "topsis": topsis, "vikor": vikor}


def both_ways(problem: Problem, method: str, normalization: str
              ) -> tuple[Outcome, np.ndarray, dict[str, Any]]:
    """(the planner's outcome, scikit-criteria's index and extra figures) for one problem.

    A problem the method refuses in plain words, or one nothing separates (scored as a tie
    without calling any method), has nothing to compare and is rejected.
    """
    try:
        outcome = evaluate(problem, method, normalization)
    except ScoringError:
        reject()
    if outcome.extra.get("all_tied"):
        reject()
    score, extra = REFERENCES[method](problem.select(problem.weights > 0), normalization)
    return outcome, score, extra
