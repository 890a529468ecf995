"""MCDA scoring behind one validating wrapper with plain-word errors.

Each method lives in its own module of planner/score/methods/ (its words, scales, checks and
its numpy kernel, the one definition of its score); this module runs whichever one is asked
for. A NaN, an all-zero weight vector or a constant column would give a method NaN scores or
a division by zero; `check_problem` catches each case first and says what is wrong, and
candidates nothing separates are scored as tied. Methods give scores, not ranks: scoring.py
ranks them and breaks ties by candidate id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from planner.errors import ScoringError
from planner.score import methods
from planner.score.methods import DEFAULT_METHOD, METHOD_KEYS, method_key
from planner.score.methods.vikor import VIKOR_V
from planner.score.methods.wpm import WPM_FLOOR
from planner.score.problem import Problem, all_tied, check_common, utility

__all__ = ["DEFAULT_METHOD", "METHOD_DESCRIPTIONS", "NORMALIZATIONS", "VIKOR_V", "WPM_FLOOR",
           "Outcome", "Problem", "check_problem", "default_normalization", "evaluate", "method_key",
           "scale_descriptions", "unscalable", "utility"]

# Key -> the plain-words description shown beside results (METHOD_LABELS has the labels).
METHOD_DESCRIPTIONS: dict[str, str] = {key: methods.method(key).description for key in METHOD_KEYS}
NORMALIZATIONS: dict[str, str] = dict(methods.NORMALIZATIONS)  # key -> plain words


def check_problem(problem: Problem, method: str, normalization: str) -> None:
    """Raise ScoringError, in plain words, for any matrix or weights the method cannot score."""
    check_common(problem)
    methods.method(method).check(problem, normalization)


def unscalable(problem: Problem, method: str, normalization: str) -> list[int]:
    """Weighted criteria the normalization cannot scale (constant, or all-zero for vector)."""
    return methods.method(method).unscalable(problem, normalization)


def default_normalization(problem: Problem, method: str) -> str:
    """The normalization a method uses unless told otherwise."""
    return methods.method(method).default_normalization(problem)


def scale_descriptions(problem: Problem, normalization: str) -> dict[str, str]:
    """Per criterion, the scale used, in words."""
    spec = methods.normalization_owner(normalization)
    out = {}
    for j, name in enumerate(problem.names):
        way = "higher is better" if problem.maximize[j] else "lower is better"
        out[name] = f"{spec.scale_words(problem, normalization, j)}, {way}"
    return out


@dataclass(frozen=True)
class Outcome:
    """A method's raw answer: its own index, a higher-is-better value, and attribution."""

    method: str
    normalization: str  # key of NORMALIZATIONS
    score: np.ndarray
    value: np.ndarray
    higher_is_better: bool
    utility: np.ndarray
    contributions: np.ndarray
    exact: bool
    extra: dict[str, Any] = field(default_factory=dict)


def _attribute(value: np.ndarray, u: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Split each value among criteria in proportion to weight x 0-1 score (sums to value)."""
    parts = u * w
    total = parts.sum(axis=1, keepdims=True)
    share = np.divide(parts, total, out=np.tile(w, (len(u), 1)), where=total > 0)
    return share * value[:, None]


def evaluate(problem: Problem, method: str, normalization: str | None = None) -> Outcome:
    """Validate, then score with the method's kernel; ScoringError when the problem is
    degenerate."""
    spec = methods.method(method)
    allowed = tuple(spec.normalizations)
    normalization = normalization or spec.default_normalization(problem)
    if normalization not in allowed:
        raise ScoringError(f"{spec.key} works with {' or '.join(allowed)} normalization, "
                           f"not '{normalization}'.")
    check_common(problem)
    u = utility(problem)
    w = problem.weights
    if all_tied(problem):
        return _tied(problem, spec, normalization, u)
    spec.check(problem, normalization)
    # Weight-0 criteria stay out of the kernel: their values need not be scalable (all zero
    # under vector normalization, zero or negative under ratios), and the extra figures (such
    # as TOPSIS's ideal point) speak only of the criteria that count.
    with np.errstate(divide="ignore", invalid="ignore"):  # a NaN is caught just below
        score, extra = spec.score(problem.select(w > 0), normalization)
    if not np.all(np.isfinite(score)):
        raise ScoringError(f"The {spec.key} method produced no score for some candidates; "
                           "check for criteria with the same value for every candidate.")
    value = 1.0 - score if spec.lower_is_better else score
    contributions = u * w if spec.exact_contributions else _attribute(value, u, w)
    return Outcome(spec.key, normalization, score, value, not spec.lower_is_better, u,
                   contributions, spec.exact_contributions, extra)


def _tied(problem: Problem, spec: Any, normalization: str, u: np.ndarray) -> Outcome:
    """Candidates nothing separates: each gets value 1 (the method's best score), so a plan
    funds as many as the budget and rules allow."""
    n = len(problem.ids)
    value = np.ones(n)
    score = np.zeros(n) if spec.lower_is_better else value
    return Outcome(spec.key, normalization, score, value, not spec.lower_is_better, u,
                   _attribute(value, u, problem.weights), False, {"all_tied": True})
