"""Weights: direct, AHP with consistency, rank-order centroid, objective, stakeholder groups."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planner.core.models import Direction, Pairwise
from planner.errors import ScoringError
from planner.score.weights import (
    aggregate_stakeholders,
    ahp_weights,
    normalize_weights,
    objective_weights,
    rank_order_centroid,
)


def test_direct_weights_are_normalized_to_sum_to_one() -> None:
    assert normalize_weights({"a": 3, "b": 1}) == {"a": 0.75, "b": 0.25}


@pytest.mark.parametrize("weights, message", [
    ({"a": -1, "b": 2}, "negative"), ({"a": 0, "b": 0}, "Every weight is zero"),
    ({"a": float("nan")}, "finite"), ({"a": "x"}, "not a number"), ({}, "No weights"),
])
def test_bad_weights_are_explained(weights: dict, message: str) -> None:
    with pytest.raises(ScoringError, match=message):
        normalize_weights(weights)


def test_a_perfectly_consistent_ahp_matrix_recovers_its_weights() -> None:
    w = np.array([0.5, 0.3, 0.2])
    result = ahp_weights(w[:, None] / w[None, :], names=["a", "b", "c"])
    assert list(result.weights.values()) == pytest.approx(w)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-9)
    assert result.is_consistent and not result.revisit


def test_an_inconsistent_judgment_is_named_for_revision() -> None:
    w = np.array([0.4, 0.3, 0.2, 0.1])
    matrix = w[:, None] / w[None, :]
    matrix[0, 3], matrix[3, 0] = 1 / 6, 6  # the planted bad judgment: a far below d
    result = ahp_weights(matrix, names=["a", "b", "c", "d"])
    assert result.consistency_ratio > 0.1 and not result.is_consistent
    first = result.revisit[0]
    assert {first.row, first.column} == {"a", "d"}
    assert "'a' versus 'd'" in first.sentence()
    assert first.suggested > 1  # the other judgments say a matters more than d


def test_ahp_reads_the_pairwise_sheet_model() -> None:
    pairwise = Pairwise(criteria=("x", "y"), matrix=((1, 3), (1 / 3, 1)))
    result = ahp_weights(pairwise)
    assert result.weights == pytest.approx({"x": 0.75, "y": 0.25})
    assert result.consistency_ratio == 0.0


def test_non_reciprocal_judgments_are_refused_in_plain_words() -> None:
    with pytest.raises(ScoringError, match="reciprocal"):
        ahp_weights([[1, 3], [3, 1]], names=["x", "y"])
    with pytest.raises(ScoringError, match="square"):
        ahp_weights([[1, 2, 3], [0.5, 1, 1]])
    with pytest.raises(ScoringError, match="itself"):
        ahp_weights([[2, 1], [1, 1]], names=["x", "y"])


def test_rank_order_centroid_matches_its_formula() -> None:
    weights = rank_order_centroid(["a", "b", "c"])
    assert list(weights.values()) == pytest.approx([11 / 18, 5 / 18, 2 / 18])
    assert sum(weights.values()) == pytest.approx(1.0)
    with pytest.raises(ScoringError):
        rank_order_centroid(["a", "a"])


@pytest.mark.parametrize("method", ["entropy", "critic"])
def test_objective_weights_give_constant_criteria_zero(method: str) -> None:
    frame = pd.DataFrame({"x": [1.0, 5.0, 2.0, 8.0], "y": [3.0, 3.0, 3.0, 3.0],
                          "z": [10.0, 1.0, 4.0, 2.0]})
    weights = objective_weights(frame, {"z": Direction.MIN}, method=method)
    assert weights["y"] == 0.0
    assert sum(weights.values()) == pytest.approx(1.0)
    assert all(v >= 0 for v in weights.values())


def test_objective_weights_refuse_all_constant_data_and_unknown_methods() -> None:
    frame = pd.DataFrame({"x": [1.0, 1.0], "y": [2.0, 2.0]})
    with pytest.raises(ScoringError, match="same value"):
        objective_weights(frame)
    with pytest.raises(ScoringError, match="entropy or critic"):
        objective_weights(pd.DataFrame({"x": [1.0, 2.0], "y": [2.0, 1.0]}), method="magic")


def test_stakeholder_weights_combine_by_geometric_mean_with_disagreement() -> None:
    group = aggregate_stakeholders({
        "Finance": {"risk": 1, "savings": 3},
        "IT": {"risk": 3, "savings": 1},
        "Clerk": {"risk": 1, "savings": 1},
    })
    assert group.weights["risk"] == pytest.approx(0.5)
    assert sum(group.weights.values()) == pytest.approx(1.0)
    assert group.disagreement["risk"] > 0
    unanimous = aggregate_stakeholders({"A": {"x": 1, "y": 2}, "B": {"x": 2, "y": 4}})
    assert unanimous.disagreement.to_numpy() == pytest.approx([0.0, 0.0])
    assert unanimous.weights == pytest.approx({"x": 1 / 3, "y": 2 / 3})


def test_stakeholders_must_weight_every_criterion_positively() -> None:
    with pytest.raises(ScoringError, match="no weight"):
        aggregate_stakeholders({"A": {"x": 1, "y": 1}, "B": {"x": 1}})
    with pytest.raises(ScoringError, match="zero weight"):
        aggregate_stakeholders({"A": {"x": 1, "y": 0}})
