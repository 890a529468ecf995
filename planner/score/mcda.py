"""MCDA kernels through scikit-criteria, behind one validating wrapper with plain-word errors.

The library answers a NaN, an all-zero weight vector, a constant column or a lone candidate
with the same opaque "doesn't look like a ranking"; `check_problem` catches each case first
and says what is wrong. Ranks are not taken from the library (it gives dense ranks with ties);
scoring.py breaks ties by candidate id.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import skcriteria as skc
from skcriteria.agg.simple import WeightedProductModel, WeightedSumModel
from skcriteria.agg.topsis import TOPSIS
from skcriteria.agg.vikor import VIKOR
from skcriteria.preprocessing.invert_objectives import InvertMinimize
from skcriteria.preprocessing.scalers import MaxAbsScaler, VectorScaler

from planner.core.models import Criterion, Direction
from planner.errors import ScoringError

METHODS: dict[str, str] = {
    "wsm": "Weighted sum: every criterion on a 0-1 scale (1 = best), times its weight, added "
           "up. The easiest to explain: the parts add up to the score.",
    "wpm": "Weighted product: the 0-1 scores raised to their weights and multiplied, so a weak "
           "spot on any one criterion pulls the whole score down.",
    "topsis": "TOPSIS (Hwang & Yoon 1981): how close a candidate is to an ideal one and how "
              "far from the worst, on vector-normalized values; 1 = ideal.",
    "vikor": "VIKOR (Opricovic & Tzeng 2004): a compromise between the best total and the "
             "smallest worst shortfall (v = 0.5). Its Q is lower-is-better; value = 1 - Q.",
}
DEFAULT_METHOD = "wsm"
VIKOR_V = 0.5
WPM_FLOOR = 0.1  # WPM's 0-1 scale is lifted to 0.1-1 so one worst value cannot zero a score
NORMALIZATIONS: dict[str, str] = {
    "scale": "each criterion on a 0-1 scale where 1 is best: the anchored scale where the "
             "criterion has one (value mapped linearly from scale_min to scale_max, clipped), "
             "otherwise min-max over these candidates (worst 0, best 1)",
    "lifted": "each criterion on the same 0-1 scale (anchored or min-max), lifted to 0.1-1 so "
              "that one worst value cannot make the product zero",
    "ratio": "ratio to the best value (value / best for criteria to maximize, best / value for "
             "criteria to minimize), the classic weighted-product form",
    "vector": "vector normalization (each value divided by the square root of the sum of "
              "squares of its column), as Hwang & Yoon (1981); anchored scales are not used",
    "vikor": "linear normalization: the distance from the best value as a share of the "
             "best-to-worst range, as Opricovic & Tzeng (2004); anchored scales are not used",
}


def method_key(method: str | None) -> str:
    """The short method name for `method` (case and spacing ignored); ScoringError otherwise."""
    key = (method or DEFAULT_METHOD).strip().lower().replace(" ", "").replace("-", "")
    key = {"weightedsum": "wsm", "saw": "wsm", "weightedproduct": "wpm"}.get(key, key)
    if key not in METHODS:
        raise ScoringError(f"There is no scoring method called '{method}'. Choose one of: "
                           f"{', '.join(METHODS)}.")
    return key


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


def _where(problem: Problem, mask: np.ndarray, limit: int = 4) -> str:
    rows, cols = np.nonzero(mask)
    parts = [f"{problem.ids[r]} / {problem.names[c]}" for r, c in zip(rows, cols, strict=True)]
    more = f" and {len(parts) - limit} more" if len(parts) > limit else ""
    return ", ".join(parts[:limit]) + more


def check_problem(problem: Problem, method: str, normalization: str) -> None:
    """Raise ScoringError, in plain words, for any matrix or weights the method cannot score."""
    raw, w = problem.raw, problem.weights
    n, m = raw.shape
    if n == 0:
        raise ScoringError("There are no candidates to score.")
    if m == 0:
        raise ScoringError("There are no criteria to score on.")
    if n == 1:
        raise ScoringError(f"There is only one candidate ({problem.ids[0]}); ranking needs at "
                           "least two to compare.")
    if not np.all(np.isfinite(raw)):
        raise ScoringError("Some values are missing or not numbers: "
                           f"{_where(problem, ~np.isfinite(raw))}. Fill them in first.")
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        bad = [problem.names[j] for j in np.nonzero(~np.isfinite(w) | (w < 0))[0]]
        raise ScoringError(f"Weights must be zero or positive numbers; check {', '.join(bad)}.")
    if w.sum() <= 0:
        raise ScoringError("Every weight is zero, so no criterion counts. Give at least one "
                           "criterion a positive weight.")
    active = w > 0
    if np.all(raw[:, active] == raw[0, active]):
        raise ScoringError("Every candidate has the same value on every weighted criterion, so "
                           "nothing separates them.")
    for j in unscalable(problem, method, normalization):
        name, first = problem.names[j], raw[0, j]
        if normalization == "vector":
            raise ScoringError(f"'{name}' is zero for every candidate; vector normalization "
                               "divides by the column's length, which is zero.")
        fix = "give it an anchored scale (scale_min, scale_max), " if method != "vikor" else ""
        raise ScoringError(
            f"'{name}' is {first:g} for every candidate, so it cannot separate them and its "
            f"0-1 scale is undefined. Remove it, {fix}or set its weight to 0.")
    for j in np.nonzero(active)[0]:
        column, name = raw[:, j], problem.names[j]
        if normalization == "ratio" and np.any(column <= 0):
            mask = np.zeros_like(raw, dtype=bool)
            mask[:, j] = column <= 0
            kind = "inverts criteria to minimize (best / value)" if not problem.maximize[j] \
                else "multiplies ratios, and a zero or negative value breaks the product"
            raise ScoringError(
                f"'{name}' has zero or negative values ({_where(problem, mask)}); "
                f"the weighted product {kind}. Use the 0-1 scale (method wpm without "
                "normalization='ratio') or another method.")


def unscalable(problem: Problem, method: str, normalization: str) -> list[int]:
    """Weighted criteria the normalization cannot scale: constant (or all-zero for vector)."""
    out = []
    for j in np.nonzero(problem.weights > 0)[0]:
        column = problem.raw[:, j]
        if not np.all(column == column[0]):
            continue
        if (normalization == "vector" and column[0] == 0) or method == "vikor" or (
                normalization in ("scale", "lifted") and problem.anchors[j] is None):
            out.append(int(j))
    return out


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


def scale_descriptions(problem: Problem, normalization: str) -> dict[str, str]:
    """Per criterion, the scale used, in words."""
    out = {}
    for j, name in enumerate(problem.names):
        way = "higher is better" if problem.maximize[j] else "lower is better"
        anchor = problem.anchors[j]
        if normalization in ("scale", "lifted") and anchor is not None:
            out[name] = f"anchored {_num(anchor[0])} to {_num(anchor[1])}, {way}"
        elif normalization in ("scale", "lifted"):
            col = problem.raw[:, j]
            out[name] = f"min-max over candidates ({_num(col.min())} to {_num(col.max())}), {way}"
        elif normalization == "ratio":
            out[name] = f"ratio to the best value, {way}"
        elif normalization == "vector":
            out[name] = f"divided by the column's length (vector normalization), {way}"
        else:
            out[name] = f"distance from the best as a share of the best-to-worst range, {way}"
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


def _dm(problem: Problem, matrix: np.ndarray, maximize: np.ndarray | None = None) -> Any:
    objectives = [1 if up else -1 for up in (problem.maximize if maximize is None else maximize)]
    return skc.mkdm(matrix, objectives, weights=problem.weights,
                    alternatives=list(problem.ids), criteria=list(problem.names))


def _attribute(value: np.ndarray, u: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Split each value among criteria in proportion to weight x 0-1 score (sums to value)."""
    parts = u * w
    total = parts.sum(axis=1, keepdims=True)
    share = np.divide(parts, total, out=np.tile(w, (len(u), 1)), where=total > 0)
    return share * value[:, None]


def default_normalization(problem: Problem, method: str) -> str:
    """The normalization a method uses unless told otherwise."""
    if method == "wpm":
        active = problem.select(problem.weights > 0)
        usable = all(a is None for a in active.anchors) and np.all(active.raw > 0)
        return "ratio" if usable else "lifted"
    return {"wsm": "scale", "topsis": "vector", "vikor": "vikor"}[method]


def evaluate(problem: Problem, method: str, normalization: str | None = None) -> Outcome:
    """Validate, then score with scikit-criteria; ScoringError when the problem is degenerate."""
    method = method_key(method)
    allowed = {"wsm": ("scale",), "wpm": ("lifted", "ratio"), "topsis": ("vector",),
               "vikor": ("vikor",)}[method]
    normalization = normalization or default_normalization(problem, method)
    if normalization not in allowed:
        raise ScoringError(f"{method} works with {' or '.join(allowed)} normalization, "
                           f"not '{normalization}'.")
    check_problem(problem, method, normalization)
    u = utility(problem)
    w = problem.weights
    # Weight-0 criteria stay out of the library call: an all-zero column would otherwise
    # turn TOPSIS's vector normalization into NaN for everyone.
    sub = problem.select(w > 0)
    try:
        with warnings.catch_warnings():
            # TOPSIS warns about criteria to minimize, VIKOR about equal distances; both
            # are handled (TOPSIS takes the minimum as ideal, check_problem the rest).
            warnings.simplefilter("ignore")
            score, value, extra = _library_scores(sub, method, normalization, u[:, w > 0])
    except ValueError as exc:  # a case check_problem missed: still say it in words
        raise ScoringError(f"The {method} method could not score these candidates ({exc}). "
                           "Check for criteria with the same value for every candidate.") from None
    if not np.all(np.isfinite(score)):
        raise ScoringError(f"The {method} method produced no score for some candidates; check "
                           "for criteria with the same value for every candidate.")
    if method == "wsm":
        return Outcome(method, normalization, score, value, True, u, u * w, True)
    return Outcome(method, normalization, score, value, method != "vikor", u,
                   _attribute(value, u, w), False, extra)


def _library_scores(problem: Problem, method: str, normalization: str, u: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """(method's own score, higher-is-better value, extra figures) from scikit-criteria."""
    ones = np.ones(len(problem.names), dtype=bool)
    extra: dict[str, Any] = {}
    if method == "wsm":
        score = WeightedSumModel().evaluate(_dm(problem, u, ones)).e_.score
        score = np.asarray(score, dtype=float)
        return score, score, extra
    if method == "wpm":
        if normalization == "lifted":
            dm = _dm(problem, WPM_FLOOR + (1 - WPM_FLOOR) * u, ones)
        else:
            dm = MaxAbsScaler(target="matrix").transform(
                InvertMinimize().transform(_dm(problem, problem.raw)))
        log_score = WeightedProductModel().evaluate(dm).e_.score
        score = np.power(10.0, np.asarray(log_score, dtype=float))
        return score, score, extra
    if method == "topsis":
        dm = VectorScaler(target="matrix").transform(_dm(problem, problem.raw))
        result = TOPSIS().evaluate(dm)
        score = np.asarray(result.e_.similarity, dtype=float)
        extra = {"ideal": result.e_.ideal, "anti_ideal": result.e_.anti_ideal}
        return score, score, extra
    result = VIKOR(v=VIKOR_V, use_compromise_set=False).evaluate(_dm(problem, problem.raw))
    score = np.asarray(result.e_.q_k, dtype=float)
    extra = {"S": np.asarray(result.e_.s_k), "R": np.asarray(result.e_.r_k),
             "acceptable_advantage": bool(result.e_.acceptable_advantage),
             "acceptable_stability": bool(result.e_.acceptable_stability),
             "compromise_set": [problem.ids[i] for i in result.e_.compromise_set]}
    return score, 1.0 - score, extra
