"""VIKOR (Opricovic & Tzeng 2004): a compromise between the best total and the least regret."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from planner.score.methods._library import decision_matrix
from planner.score.methods._spec import MethodSpec
from planner.score.problem import Problem, constant_column_error, constant_columns

VIKOR_V = 0.5  # weight of the group utility S against the individual regret R in Q
NORMALIZATIONS = {
    "vikor": "linear normalization: the distance from the best value as a share of the "
             "best-to-worst range, as Opricovic & Tzeng (2004); anchored scales are not used",
}


def default_normalization(problem: Problem) -> str:
    """The best-to-worst linear normalization, the only one VIKOR uses."""
    return "vikor"


def unscalable(problem: Problem, normalization: str) -> list[int]:
    """Constant criteria: their best-to-worst range is zero (anchors are not used)."""
    return constant_columns(problem)


def check(problem: Problem, normalization: str) -> None:
    """Refuse a weighted criterion with the same value for every candidate."""
    for j in unscalable(problem, normalization):
        raise constant_column_error(problem, j)


def scale_words(problem: Problem, normalization: str, j: int) -> str:
    """Criterion j's scale in words."""
    return "distance from the best as a share of the best-to-worst range"


def notes(extra: Mapping[str, Any]) -> list[str]:
    """Say so when VIKOR's own conditions find no single clear winner."""
    if extra.get("acceptable_advantage") and extra.get("acceptable_stability"):
        return []
    return ["VIKOR finds no single clear winner; its compromise set is "
            f"{', '.join(extra.get('compromise_set', []))}."]


def library_scores(problem: Problem, normalization: str, u: np.ndarray
                   ) -> tuple[np.ndarray, dict[str, Any]]:
    """Q (lower is better) through scikit-criteria, with S, R and the compromise set."""
    from skcriteria.agg.vikor import VIKOR

    result = VIKOR(v=VIKOR_V, use_compromise_set=False).evaluate(
        decision_matrix(problem, problem.raw))
    extra = {"S": np.asarray(result.e_.s_k), "R": np.asarray(result.e_.r_k),
             "acceptable_advantage": bool(result.e_.acceptable_advantage),
             "acceptable_stability": bool(result.e_.acceptable_stability),
             "compromise_set": [problem.ids[i] for i in result.e_.compromise_set]}
    return np.asarray(result.e_.q_k, dtype=float), extra


def _share(x: np.ndarray) -> np.ndarray:
    """Each column rescaled to 0-1 between its minimum and maximum (0 where constant)."""
    lo, hi = x.min(axis=0), x.max(axis=0)
    return np.divide(x - lo, hi - lo, out=np.zeros_like(x), where=hi > lo)


def batch_values(problem: Problem, normalization: str, weights: np.ndarray) -> np.ndarray:
    """1 - Q under each weight vector: candidates x samples."""
    raw, up = problem.raw, problem.maximize
    best = np.where(up, raw.max(axis=0), raw.min(axis=0))
    worst = np.where(up, raw.min(axis=0), raw.max(axis=0))
    span = best - worst
    d = np.divide(best - raw, span, out=np.zeros_like(raw), where=span != 0)
    s = d @ weights
    r = (d[:, :, None] * weights[None, :, :]).max(axis=1)
    return 1.0 - (VIKOR_V * _share(s) + (1 - VIKOR_V) * _share(r))


SPEC = MethodSpec(
    key="vikor",
    label="VIKOR",
    description="VIKOR (Opricovic & Tzeng 2004): a compromise between the best total and the "
                "smallest worst shortfall (v = 0.5). Its Q is lower-is-better; value = 1 - Q.",
    council_words="VIKOR: a compromise ranking that balances overall benefit against the worst "
                  "single shortfall; a lower index is better.",
    position=4,
    normalizations=NORMALIZATIONS,
    default_normalization=default_normalization,
    scale_words=scale_words,
    library=library_scores,
    batch=batch_values,
    unscalable=unscalable,
    check=check,
    notes=notes,
    lower_is_better=True,
    score_note="VIKOR Q: lower is better; rank 1 has the lowest Q. The value used for "
               "planning is 1 - Q.",
)
