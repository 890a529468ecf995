"""The weighted product: ratios to the best value, or a 0-1 scale lifted off zero."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planner.core.models import Criterion
from planner.errors import ScoringError
from planner.score.methods import wpm
from planner.score.rank_robustness import batch_values, problem_of
from planner.score.scoring import score_matrix
from tests.score.methods.problems import criteria, frame


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


def test_ratio_weighted_product_batch_matches_the_library() -> None:
    data = pd.DataFrame({"a": [1.0, 2.0, 4.0], "b": [3.0, 2.0, 5.0]}, index=["x", "y", "z"])
    crits = [Criterion(criterion="a", column="a"),
             Criterion(criterion="b", column="b", direction="min", weight=2)]
    result = score_matrix(data, crits, method="wpm")
    problem = problem_of(result)
    values = batch_values(problem, "wpm", "ratio", problem.weights[:, None])
    assert values[:, 0] == pytest.approx(result.value.to_numpy())


def test_the_weighted_product_splits_its_value_rather_than_adding_it_up() -> None:
    result = score_matrix(frame([[1.0, 2.0], [2.0, 3.0], [4.0, 5.0]]), criteria(2),
                          method="wpm")
    assert not result.contributions_exact
    assert result.contributions.sum(axis=1).to_numpy() == pytest.approx(result.value.to_numpy())
