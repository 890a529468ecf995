"""Weights from the data: entropy and CRITIC against published worked examples."""

from __future__ import annotations

import pandas as pd
import pytest

from planner.core.models import Direction
from planner.errors import ScoringError
from planner.score.data_weights import critic_weights, entropy_weights, objective_weights


def _frame(rows: list[list[float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[f"c{j + 1}" for j in range(len(rows[0]))])


def test_entropy_reproduces_zavadskas_and_podvezko() -> None:
    # Zavadskas, E. K. & Podvezko, V. (2016). Integrated determination of objective criteria
    # weights in MCDM. IJITDM 15(2), 267-283: entropy weights 0.1146, 0.1981, 0.4185, 0.2689
    # (Shannon entropy weighting as in Zeleny 1982 and Hwang & Yoon 1981: p_ij = x_ij/sum x_ij,
    # e_j = -sum p ln p / ln m, w_j proportional to 1 - e_j).
    matrix = _frame([[3.0, 100, 10, 7], [2.5, 80, 8, 5], [1.8, 50, 20, 11], [2.2, 70, 12, 9]])
    weights = entropy_weights(matrix)
    assert [round(w, 4) for w in weights.values()] == [0.1146, 0.1981, 0.4185, 0.2689]


def test_entropy_reproduces_xu_with_a_nearly_constant_criterion_near_zero() -> None:
    # Xu, X. (2004). A note on the subjective and objective integrated approach to determine
    # attribute weights. EJOR 156(2), 530-532: entropy weights 0.4630, 0.3992, 0.1378, 0.0000.
    matrix = _frame([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]])
    weights = entropy_weights(matrix)
    assert [round(w, 4) for w in weights.values()] == [0.4630, 0.3992, 0.1378, 0.0]


def test_critic_reproduces_tus_and_aytac_adali() -> None:
    # CRITIC as defined by Diakoulaki, Mavrotas & Papayannakis (1995), Computers & OR 22(7),
    # 763-770. Worked example: Tus, A. & Aytac Adali, E. (2019). The new combination with
    # CRITIC and WASPAS methods for the time and attendance software selection problem.
    # Opsearch 56(2), 528-538: weights 0.157, 0.249, 0.168, 0.121, 0.154, 0.151. The printed
    # weights come out when every column is scaled (x - min) / (max - min), price included
    # (two libraries, pymcdm and crispyn, reproduce them the same way); scaled with price as a
    # cost they would differ, since reversing a column flips the sign of its correlations.
    matrix = _frame([[5000, 3, 3, 4, 3, 2], [680, 5, 3, 2, 2, 1], [2000, 3, 2, 3, 4, 3],
                     [600, 4, 3, 1, 2, 2], [800, 2, 4, 3, 3, 4]])
    weights = critic_weights(matrix)
    assert [round(w, 3) for w in weights.values()] == [0.157, 0.249, 0.168, 0.121, 0.154,
                                                       0.151]
    reversed_price = critic_weights(matrix, {"c1": Direction.MIN})
    assert round(reversed_price["c1"], 3) != 0.157


@pytest.mark.parametrize("method", ["entropy", "critic"])
def test_a_constant_criterion_gets_no_weight(method: str) -> None:
    frame = pd.DataFrame({"x": [1.0, 5.0, 2.0, 8.0], "y": [3.0, 3.0, 3.0, 3.0],
                          "z": [10.0, 1.0, 4.0, 2.0]})
    weights = objective_weights(frame, {"z": Direction.MIN}, method=method)
    assert weights["y"] == 0.0
    assert sum(weights.values()) == pytest.approx(1.0)
    assert weights["x"] > 0 and weights["z"] > 0


@pytest.mark.parametrize("method", ["entropy", "critic"])
def test_all_constant_data_is_answered_in_plain_words(method: str) -> None:
    frame = pd.DataFrame({"x": [1.0, 1.0], "y": [2.0, 2.0]})
    with pytest.raises(ScoringError, match="same value for all candidates"):
        objective_weights(frame, method=method)


def test_too_few_candidates_blank_cells_and_unknown_methods_are_refused() -> None:
    with pytest.raises(ScoringError, match="at least two candidates"):
        objective_weights(pd.DataFrame({"x": [1.0], "y": [2.0]}))
    with pytest.raises(ScoringError, match="a value for every candidate"):
        objective_weights(pd.DataFrame({"x": [1.0, None], "y": [2.0, 1.0]}))
    with pytest.raises(ScoringError, match="entropy or critic"):
        objective_weights(pd.DataFrame({"x": [1.0, 2.0], "y": [2.0, 1.0]}), method="magic")


def test_entropy_refuses_negative_values_but_objective_weights_shift_them() -> None:
    frame = pd.DataFrame({"savings": [-50.0, 0.0, 150.0], "hours": [10.0, 20.0, 15.0]})
    with pytest.raises(ScoringError, match="must not be negative"):
        entropy_weights(frame)
    shifted = frame.assign(savings=frame["savings"] + 50.0)
    assert objective_weights(frame) == pytest.approx(entropy_weights(shifted))
