"""SMAA-2 rank acceptability and the comparison of methods."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planner.core.models import Criterion
from planner.errors import ScoringError
from planner.score.methods import METHOD_KEYS
from planner.score.rank_robustness import (
    compare_methods,
    sample_weights,
    smaa,
)
from planner.score.scoring import score_matrix, score_portfolio
from tests.factories import make_portfolio

ALL_METHODS = list(METHOD_KEYS)


@pytest.fixture(scope="module")
def portfolio():
    return make_portfolio(n=40, seed=7)


@pytest.mark.parametrize("method", ALL_METHODS)
def test_acceptabilities_are_probabilities(portfolio, method: str) -> None:
    result = smaa(score_portfolio(portfolio, method=method), samples=500, seed=1, k=5)
    table = result.acceptability
    assert table.sum(axis=1).to_numpy() == pytest.approx(1.0)
    assert table.sum(axis=0).to_numpy() == pytest.approx(1.0)
    assert result.top_k.between(0, 1).all()
    assert result.top_k.sum() == pytest.approx(5.0)
    assert 0 <= result.top_set_stability <= 1 and 0 <= result.winner_confidence <= 1


def test_smaa_is_deterministic_under_a_seed(portfolio) -> None:
    result = score_portfolio(portfolio)
    a = smaa(result, samples=300, seed=42, concentration=30)
    b = smaa(result, samples=300, seed=42, concentration=30)
    c = smaa(result, samples=300, seed=43, concentration=30)
    pd.testing.assert_frame_equal(a.acceptability, b.acceptability)
    assert not a.acceptability.equals(c.acceptability)


def test_sampling_in_blocks_gives_the_same_answer_as_in_one_go(portfolio, monkeypatch) -> None:
    import planner.score.rank_robustness as rr

    result = score_portfolio(portfolio)
    whole = smaa(result, samples=200, seed=5)
    monkeypatch.setattr(rr, "CELLS_PER_BLOCK", 40 * 6 * 7)
    blocks = smaa(result, samples=200, seed=5)
    pd.testing.assert_frame_equal(whole.acceptability, blocks.acceptability)


def test_tight_weights_reproduce_the_chosen_ranking(portfolio) -> None:
    result = score_portfolio(portfolio)
    tight = smaa(result, samples=400, seed=0, concentration=1e7, k=3)
    assert tight.winner_confidence == pytest.approx(1.0)
    top = result.order[:3]
    assert tight.top_k[top].to_numpy() == pytest.approx(1.0)
    assert set(tight.stable(0.99)) == set(top)
    assert not tight.contested()


def test_a_dominating_candidate_is_first_under_every_weighting() -> None:
    frame = pd.DataFrame({"a": [9.0, 1.0, 5.0, 3.0], "b": [9.0, 4.0, 2.0, 8.0],
                          "c": [1.0, 5.0, 3.0, 4.0]}, index=["best", "p", "q", "r"])
    criteria = [Criterion(criterion="a", column="a"), Criterion(criterion="b", column="b"),
                Criterion(criterion="c", column="c", direction="min")]
    for method in ALL_METHODS:
        result = smaa(score_matrix(frame, criteria, method=method), samples=500, seed=3, k=1)
        assert result.acceptability.loc["best", 1] == pytest.approx(1.0)
        assert result.central_weights.loc["best"].sum() == pytest.approx(1.0)
        assert result.central_weights.loc["p"].isna().all()


def test_uniform_sampling_is_said_and_weights_stay_on_the_simplex() -> None:
    rng = np.random.default_rng(0)
    w = sample_weights(np.array([0.5, 0.3, 0.2]), 1000, rng)
    assert w.shape == (3, 1000)
    assert w.sum(axis=0) == pytest.approx(np.ones(1000))
    assert w.mean(axis=1) == pytest.approx([1 / 3] * 3, abs=0.03)
    centred = sample_weights(np.array([0.5, 0.3, 0.2]), 4000, rng, concentration=100)
    assert centred.mean(axis=1) == pytest.approx([0.5, 0.3, 0.2], abs=0.01)
    with pytest.raises(ScoringError):
        sample_weights(np.array([1.0]), 1, rng, concentration=0)


def test_weight_zero_criteria_stay_out_of_the_samples(portfolio) -> None:
    result = score_portfolio(portfolio, weights={"Delivery risk": 0})
    summary = smaa(result, samples=200, seed=0)
    assert summary.central_weights["Delivery risk"].fillna(0).eq(0).all()
    assert any("uniformly" in n for n in summary.notes)


def test_summary_lists_candidates_in_rank_order(portfolio) -> None:
    result = score_portfolio(portfolio)
    summary = smaa(result, samples=200, seed=0, k=4).summary()
    assert summary.index.tolist() == result.order
    assert {"rank", "p_top_4", "p_first", "expected_rank"} <= set(summary.columns)


def test_method_comparison_reports_rank_agreement_and_movers(portfolio) -> None:
    comparison = compare_methods(portfolio)
    assert list(comparison.ranks.columns) == ALL_METHODS
    tau = comparison.kendall_tau
    assert np.diag(tau.to_numpy()) == pytest.approx(1.0)
    assert (tau.to_numpy() <= 1).all() and (tau.to_numpy() >= -1).all()
    assert tau.equals(tau.T)
    movers = comparison.movers
    assert (movers["spread"] == movers["worst_rank"] - movers["best_rank"]).all()
    assert movers["spread"].is_monotonic_decreasing
    assert not comparison.failed


def test_method_comparison_records_a_method_that_cannot_score() -> None:
    frame_portfolio = make_portfolio(n=6, seed=2)
    comparison = compare_methods(frame_portfolio, ["wsm", "nonsense"])
    assert "nonsense" in comparison.failed and "wsm" in comparison.ranks
