"""Criterion weights set several ways: direct, AHP, rank order, swing, entropy, CRITIC, group.

The kernels; `planner.score.weighting` says which way a portfolio is weighed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from planner.core.models import Pairwise
from planner.errors import ScoringError

# Saaty's random consistency index by matrix size, n = 1..15 (Saaty 1980 and later).
RANDOM_INDEX: tuple[float, ...] = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
                                   1.51, 1.48, 1.56, 1.57, 1.59)
CR_LIMIT = 0.10  # Saaty: judgments with a consistency ratio above 0.1 should be revisited
SAATY_SCALE = tuple(sorted({*range(1, 10), *(1 / k for k in range(2, 10))}))


def normalize_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Weights scaled to sum to 1; ScoringError for negative, non-numeric or all-zero ones."""
    if not weights:
        raise ScoringError("No weights were given.")
    clean: dict[str, float] = {}
    for name, value in weights.items():
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ScoringError(f"The weight of '{name}' is not a number: {value!r}.") from None
        if not math.isfinite(number):
            raise ScoringError(f"The weight of '{name}' is not a finite number ({value}).")
        if number < 0:
            raise ScoringError(
                f"The weight of '{name}' is negative ({number:g}). Weights say how much a "
                "criterion matters; to prefer lower values, set its direction to min instead.")
        clean[name] = number
    total = sum(clean.values())
    if total <= 0:
        raise ScoringError("Every weight is zero, so no criterion counts. Give at least one "
                           "criterion a positive weight.")
    return {name: value / total for name, value in clean.items()}


@dataclass(frozen=True)
class Judgment:
    """A pairwise judgment that disagrees with the weights the other judgments imply."""

    row: str
    column: str
    given: float
    implied: float  # geometric mean of the indirect judgments row -> k -> column
    suggested: float  # the nearest value on Saaty's 1/9..9 scale
    deviation: float  # gap to w_row / w_col as max(ratio, 1/ratio); 1 = consistent

    def sentence(self) -> str:
        """The judgment to revisit, said in plain words."""
        return (f"'{self.row}' versus '{self.column}' was judged {_fraction(self.given)}, but "
                f"the other judgments imply about {_fraction(self.implied)}; consider "
                f"{_fraction(self.suggested)}.")


def _fraction(value: float) -> str:
    if value >= 1:
        return f"{value:.3g}"
    return f"1/{1 / value:.3g}"


@dataclass(frozen=True)
class AHPResult:
    """AHP weights from a judgment matrix, with Saaty's consistency check."""

    criteria: tuple[str, ...]
    weights: dict[str, float]
    lambda_max: float
    consistency_index: float
    random_index: float
    consistency_ratio: float
    revisit: tuple[Judgment, ...]

    @property
    def is_consistent(self) -> bool:
        """True when the consistency ratio is at most 0.1."""
        return self.consistency_ratio <= CR_LIMIT

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"weights": self.weights, "lambda_max": self.lambda_max,
                "consistency_ratio": self.consistency_ratio,
                "consistent": self.is_consistent,
                "revisit": [j.sentence() for j in self.revisit]}


def ahp_weights(matrix: Pairwise | pd.DataFrame | Sequence[Sequence[float]],
                names: Sequence[str] | None = None, top: int = 3) -> AHPResult:
    """Principal-eigenvector weights, consistency ratio and the judgments most worth revisiting."""
    if isinstance(matrix, Pairwise):
        names = list(matrix.criteria)
        values = np.asarray(matrix.matrix, dtype=float)
    elif isinstance(matrix, pd.DataFrame):
        names = [str(c) for c in matrix.columns]
        values = matrix.to_numpy(dtype=float)
    else:
        values = np.asarray(matrix, dtype=float)
    n = values.shape[0] if values.ndim == 2 else 0
    names = list(names) if names is not None else [f"c{i + 1}" for i in range(n)]
    if values.ndim != 2 or values.shape != (n, n) or n < 2 or len(names) != n:
        raise ScoringError("The pairwise matrix must be square with one named row and column "
                           "per criterion, and at least two criteria.")
    if not np.all(np.isfinite(values)) or np.any(values <= 0):
        raise ScoringError("Pairwise judgments must be positive numbers such as 3 or 1/3.")
    for i in range(n):
        if abs(values[i, i] - 1) > 1e-9:
            raise ScoringError(f"'{names[i]}' compared with itself must be 1, not "
                               f"{values[i, i]:g}.")
        for j in range(i + 1, n):
            if abs(values[i, j] * values[j, i] - 1) > 0.02:
                raise ScoringError(
                    f"The judgments '{names[i]}' over '{names[j]}' ({_fraction(values[i, j])}) "
                    f"and '{names[j]}' over '{names[i]}' ({_fraction(values[j, i])}) should be "
                    f"reciprocal: if one is 3 the other is 1/3.")
    eigenvalues, vectors = np.linalg.eig(values)
    k = int(np.argmax(eigenvalues.real))
    lam = float(eigenvalues[k].real)
    vector = np.abs(vectors[:, k].real)
    weights = vector / vector.sum()
    ci = max(0.0, (lam - n) / (n - 1))
    ri = RANDOM_INDEX[min(n, len(RANDOM_INDEX)) - 1]
    cr = ci / ri if ri > 0 else 0.0
    judgments = []
    for i in range(n):
        for j in range(i + 1, n):
            # Ranked by the gap to w_i / w_j; the value to suggest comes from the indirect
            # paths i -> k -> j alone, since the eigenvector is pulled by the judgment itself.
            ratio = values[i, j] / (weights[i] / weights[j])
            others = [values[i, k] * values[k, j] for k in range(n) if k not in (i, j)]
            implied = math.exp(np.mean(np.log(others))) if others else weights[i] / weights[j]
            suggested = min(SAATY_SCALE, key=lambda s, t=implied: abs(math.log(s / t)))
            judgments.append(Judgment(names[i], names[j], float(values[i, j]), float(implied),
                                      float(suggested), float(max(ratio, 1 / ratio))))
    judgments.sort(key=lambda jd: -jd.deviation)
    revisit = tuple(judgments[:top]) if cr > CR_LIMIT else ()
    return AHPResult(criteria=tuple(names), weights=dict(zip(names, weights.tolist(), strict=True)),
                     lambda_max=lam, consistency_index=ci, random_index=ri,
                     consistency_ratio=cr, revisit=revisit)


def rank_order_centroid(ranked: Sequence[str]) -> dict[str, float]:
    """Rank-order centroid weights from criteria listed most important first.

    Barron & Barrett (1996): with n criteria, the k-th gets (1/n) * sum_{i=k..n} 1/i, the
    centroid of every weight vector that respects the order.
    """
    names = list(ranked)
    if not names:
        raise ScoringError("List at least one criterion, most important first.")
    if len(set(names)) != len(names):
        raise ScoringError("Each criterion may appear only once in the ranked list.")
    n = len(names)
    return {name: sum(1 / k for k in range(i + 1, n + 1)) / n for i, name in enumerate(names)}


def _given(values: Mapping[str, Any], what: str) -> dict[str, float]:
    """Each criterion's number; ScoringError naming those without one or with text."""
    if not values:
        raise ScoringError(f"Give a {what} for each criterion.")
    missing = [name for name, value in values.items() if value is None
               or (isinstance(value, float) and math.isnan(value))]
    if missing:
        raise ScoringError(f"Every criterion needs a {what}; none was given for: "
                           f"{', '.join(missing)}.")
    out: dict[str, float] = {}
    for name, value in values.items():
        try:
            out[name] = float(value)
        except (TypeError, ValueError):
            raise ScoringError(f"The {what} of '{name}' is not a number: {value!r}.") from None
        if not math.isfinite(out[name]):
            raise ScoringError(f"The {what} of '{name}' is not a finite number.")
    return out


def rank_weights(ranks: Mapping[str, Any]) -> dict[str, float]:
    """Rank-order centroid weights from each criterion's rank (1 = most important).

    Only the order counts, so ranks 1, 2, 4 weigh as 1, 2, 3; ties are refused, since the
    centroid needs a strict order.
    """
    given = _given(ranks, "rank")
    bad = [name for name, rank in given.items() if rank < 1 or rank != int(rank)]
    if bad:
        raise ScoringError(f"Ranks are whole numbers from 1 (most important); not so for: "
                           f"{', '.join(f'{n} ({given[n]:g})' for n in bad)}.")
    by_rank: dict[float, list[str]] = {}
    for name, rank in given.items():
        by_rank.setdefault(rank, []).append(name)
    ties = [f"{' and '.join(names)} share rank {rank:g}" for rank, names in
            sorted(by_rank.items()) if len(names) > 1]
    if ties:
        raise ScoringError("Each criterion needs its own rank: " + "; ".join(ties) + ". "
                           "Rank-order weights need a strict order; to weigh two criteria "
                           "alike, use swing or direct weights.")
    order = sorted(given, key=lambda name: given[name])
    weights = rank_order_centroid(order)
    return {name: weights[name] for name in given}


SWING_TOP = 100.0  # the most important swing gets 100 points (Edwards & Barron 1994)


def swing_weights(swings: Mapping[str, Any]) -> dict[str, float]:
    """Swing weights: points from 0 to 100 for each criterion's worst-to-best swing, scaled
    to sum to 1 (SMARTS, Edwards & Barron 1994)."""
    given = _given(swings, "swing")
    bad = [name for name, points in given.items() if not 0 <= points <= SWING_TOP]
    if bad:
        raise ScoringError(
            f"Swings run from 0 to {SWING_TOP:g}: the most important swing gets "
            f"{SWING_TOP:g} and the others a share of it. Not so for: "
            f"{', '.join(f'{n} ({given[n]:g})' for n in bad)}.")
    total = sum(given.values())
    if total <= 0:
        raise ScoringError(f"Every swing is 0, so no criterion counts. Give the most "
                           f"important swing {SWING_TOP:g} and the others their share.")
    return {name: points / total for name, points in given.items()}


@dataclass(frozen=True)
class GroupWeights:
    """Several stakeholders' weights combined, with how much they disagree per criterion."""

    weights: dict[str, float]
    disagreement: pd.Series  # coefficient of variation across stakeholders, per criterion
    table: pd.DataFrame  # stakeholder x criterion, each row normalized

    def most_contested(self, n: int = 3) -> list[str]:
        """The criteria stakeholders disagree on most."""
        return self.disagreement.sort_values(ascending=False).index[:n].tolist()


def aggregate_stakeholders(sets: Mapping[str, Mapping[str, float]]) -> GroupWeights:
    """Geometric mean of each stakeholder's normalized weights, renormalized to sum to 1."""
    if not sets:
        raise ScoringError("Give at least one stakeholder's weights.")
    criteria = list(dict.fromkeys(c for weights in sets.values() for c in weights))
    rows = {}
    for who, weights in sets.items():
        missing = [c for c in criteria if c not in weights]
        if missing:
            raise ScoringError(f"{who} gave no weight for: {', '.join(missing)}.")
        normalized = normalize_weights(weights)
        zeros = [c for c, w in normalized.items() if w <= 0]
        if zeros:
            raise ScoringError(
                f"{who} gave zero weight to {', '.join(zeros)}; a geometric mean needs every "
                "weight positive (use a small number for 'hardly matters').")
        rows[who] = normalized
    table = pd.DataFrame.from_dict(rows, orient="index")[criteria]
    geo = np.exp(np.log(table).mean(axis=0))
    combined = geo / geo.sum()
    disagreement = (table.std(axis=0, ddof=0) / table.mean(axis=0)).rename("cv")
    return GroupWeights(weights={c: float(combined[c]) for c in criteria},
                        disagreement=disagreement, table=table)
