"""The scikit-criteria decision matrix the library kernels share."""

from __future__ import annotations

import numpy as np

from planner.score.methods._library import all_maximized, decision_matrix
from planner.score.problem import Problem
from tests.score.methods.problems import criteria, frame


def test_the_decision_matrix_keeps_names_weights_and_directions() -> None:
    crit = criteria(2, minimize=(1,))
    problem = Problem.build(frame([[1, 9], [2, 8], [3, 7]]), crit,
                            {"c0": 0.25, "c1": 0.75})
    dm = decision_matrix(problem, problem.raw)
    assert list(dm.alternatives) == ["A0", "A1", "A2"]
    assert list(dm.criteria) == ["c0", "c1"]
    assert np.allclose(dm.weights.to_numpy(), [0.25, 0.75])
    assert [int(o) for o in dm.iobjectives] == [1, -1]


def test_a_matrix_already_on_the_0_1_scale_is_maximized_throughout() -> None:
    crit = criteria(3, minimize=(0, 2))
    problem = Problem.build(frame([[1, 2, 3], [3, 2, 1]]), crit, {c.criterion: 1 for c in crit})
    up = all_maximized(problem)
    assert up.tolist() == [True, True, True]
    dm = decision_matrix(problem, np.ones((2, 3)), up)
    assert [int(o) for o in dm.iobjectives] == [1, 1, 1]
