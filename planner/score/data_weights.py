"""Weights from the data: Shannon entropy and CRITIC, each as published.

Both are reference weights: they say which criteria separate these candidates, not what
the council values. A criterion that is the same for every candidate carries no information
and gets weight 0; when every criterion is constant there is nothing to weigh.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from planner.core.models import Direction
from planner.errors import ScoringError


def _constant(matrix: pd.DataFrame) -> list[str]:
    spread = matrix.max() - matrix.min()
    return [str(c) for c in matrix.columns if not spread[c] > 0]


def entropy_weights(matrix: pd.DataFrame) -> dict[str, float]:
    """Shannon-entropy weights (Zeleny 1982; Hwang & Yoon 1981) of non-negative values.

    Each column is read as shares p_ij = x_ij / sum_i x_ij; its entropy
    e_j = -sum_i p_ij ln p_ij / ln m measures how evenly the m candidates score, and the
    weight is the divergence 1 - e_j scaled to sum to 1. A constant column gets 0.
    """
    values = _objective_matrix(matrix)
    if (values < 0).any().any():
        raise ScoringError("Entropy weights read values as shares of their total, so they "
                           "must not be negative.")
    totals = values.sum()
    shares = values / totals.where(totals > 0, 1.0)
    logs = np.log(shares.where(shares > 0, 1.0))
    entropy = -(shares * logs).sum() / math.log(len(values))
    divergence = (1 - entropy).clip(lower=0.0)
    divergence[_constant(values)] = 0.0
    return _scaled(divergence)


def critic_weights(matrix: pd.DataFrame,
                   directions: Mapping[str, Direction] | None = None) -> dict[str, float]:
    """CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995).

    Each column is scaled 0..1 with 1 the best value; its information is
    C_j = sigma_j * sum_k (1 - r_jk), its standard deviation times its conflict with the
    other columns (Pearson r), and the weights are the C_j scaled to sum to 1. A constant
    column carries no information and gets 0.
    """
    values = _objective_matrix(matrix)
    constant = _constant(values)
    varying = [c for c in values.columns if str(c) not in constant]
    scaled = _benefit_scaled(values[varying], directions or {})
    sigma = scaled.std(ddof=1)
    conflict = (1 - scaled.corr(method="pearson")).sum()
    information = pd.Series(0.0, index=values.columns)
    # One varying column conflicts with nothing, yet it alone tells the candidates apart.
    information[varying] = (sigma * conflict).clip(lower=0.0) if len(varying) > 1 else 1.0
    return _scaled(information)


def _objective_matrix(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix as floats; ScoringError when blank cells, too few rows or no spread."""
    if matrix.shape[1] == 0:
        raise ScoringError("There are no criteria to weigh.")
    if matrix.isna().any().any():
        raise ScoringError("Weights from the data need a value for every candidate and "
                           "criterion.")
    if len(matrix) < 2:
        raise ScoringError("Weights from the data need at least two candidates to compare.")
    values = matrix.astype(float)
    if len(_constant(values)) == values.shape[1]:
        raise ScoringError("Every criterion has the same value for all candidates, so the data "
                           "say nothing about which matters more.")
    return values


def _scaled(parts: pd.Series) -> dict[str, float]:
    total = float(parts.sum())
    if not total > 0:
        raise ScoringError("The data give no criterion any weight: the candidates do not "
                           "differ in a way these weights can measure.")
    return {str(name): float(value) / total for name, value in parts.items()}


def _benefit_scaled(matrix: pd.DataFrame, directions: Mapping[str, Direction]) -> pd.DataFrame:
    """Each column on 0..1 with 1 the best value (columns are assumed to vary)."""
    spread = matrix.max() - matrix.min()
    scaled = (matrix - matrix.min()) / spread
    for name in matrix.columns:
        if directions.get(name, Direction.MAX) is Direction.MIN:
            scaled[name] = 1 - scaled[name]
    return scaled


def objective_weights(matrix: pd.DataFrame, directions: Mapping[str, Direction] | None = None,
                      method: str = "entropy") -> dict[str, float]:
    """Data-driven reference weights (entropy or CRITIC); constant criteria get weight 0.

    Entropy reads each column as shares of its total; a column with negative values is first
    shifted to start at 0.
    """
    if method == "entropy":
        values = _objective_matrix(matrix)
        shifted = values - values.min().clip(upper=0.0)
        return entropy_weights(shifted)
    if method == "critic":
        return critic_weights(matrix, directions)
    raise ScoringError(f"Unknown objective weighting '{method}'; use entropy or critic.")
