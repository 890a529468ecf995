"""The decision problem every method shares: its checks in plain words and its 0-1 scale."""

from __future__ import annotations

import numpy as np
import pytest

from planner.errors import ScoringError
from planner.score.problem import (
    Problem,
    all_tied,
    check_common,
    constant_columns,
    utility,
    utility_scale_words,
    where,
)
from tests.score.methods.problems import criteria, frame


def build(rows, *, minimize=(), anchors=None, weights=None) -> Problem:
    m = len(rows[0])
    crit = criteria(m, minimize=minimize, anchors=anchors)
    w = weights or {c.criterion: c.weight for c in crit}
    return Problem.build(frame(rows), crit, w)


def test_utility_puts_the_best_value_at_one_whatever_the_direction() -> None:
    problem = build([[10, 5], [20, 1], [30, 3]], minimize=(1,))
    u = utility(problem)
    assert u[:, 0].tolist() == [0.0, 0.5, 1.0]
    assert u[:, 1].tolist() == [0.0, 1.0, 0.5]


def test_an_anchored_scale_clips_values_outside_it_and_says_so() -> None:
    problem = build([[0, 1], [5, 2], [12, 3]], anchors={0: (0, 10)})
    assert utility(problem)[:, 0].tolist() == [0.0, 0.5, 1.0]
    assert utility_scale_words(problem, 0) == "anchored 0 to 10"
    assert utility_scale_words(problem, 1) == "min-max over candidates (1 to 3)"


def test_missing_values_are_refused_in_plain_words() -> None:
    check_common(build([[1, 2]]))  # a lone candidate is scored: it ties with itself
    with pytest.raises(ScoringError, match="A1 / c0"):
        check_common(build([[1, 2], [float("nan"), 3]]))


def test_all_zero_or_negative_weights_are_refused() -> None:
    with pytest.raises(ScoringError, match="Every weight is zero"):
        check_common(build([[1, 2], [2, 1]], weights={"c0": 0, "c1": 0}))
    with pytest.raises(ScoringError, match="check c1"):
        check_common(build([[1, 2], [2, 1]], weights={"c0": 1, "c1": -1}))


def test_identical_candidates_and_constant_columns_are_found() -> None:
    assert all_tied(build([[1, 2], [1, 2]]))
    assert all_tied(build([[1, 2]]))
    assert all_tied(build([[1, 2], [1, 5]], weights={"c0": 1, "c1": 0}))
    assert not all_tied(build([[1, 2], [1, 5]]))
    problem = build([[1, 7], [2, 7], [3, 7]])
    assert constant_columns(problem) == [1]
    assert utility(problem)[:, 1].tolist() == [0.5, 0.5, 0.5]


def test_where_lists_the_first_cells_then_a_count() -> None:
    problem = build([[1, 2, 3], [4, 5, 6]])
    assert where(problem, np.ones((2, 3), dtype=bool), limit=2) == "A0 / c0, A0 / c1 and 4 more"


def test_select_keeps_only_the_chosen_criteria() -> None:
    problem = build([[1, 2, 3], [4, 5, 6]], anchors={2: (0, 9)})
    kept = problem.select(np.array([True, False, True]))
    assert kept.names == ("c0", "c2") and kept.raw.tolist() == [[1, 3], [4, 6]]
    assert kept.anchors == (None, (0, 9))
