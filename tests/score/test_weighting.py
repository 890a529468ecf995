"""The ways of weighing, defined once: each mode from a workbook's Settings and Criteria sheet."""

from __future__ import annotations

import pandas as pd
import pytest

from planner.errors import ScoringError
from planner.score.data_weights import objective_weights
from planner.score.scoring import score_portfolio
from planner.score.weighting import (
    WEIGHTING_KEYS,
    WEIGHTING_MODES,
    Weighing,
    default_weighting,
    weigh,
    weigh_portfolio,
    weighting_key,
    with_hand_weights,
)
from planner.score.weights import rank_weights, swing_weights
from planner.service import load_files
from tests.weighting_books import CRITERIA, NAMES, RANKS, SWINGS, weighted_book


def _portfolio(weighting: str | None, **kwargs):
    return load_files([("city.xlsx", weighted_book(weighting, **kwargs))]).portfolio


def test_every_mode_says_what_it_reads_and_when_to_use_it() -> None:
    assert WEIGHTING_KEYS == ("direct", "ahp", "rank", "swing", "entropy", "critic")
    for mode in WEIGHTING_MODES.values():
        assert "use it" in mode.meaning and mode.meaning.endswith(".")
        assert mode.inputs and mode.source
    assert WEIGHTING_MODES["rank"].column == "rank"
    assert WEIGHTING_MODES["swing"].column == "swing"


@pytest.mark.parametrize(("text", "key"), [("ROC", "rank"), ("Rank order", "rank"),
                                           ("SMARTS", "swing"), ("Pairwise", "ahp"),
                                           ("CRITIC", "critic"), ("Shannon entropy", "entropy")])
def test_natural_spellings_name_a_mode(text: str, key: str) -> None:
    assert weighting_key(text) == key


def test_an_unknown_mode_lists_the_modes() -> None:
    with pytest.raises(ScoringError, match="direct, ahp, rank, swing, entropy, critic"):
        weighting_key("gut feeling")


def test_rank_mode_scores_with_the_criteria_sheets_ranks() -> None:
    portfolio = _portfolio("rank")
    assert default_weighting(portfolio) == "rank"
    result = score_portfolio(portfolio)
    expected = rank_weights(dict(zip(NAMES, RANKS, strict=True)))
    assert result.weights == pytest.approx(expected)
    weighing = result.extra["weighting"]
    assert weighing.mode == "rank" and weighing.inputs == dict(zip(NAMES, map(float, RANKS),
                                                                   strict=True))
    assert weighing.inputs_words().startswith("ranks: Legacy risk 2, Resident impact 1")


def test_swing_mode_scores_with_the_criteria_sheets_swings() -> None:
    result = score_portfolio(_portfolio("swing"))
    assert result.weights == pytest.approx(swing_weights(dict(zip(NAMES, SWINGS, strict=True))))
    assert result.extra["weighting"].as_dict()["swing"]["Resident impact"] == 100.0


@pytest.mark.parametrize("mode", ["entropy", "critic"])
def test_modes_from_the_data_weigh_the_candidates_criterion_values(mode: str) -> None:
    result = score_portfolio(_portfolio(mode))
    directions = {c.criterion: c.direction for c in result.criteria}
    assert result.weights == pytest.approx(objective_weights(result.matrix, directions, mode))
    assert result.extra["weighting"].inputs_words().startswith("from the data")


def test_the_app_route_gives_the_same_weights_as_the_workbook() -> None:
    portfolio = _portfolio(None)
    by_hand = weigh_portfolio(portfolio, "rank", inputs=dict(zip(NAMES, RANKS, strict=True)))
    from_sheet = score_portfolio(_portfolio("rank")).weights
    assert by_hand.weights == pytest.approx(from_sheet)


def test_without_a_setting_the_criteria_sheets_weights_are_used() -> None:
    portfolio = _portfolio(None)
    assert default_weighting(portfolio) == "direct"
    result = score_portfolio(portfolio)
    assert result.weights == pytest.approx({c.criterion: c.weight for c in CRITERIA})
    assert result.extra["weighting"].mode == "direct"


def test_a_ranking_with_ties_is_answered_in_plain_words() -> None:
    portfolio = _portfolio("rank", ranks=(1, 1, 2, 3, 4, 5))
    with pytest.raises(ScoringError, match="Legacy risk and Resident impact share rank 1"):
        score_portfolio(portfolio)


def test_a_constant_criterion_under_the_data_modes_gets_no_weight_with_a_note() -> None:
    from planner.core.models import Criterion

    criteria = [Criterion(criterion="x", column="x"), Criterion(criterion="y", column="y")]
    matrix = pd.DataFrame({"x": [1.0, 4.0, 2.0], "y": [3.0, 3.0, 3.0]})
    for mode in ("entropy", "critic"):
        weighing = weigh(mode, criteria, matrix)
        assert weighing.weights == {"x": 1.0, "y": 0.0}
        assert "y is the same for every candidate" in weighing.notes[0]


def test_ahp_without_a_pairwise_sheet_and_rank_without_ranks_are_refused() -> None:
    with pytest.raises(ScoringError, match="needs a Pairwise sheet"):
        score_portfolio(_portfolio("ahp"))
    with pytest.raises(ScoringError, match="none was given for: Legacy risk"):
        score_portfolio(_portfolio("rank", ranks=(None, 1, 2, 3, 4, 5)))


def test_hand_weights_turn_a_mode_into_direct_weights_that_remember_it() -> None:
    weighing = Weighing("rank", {"a": 0.75, "b": 0.25}, inputs={"a": 1.0, "b": 2.0})
    assert with_hand_weights(weighing, {"a": 3.0, "b": 1.0}) is weighing
    changed = with_hand_weights(weighing, {"a": 0.5, "b": 0.5})
    assert changed.mode == "direct" and changed.changed_by_hand == "rank"
    assert changed.weights == {"a": 0.5, "b": 0.5}
    assert "then set by hand" in changed.inputs_words()
