"""A method's spec: frozen, with neutral defaults for what a method need not add."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from planner.score.methods import method
from planner.score.methods._spec import (
    MethodSpec,
    no_checks,
    no_columns,
    no_notes,
    own_weights,
)
from planner.score.problem import Problem
from tests.score.methods.problems import random_problem


def test_the_defaults_add_no_checks_columns_or_notes() -> None:
    problem = random_problem(0)
    assert no_checks(problem, "scale") is None
    assert no_columns(problem, "scale") == []
    assert no_notes({"anything": 1}) == []


def test_a_spec_cannot_be_changed_under_its_callers() -> None:
    spec = method("wsm")
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.label = "Other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        spec.normalizations["new"] = "words"  # type: ignore[index]


def test_a_new_spec_copies_its_table_of_scales() -> None:
    scales = {"scale": "each criterion on 0-1"}

    def batch(problem: Problem, normalization: str, w: np.ndarray) -> np.ndarray:
        return np.zeros((len(problem.ids), w.shape[1]))

    spec = MethodSpec(key="demo", label="Demo", description="d", council_words="c", position=9,
                      normalizations=scales, default_normalization=lambda p: "scale",
                      scale_words=lambda p, n, j: "",
                      score=lambda p, n: (batch(p, n, own_weights(p))[:, 0], {}), batch=batch)
    scales["other"] = "changed later"
    assert list(spec.normalizations) == ["scale"]
    assert not spec.lower_is_better and spec.check is no_checks


def test_a_problem_s_own_weights_are_one_sample_of_criteria_by_samples() -> None:
    problem = random_problem(2, zero_weight=True)
    weights = own_weights(problem)
    assert weights.shape == (len(problem.names), 1)
    assert weights[:, 0].tolist() == problem.weights.tolist()
    assert weights[0, 0] == 0.0
