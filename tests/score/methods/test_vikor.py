"""VIKOR: a lower-is-better Q, its value 1 - Q, and its compromise set."""

from __future__ import annotations

import pytest

from planner.errors import ScoringError
from planner.score.methods import vikor
from planner.score.scoring import score_matrix, score_portfolio
from tests.factories import make_portfolio
from tests.score.methods.problems import criteria, frame


def test_vikor_says_its_q_is_lower_is_better_and_values_are_one_minus_q() -> None:
    result = score_portfolio(make_portfolio(n=25, seed=2), method="vikor")
    assert not result.higher_is_better
    assert result.value.to_numpy() == pytest.approx(1 - result.scores.to_numpy())
    assert result.scores[result.order[0]] == result.scores.min()
    data = result.as_dict()
    assert data["higher_is_better"] is False and "lower is better" in data["score_note"]


def test_a_constant_criterion_is_refused_even_with_an_anchored_scale() -> None:
    with pytest.raises(ScoringError, match="'c1' is 5 for every candidate") as caught:
        score_matrix(frame([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]),
                     criteria(2, anchors={1: (0, 10)}), method="vikor")
    assert "anchored scale" not in str(caught.value)  # VIKOR does not use anchors


def test_no_clear_winner_is_noted_with_the_compromise_set() -> None:
    result = score_matrix(frame([[9.0, 10.0], [10.0, 8.0], [1.0, 1.0]], ids=["w", "x", "y"]),
                          criteria(2), method="vikor")
    assert result.extra["compromise_set"] == ["w", "x"]
    assert "VIKOR finds no single clear winner; its compromise set is w, x." in result.notes


def test_a_clear_winner_adds_no_compromise_note() -> None:
    result = score_matrix(frame([[1.0, 1.0], [2.0, 3.0], [9.0, 9.0]]), criteria(2),
                          method="vikor")
    assert result.order[0] == "A2"
    assert not any("compromise" in note for note in result.notes)


def test_vikor_scales_are_distances_from_the_best() -> None:
    result = score_matrix(frame([[1.0, 3.0], [2.0, 1.0], [4.0, 2.0]]),
                          criteria(2, minimize=(1,)), method="vikor")
    assert result.scales["c1"] == ("distance from the best as a share of the best-to-worst "
                                   "range, lower is better")


def test_the_compromise_weight_is_half_and_the_index_is_lower_is_better() -> None:
    assert vikor.VIKOR_V == 0.5
    assert vikor.SPEC.lower_is_better and not vikor.SPEC.exact_contributions
