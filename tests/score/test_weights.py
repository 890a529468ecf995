"""Weights: direct, AHP with consistency, rank order, swing, stakeholder groups."""

from __future__ import annotations

import numpy as np
import pytest

from planner.core.models import Pairwise
from planner.errors import ScoringError
from planner.score.weights import (
    aggregate_stakeholders,
    ahp_weights,
    normalize_weights,
    rank_order_centroid,
    rank_weights,
    swing_weights,
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


@pytest.mark.parametrize(("n", "published"), [
    (3, [0.6111, 0.2778, 0.1111]),
    (4, [0.5208, 0.2708, 0.1458, 0.0625]),
    (5, [0.4567, 0.2567, 0.1567, 0.0900, 0.0400]),
])
def test_rank_weights_reproduce_barron_and_barretts_centroid_table(n: int,
                                                                    published: list) -> None:
    # Barron, F. H. & Barrett, B. E. (1996). Decision quality using ranked attribute weights.
    # Management Science 42(11), 1515-1523: the ROC weights w_k = (1/n) sum_{i=k..n} 1/i,
    # tabulated to four decimals (also Edwards & Barron 1994, SMARTER, Table 1).
    names = [f"c{k}" for k in range(1, n + 1)]
    ranks = {name: float(k) for k, name in enumerate(reversed(names), start=1)}
    weights = rank_weights(ranks)
    order = sorted(weights, key=lambda name: ranks[name])
    assert [round(weights[name], 4) for name in order] == published


def test_rank_weights_use_only_the_order_of_the_ranks() -> None:
    assert rank_weights({"a": 1, "b": 2, "c": 4}) == rank_weights({"a": 1, "b": 2, "c": 3})


@pytest.mark.parametrize(("ranks", "message"), [
    ({"a": 1, "b": 1, "c": 2}, "a and b share rank 1"),
    ({"a": 1, "b": None}, "none was given for: b"),
    ({"a": 1, "b": 2.5}, r"whole numbers from 1.*b \(2.5\)"),
    ({"a": 0, "b": 1}, r"a \(0\)"),
    ({"a": 1, "b": "high"}, "rank of 'b' is not a number"),
])
def test_rank_weights_answer_bad_ranks_in_plain_words(ranks: dict, message: str) -> None:
    with pytest.raises(ScoringError, match=message):
        rank_weights(ranks)


def test_swing_weights_reproduce_goodwin_and_wrights_office_location() -> None:
    # Goodwin, P. & Wright, G. Decision Analysis for Management Judgment, ch. 3 (SMART): the
    # office-location swings (closeness to customers 100, visibility 80, image 70, size 30,
    # comfort 20, car parking 10) give normalized weights 32, 26, 23, 10, 6 and 3 (whole
    # percentages, as printed beside Addison Square's values). The procedure is Edwards &
    # Barron's (1994) SMARTS swing weighting.
    swings = {"closeness": 100, "visibility": 80, "image": 70, "size": 30, "comfort": 20,
              "parking": 10}
    weights = swing_weights(swings)
    assert [round(100 * w) for w in weights.values()] == [32, 26, 23, 10, 6, 3]
    assert sum(weights.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(("swings", "message"), [
    ({"a": 0, "b": 0}, "Every swing is 0"),
    ({"a": 100, "b": 120}, r"run from 0 to 100.*b \(120\)"),
    ({"a": 100, "b": -5}, r"b \(-5\)"),
    ({"a": 100, "b": None}, "none was given for: b"),
    ({"a": 100, "b": "lots"}, "swing of 'b' is not a number"),
])
def test_swing_weights_answer_bad_swings_in_plain_words(swings: dict, message: str) -> None:
    with pytest.raises(ScoringError, match=message):
        swing_weights(swings)


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
