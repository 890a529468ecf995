"""The weighted product: ratios to the best value, or a 0-1 scale lifted off zero."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from planner.core.models import Criterion
from planner.errors import ScoringError
from planner.score.methods import wpm
from planner.score.problem import Problem
from planner.score.rank_robustness import batch_values, problem_of
from planner.score.scoring import score_matrix
from tests.score.methods.problems import criteria, decision_problems, frame
from tests.score.methods.reference import both_ways


def test_the_weighted_product_uses_ratios_when_every_value_is_positive() -> None:
    data = frame([[1.0, 2.0], [2.0, 3.0], [4.0, 5.0]])
    result = score_matrix(data, criteria(2, minimize=(1,)), method="wpm")
    assert "ratio to the best value" in result.normalization
    w = np.array([1.0, 2.0]) / 3
    expected = (data["c0"] / 4) ** w[0] * (2 / data["c1"]) ** w[1]
    assert result.scores.to_numpy() == pytest.approx(expected.to_numpy())


def test_a_zero_in_a_minimized_criterion_blocks_the_ratio_weighted_product() -> None:
    data = frame([[1.0, 0.0], [2.0, 3.0], [4.0, 5.0]])
    with pytest.raises(ScoringError, match="inverts criteria to minimize"):
        score_matrix(data, criteria(2, minimize=(1,)), method="wpm", normalization="ratio")
    lifted = score_matrix(data, criteria(2, minimize=(1,)), method="wpm")
    assert "0.1-1" in lifted.normalization


def test_a_negative_value_to_maximize_blocks_the_ratio_weighted_product() -> None:
    with pytest.raises(ScoringError, match=r"'c0' has zero or negative values \(A0 / c0\)"):
        score_matrix(frame([[-1.0, 2.0], [2.0, 3.0], [4.0, 5.0]]), criteria(2),
                     method="wpm", normalization="ratio")


def test_a_constant_criterion_is_harmless_for_ratio_scales() -> None:
    result = score_matrix(frame([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]), criteria(2),
                          method="wpm")
    assert result.order == ["A2", "A1", "A0"]
    assert result.extra["normalization_key"] == "ratio"


def test_an_anchored_criterion_moves_the_product_to_the_lifted_scale() -> None:
    result = score_matrix(frame([[1.0, 2.0], [2.0, 3.0], [4.0, 5.0]]),
                          criteria(2, anchors={1: (0, 10)}), method="wpm")
    assert result.extra["normalization_key"] == "lifted"
    # The worst value on every criterion is lifted to 0.1, so no score reaches zero.
    assert result.scores.min() == pytest.approx(
        (0.1 ** (1 / 3)) * (wpm.WPM_FLOOR + 0.9 * 0.2) ** (2 / 3))


def test_ratio_weighted_product_batch_matches_the_score() -> None:
    data = pd.DataFrame({"a": [1.0, 2.0, 4.0], "b": [3.0, 2.0, 5.0]}, index=["x", "y", "z"])
    crits = [Criterion(criterion="a", column="a"),
             Criterion(criterion="b", column="b", direction="min", weight=2)]
    result = score_matrix(data, crits, method="wpm")
    problem = problem_of(result)
    values = batch_values(problem, "wpm", "ratio", problem.weights[:, None])
    assert values[:, 0] == pytest.approx(result.value.to_numpy())


def test_a_criterion_no_sample_weighs_cannot_spoil_the_ratio_batch() -> None:
    # c1 has weight 0 and a zero and a negative value: its ratio to the best is undefined.
    result = score_matrix(frame([[1.0, -2.0], [2.0, 0.0], [4.0, 5.0]]), criteria(2),
                          method="wpm", weights={"c0": 1, "c1": 0})
    assert result.extra["normalization_key"] == "ratio"
    problem = problem_of(result)
    values = batch_values(problem, "wpm", "ratio", np.array([[1.0, 1.0], [0.0, 0.0]]))
    assert np.isfinite(values).all()
    assert values[:, 0] == pytest.approx(result.value.to_numpy())
    assert values[:, 0] == pytest.approx([0.25, 0.5, 1.0])

def test_the_weighted_product_splits_its_value_rather_than_adding_it_up() -> None:
    result = score_matrix(frame([[1.0, 2.0], [2.0, 3.0], [4.0, 5.0]]), criteria(2),
                          method="wpm")
    assert not result.contributions_exact
    assert result.contributions.sum(axis=1).to_numpy() == pytest.approx(result.value.to_numpy())


@settings(max_examples=200, deadline=None)
@given(problem=decision_problems(anchored=True))
def test_lifted_weighted_products_equal_scikit_criteria_on_random_problems(
        problem: Problem) -> None:
    outcome, expected, _ = both_ways(problem, "wpm", "lifted")
    np.testing.assert_allclose(outcome.score, expected, rtol=0, atol=1e-9)


@settings(max_examples=200, deadline=None)
@given(problem=decision_problems(positive=True))
def test_ratio_weighted_products_equal_scikit_criteria_on_random_problems(
        problem: Problem) -> None:
    outcome, expected, _ = both_ways(problem, "wpm", "ratio")
    np.testing.assert_allclose(outcome.score, expected, rtol=0, atol=1e-9)
    assert outcome.extra == {}
