"""The weighted sum: exact contributions, 0-1 scales, and a kernel linear in the weights."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from planner.errors import ScoringError
from planner.score.methods import wsm
from planner.score.problem import Problem
from planner.score.scoring import score_matrix, score_portfolio
from tests.factories import make_portfolio
from tests.score.methods.problems import criteria, decision_problems, frame, random_problem
from tests.score.methods.reference import both_ways


def test_weighted_sum_contributions_add_up_to_the_score_exactly() -> None:
    result = score_portfolio(make_portfolio(n=25, seed=2))
    assert result.method == "wsm"
    assert result.contributions_exact and result.higher_is_better
    assert result.contributions.sum(axis=1).to_numpy() == pytest.approx(
        result.scores.to_numpy(), abs=1e-12)
    assert result.value.equals(result.scores.rename("value"))
    assert result.value.between(0, 1).all()


def test_a_constant_criterion_without_anchors_is_explained_with_its_remedies() -> None:
    with pytest.raises(ScoringError, match="'c1' is 5 for every candidate.*anchored scale"):
        score_matrix(frame([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]), criteria(2), method="wsm")


def test_a_constant_criterion_with_an_anchored_scale_is_fine_for_the_weighted_sum() -> None:
    result = score_matrix(frame([[1.0, 3.0], [2.0, 3.0], [4.0, 3.0]]),
                          criteria(2, anchors={1: (1, 5)}), method="wsm")
    assert result.contributions["c1"].tolist() == pytest.approx([0.5 * 2 / 3] * 3)
    assert result.utility["c1"].tolist() == pytest.approx([0.5] * 3)


def test_scales_say_whether_they_are_anchored_or_min_max() -> None:
    result = score_matrix(frame([[1.0, 3.0], [2.0, 1.0], [4.0, 2.0]]),
                          criteria(2, minimize=(1,), anchors={0: (0, 10)}), method="wsm")
    assert result.scales == {"c0": "anchored 0 to 10, higher is better",
                             "c1": "min-max over candidates (1 to 3), lower is better"}


def test_the_batch_kernel_is_linear_in_the_weights() -> None:
    problem = random_problem(3, anchored=True)
    m = len(problem.names)
    a, b = np.eye(m)[0], np.full(m, 1.0 / m)
    values = wsm.batch_values(problem, "scale", np.column_stack([a, b, 0.3 * a + 0.7 * b]))
    assert values[:, 2] == pytest.approx(0.3 * values[:, 0] + 0.7 * values[:, 1])


def test_the_weighted_sum_has_one_scale_and_answers_to_its_other_names() -> None:
    assert wsm.SPEC.exact_contributions and not wsm.SPEC.lower_is_better
    assert list(wsm.SPEC.normalizations) == ["scale"]
    assert set(wsm.SPEC.aliases) == {"weightedsum", "saw"}


@settings(max_examples=200, deadline=None)
@given(problem=decision_problems(anchored=True))
def test_weighted_sums_equal_scikit_criteria_on_random_problems(problem: Problem) -> None:
    outcome, expected, _ = both_ways(problem, "wsm", "scale")
    np.testing.assert_allclose(outcome.score, expected, rtol=0, atol=1e-9)
    assert outcome.extra == {}
