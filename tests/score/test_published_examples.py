"""The methods against worked examples from the literature, each transcribed with its source."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planner.core.models import Criterion
from planner.score.scoring import score_matrix
from planner.score.weights import ahp_weights

# Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making: Methods and
# Applications. Springer, Lecture Notes in Economics and Mathematical Systems 186,
# the fighter-aircraft example of TOPSIS. Four aircraft, six attributes: maximum speed
# (Mach), ferry range (NM), maximum payload (lb), acquisition cost ($ million, a cost),
# reliability and maneuverability (both on the book's 1-9 interval scale, benefits).
# Weights 0.2, 0.1, 0.1, 0.1, 0.2, 0.3. Published relative closeness: 0.643, 0.268,
# 0.613, 0.312 (A1 > A3 > A4 > A2). Only the acquisition cost is a cost attribute in
# this matrix: treating reliability as a cost as well gives 0.643, 0.492, 0.344, 0.312,
# which is not the book's answer.
AIRCRAFT = pd.DataFrame(
    [[2.0, 1500, 20000, 5.5, 5, 9],
     [2.5, 2700, 18000, 6.5, 3, 5],
     [1.8, 2000, 21000, 4.5, 7, 7],
     [2.2, 1800, 20000, 5.0, 5, 5]],
    index=["A1", "A2", "A3", "A4"],
    columns=["speed", "range", "payload", "cost", "reliability", "maneuverability"],
)
AIRCRAFT_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
AIRCRAFT_CLOSENESS = [0.643, 0.268, 0.613, 0.312]


def _criteria(frame: pd.DataFrame, weights: list[float], minimize: set[str]) -> list[Criterion]:
    return [Criterion(criterion=c, column=c, weight=w,
                      direction="min" if c in minimize else "max")
            for c, w in zip(frame.columns, weights, strict=True)]


def test_topsis_reproduces_hwang_and_yoon_aircraft_closeness() -> None:
    result = score_matrix(AIRCRAFT, _criteria(AIRCRAFT, AIRCRAFT_WEIGHTS, {"cost"}),
                          method="topsis")
    assert result.scores.to_numpy() == pytest.approx(AIRCRAFT_CLOSENESS, abs=1.5e-3)
    assert result.order == ["A1", "A3", "A4", "A2"]
    assert "vector normalization" in result.normalization


# Saaty, T. L. (2008). Decision making with the analytic hierarchy process. International
# Journal of Services Sciences 1(1), 83-98, Table 3: "Which drink is consumed more in the
# U.S.?" Derived priorities .177 .019 .042 .116 .190 .129 .327 against actual consumption
# .180 .010 .040 .120 .180 .140 .330; C.R. = 0.022.
DRINKS = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
DRINK_MATRIX = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]
DRINK_PRIORITIES = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]


def test_ahp_reproduces_saaty_drinks_priorities_and_consistency() -> None:
    result = ahp_weights(DRINK_MATRIX, names=DRINKS)
    assert [result.weights[d] for d in DRINKS] == pytest.approx(DRINK_PRIORITIES, abs=1.5e-3)
    assert result.consistency_ratio == pytest.approx(0.022, abs=1e-3)
    assert result.is_consistent and result.revisit == ()


# Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: a comparative
# analysis of VIKOR and TOPSIS. European Journal of Operational Research 156, 445-455,
# Section 4: three alternatives, two criteria to maximize, equal weights. We could not
# verify the paper's printed figures, so these tests check the documented properties of
# VIKOR (S, R and Q by their definitions; Q lower-is-better; v = 1 ranks by S alone) on a
# problem of the same shape, with the hand arithmetic written out.
VIKOR_EXAMPLE = pd.DataFrame([[1.0, 3000.0], [2.0, 3750.0], [5.0, 3300.0]],
                             index=["A1", "A2", "A3"], columns=["f1", "f2"])


def test_vikor_follows_its_definition_on_a_three_by_two_example() -> None:
    result = score_matrix(VIKOR_EXAMPLE, _criteria(VIKOR_EXAMPLE, [0.5, 0.5], set()),
                          method="vikor")
    # Normalized regret d = (best - f) / (best - worst): f1 best 5 worst 1, f2 best 3750
    # worst 3000. A1: (1, 1); A2: (0.75, 0); A3: (0, 0.6).
    s = np.array([0.5 * 1 + 0.5 * 1, 0.5 * 0.75, 0.5 * 0.6])  # group utility
    r = np.array([0.5, 0.375, 0.3])  # individual regret
    q = 0.5 * (s - s.min()) / (s.max() - s.min()) + 0.5 * (r - r.min()) / (r.max() - r.min())
    assert result.extra["S"] == pytest.approx(s)
    assert result.extra["R"] == pytest.approx(r)
    assert result.scores.to_numpy() == pytest.approx(q)
    assert not result.higher_is_better
    assert result.value.to_numpy() == pytest.approx(1 - q)
    assert result.order == ["A3", "A2", "A1"]  # lowest Q first
    assert "lower is better" in result.score_note


def test_vikor_q_is_zero_for_the_best_and_one_for_the_worst_alternative() -> None:
    result = score_matrix(VIKOR_EXAMPLE, _criteria(VIKOR_EXAMPLE, [0.5, 0.5], set()),
                          method="vikor")
    assert result.scores.min() == pytest.approx(0.0)
    assert result.scores.max() == pytest.approx(1.0)


def test_wsm_on_min_max_scales_matches_hand_arithmetic() -> None:
    # Same 3 x 2 matrix: min-max scales A1 (0, 0), A2 (0.25, 1), A3 (1, 0.4).
    result = score_matrix(VIKOR_EXAMPLE, _criteria(VIKOR_EXAMPLE, [0.5, 0.5], set()),
                          method="wsm")
    assert result.scores.to_numpy() == pytest.approx([0.0, 0.625, 0.7])
    assert result.contributions.sum(axis=1).to_numpy() == pytest.approx([0.0, 0.625, 0.7])
