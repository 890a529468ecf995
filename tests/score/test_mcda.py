"""The validating wrapper around the method registry: checks, scales and outcomes."""

from __future__ import annotations

import numpy as np
import pytest

import planner.score.methods as registry
from planner.errors import ScoringError
from planner.score import mcda
from planner.score.problem import Problem, utility
from tests.score.methods.problems import criteria, frame, random_problem


def _problem(rows: list[list[float]], **kwargs) -> Problem:
    data = frame(rows)
    crits = criteria(data.shape[1], **kwargs)
    total = sum(c.weight for c in crits)
    return Problem.build(data, crits, {c.criterion: c.weight / total for c in crits})


def test_method_descriptions_are_keyed_like_the_registry() -> None:
    assert list(mcda.METHOD_DESCRIPTIONS) == list(registry.METHOD_KEYS)
    assert all(text == registry.method(k).description
               for k, text in mcda.METHOD_DESCRIPTIONS.items())
    assert mcda.METHOD_DESCRIPTIONS["vikor"].endswith("Its Q is lower-is-better; value = 1 - Q.")


def test_normalizations_cover_every_method_scale_in_order() -> None:
    assert list(mcda.NORMALIZATIONS) == ["scale", "lifted", "ratio", "vector", "vikor"]
    assert dict(registry.NORMALIZATIONS) == mcda.NORMALIZATIONS


def test_method_key_is_the_registry_one() -> None:
    assert mcda.method_key("Weighted Sum") == "wsm"
    with pytest.raises(ScoringError, match="Choose one of: wsm, wpm, topsis, vikor"):
        mcda.evaluate(_problem([[1.0, 2.0], [2.0, 1.0]]), "electre")


@pytest.mark.parametrize("method, normalization, allowed", [
    ("wsm", "vector", "scale"), ("wpm", "scale", "lifted or ratio"),
    ("vikor", "ratio", "vikor")])
def test_a_normalization_the_method_does_not_use_is_refused(method: str, normalization: str,
                                                            allowed: str) -> None:
    with pytest.raises(ScoringError, match=f"{method} works with {allowed} normalization, "
                                           f"not '{normalization}'"):
        mcda.evaluate(_problem([[1.0, 2.0], [2.0, 1.0]]), method, normalization)


def test_missing_values_are_listed_a_few_at_a_time() -> None:
    problem = _problem([[np.nan, np.nan, np.nan], [np.nan, np.nan, 1.0], [1.0, 2.0, 3.0]])
    with pytest.raises(ScoringError, match="A0 / c0, A0 / c1, A0 / c2, A1 / c0 and 1 more"):
        mcda.check_problem(problem, "wsm", "scale")


def test_no_criteria_and_no_candidates_are_explained() -> None:
    empty = Problem(ids=(), names=("c0",), raw=np.zeros((0, 1)), maximize=np.array([True]),
                    weights=np.array([1.0]), anchors=(None,))
    with pytest.raises(ScoringError, match="no candidates"):
        mcda.check_problem(empty, "wsm", "scale")
    bare = Problem(ids=("a", "b"), names=(), raw=np.zeros((2, 0)), maximize=np.array([]),
                   weights=np.array([]), anchors=())
    with pytest.raises(ScoringError, match="no criteria"):
        mcda.check_problem(bare, "wsm", "scale")


def test_unscalable_criteria_depend_on_the_method() -> None:
    problem = _problem([[1.0, 5.0, 0.0], [2.0, 5.0, 0.0], [3.0, 5.0, 0.0]],
                       anchors={1: (0, 10)})
    assert mcda.unscalable(problem, "wsm", "scale") == [2]
    assert mcda.unscalable(problem, "wpm", "lifted") == [2]
    assert mcda.unscalable(problem, "wpm", "ratio") == []
    assert mcda.unscalable(problem, "topsis", "vector") == [2]
    assert mcda.unscalable(problem, "vikor", "vikor") == [1, 2]


def test_default_normalizations_follow_the_method_and_the_values() -> None:
    positive = _problem([[1.0, 2.0], [2.0, 1.0]])
    assert [mcda.default_normalization(positive, k) for k in registry.METHOD_KEYS] == [
        "scale", "ratio", "vector", "vikor"]
    assert mcda.default_normalization(_problem([[0.0, 2.0], [2.0, 1.0]]), "wpm") == "lifted"


def test_utility_uses_anchors_clips_and_puts_a_constant_column_at_one_half() -> None:
    problem = _problem([[0.0, 5.0, 1.0], [20.0, 5.0, 3.0]], minimize=(2,),
                       anchors={0: (0, 10)})
    assert utility(problem).tolist() == [[0.0, 0.5, 1.0], [1.0, 0.5, 0.0]]


def test_selecting_criteria_keeps_names_weights_and_anchors_together() -> None:
    problem = _problem([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]], anchors={2: (0, 5)})
    sub = problem.select(np.array([True, False, True]))
    assert sub.names == ("c0", "c2") and sub.anchors == (None, (0, 5))
    assert sub.weights.tolist() == pytest.approx([1 / 6, 3 / 6])
    assert sub.raw.tolist() == [[1.0, 3.0], [3.0, 1.0]]


def test_scale_descriptions_name_the_scale_and_the_direction() -> None:
    problem = _problem([[1.0, 2000.0], [2.0, 1000.0]], minimize=(1,))
    assert mcda.scale_descriptions(problem, "ratio") == {
        "c0": "ratio to the best value, higher is better",
        "c1": "ratio to the best value, lower is better"}
    assert mcda.scale_descriptions(problem, "scale")["c1"] == (
        "min-max over candidates (1,000 to 2,000), lower is better")


@pytest.mark.parametrize("method", registry.METHOD_KEYS)
def test_contributions_add_up_to_the_value_and_are_exact_only_where_they_can_be(
        method: str) -> None:
    outcome = mcda.evaluate(random_problem(2, positive=True), method)
    assert outcome.method == method
    assert outcome.exact is registry.method(method).exact_contributions
    assert outcome.contributions.sum(axis=1) == pytest.approx(outcome.value)
    assert outcome.utility.min() >= 0 and outcome.utility.max() <= 1
