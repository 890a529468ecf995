"""TOPSIS: closeness to the ideal on vector-normalized values."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from planner.errors import ScoringError
from planner.score.methods import topsis
from planner.score.problem import Problem
from planner.score.scoring import score_matrix
from tests.score.methods.problems import criteria, decision_problems, frame, random_problem
from tests.score.methods.reference import both_ways


def test_an_all_zero_column_blocks_vector_normalization() -> None:
    with pytest.raises(ScoringError, match="'c1' is zero for every candidate"):
        score_matrix(frame([[1.0, 0.0], [2.0, 0.0], [4.0, 0.0]]), criteria(2), method="topsis")


def test_an_all_zero_column_with_weight_zero_is_left_out() -> None:
    result = score_matrix(frame([[1.0, 0.0], [2.0, 0.0], [4.0, 0.0]]), criteria(2),
                          method="topsis", weights={"c0": 1, "c1": 0})
    assert result.order == ["A2", "A1", "A0"]


def test_a_constant_criterion_is_harmless_for_vector_scales() -> None:
    result = score_matrix(frame([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]), criteria(2),
                          method="topsis")
    assert result.order == ["A2", "A1", "A0"]


def test_topsis_reports_its_ideal_and_anti_ideal_points() -> None:
    result = score_matrix(frame([[1.0, 4.0], [2.0, 1.0], [4.0, 2.0]]),
                          criteria(2, minimize=(1,)), method="topsis")
    ideal, anti = np.asarray(result.extra["ideal"]), np.asarray(result.extra["anti_ideal"])
    length = np.sqrt([1 + 4 + 16, 16 + 1 + 4])
    weights = np.array([1, 2]) / 3
    assert ideal == pytest.approx(np.array([4, 1]) / length * weights)
    assert anti == pytest.approx(np.array([1, 4]) / length * weights)


def test_topsis_accepts_only_vector_normalization() -> None:
    with pytest.raises(ScoringError, match="topsis works with vector normalization, not "
                                           "'scale'"):
        score_matrix(frame([[1.0, 2.0], [2.0, 1.0]]), criteria(2), method="topsis",
                     normalization="scale")


def test_batch_closeness_stays_between_zero_and_one() -> None:
    problem = random_problem(5)
    weights = np.random.default_rng(0).dirichlet(np.ones(len(problem.names)), size=50).T
    values = topsis.batch_values(problem, "vector", weights)
    assert values.shape == (len(problem.ids), 50)
    assert ((values >= 0) & (values <= 1)).all()


@settings(max_examples=200, deadline=None)
@given(problem=decision_problems())
def test_closeness_and_ideal_points_equal_scikit_criteria_on_random_problems(
        problem: Problem) -> None:
    outcome, expected, extra = both_ways(problem, "topsis", "vector")
    np.testing.assert_allclose(outcome.score, expected, rtol=0, atol=1e-9)
    assert set(outcome.extra) == {"ideal", "anti_ideal"}
    for name in ("ideal", "anti_ideal"):
        np.testing.assert_allclose(outcome.extra[name], extra[name], rtol=0, atol=1e-9)
