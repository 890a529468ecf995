"""VIKOR (Opricovic & Tzeng 2004): a compromise between the best total and the least regret."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from planner.score.methods._spec import MethodSpec, own_weights
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


def _share(x: np.ndarray) -> np.ndarray:
    """Each column rescaled to 0-1 between its minimum and maximum (0 where constant)."""
    lo, hi = x.min(axis=0), x.max(axis=0)
    return np.divide(x - lo, hi - lo, out=np.zeros_like(x), where=hi > lo)


def _figures(problem: Problem, weights: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(Q, S, R, S rescaled to 0-1, R rescaled to 0-1), each candidates x samples.

    As Opricovic & Tzeng: each value's distance from the best as a share of the best-to-worst
    range, weighted; S sums a candidate's weighted distances (group utility), R takes the
    largest (individual regret), and Q = v x S' + (1 - v) x R' on their 0-1 rescalings.
    """
    raw, up = problem.raw, problem.maximize
    best = np.where(up, raw.max(axis=0), raw.min(axis=0))
    worst = np.where(up, raw.min(axis=0), raw.max(axis=0))
    span = best - worst
    d = np.divide(best - raw, span, out=np.zeros_like(raw), where=span != 0)
    s = d @ weights
    r = (d[:, :, None] * weights[None, :, :]).max(axis=1)
    s_share, r_share = _share(s), _share(r)
    return VIKOR_V * s_share + (1 - VIKOR_V) * r_share, s, r, s_share, r_share


def _compromise(ids: tuple[str, ...], q: np.ndarray, s_share: np.ndarray,
                r_share: np.ndarray) -> dict[str, Any]:
    """VIKOR's two conditions on the lowest Q, and the compromise set they lead to.

    Acceptable advantage: no other candidate's Q is within 1 / (n - 1) of the lowest.
    Acceptable stability: the lowest-Q candidates are also best on S or on R. Both: the set is
    the lowest-Q candidates; only the advantage: those with the two lowest Q values; else every
    candidate within 1 / (n - 1) of the lowest Q.
    """
    first = q == q.min()
    near = q - q.min() < 1.0 / (len(q) - 1)
    advantage = bool(near.sum() == first.sum())
    stability = bool(np.all(((s_share == 0) | (r_share == 0))[first]))
    if advantage and stability:
        members = first
    elif advantage:
        members = q <= np.unique(q)[:2].max()
    else:
        members = near
    return {"acceptable_advantage": advantage, "acceptable_stability": stability,
            "compromise_set": [ids[i] for i in np.flatnonzero(members)]}


def batch_values(problem: Problem, normalization: str, weights: np.ndarray) -> np.ndarray:
    """1 - Q under each weight vector: candidates x samples."""
    return 1.0 - _figures(problem, weights)[0]


def scores(problem: Problem, normalization: str) -> tuple[np.ndarray, dict[str, Any]]:
    """Q (lower is better) at the problem's own weights, with S, R and the compromise set."""
    q, s, r, s_share, r_share = (x[:, 0] for x in _figures(problem, own_weights(problem)))
    return q, {"S": s, "R": r, **_compromise(problem.ids, q, s_share, r_share)}


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
    score=scores,
    batch=batch_values,
    unscalable=unscalable,
    check=check,
    notes=notes,
    lower_is_better=True,
    score_note="VIKOR Q: lower is better; rank 1 has the lowest Q. The value used for "
               "planning is 1 - Q.",
)
