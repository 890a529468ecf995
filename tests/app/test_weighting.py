"""Criteria & weights, other ways of weighing: rank, swing and from the data, each shown
before Apply, then on the sliders and in the list of changes."""

from __future__ import annotations

import pytest

from app_pages import _state as S
from planner import PRESETS, load_files, score_portfolio
from planner.score.weights import rank_weights, swing_weights
from tests.app.conftest import SAMPLE
from tests.app.helpers import no_errors

NAMES = [c.criterion for c in PRESETS["balanced"].criteria]


def _shown(at, column: str) -> dict[str, str]:
    table = next(d.value for d in at.dataframe
                 if list(d.value.columns) == ["criterion", column, "weight"])
    return dict(zip(table["criterion"], table["weight"], strict=True))


def _share(weights: dict[str, float]) -> dict[str, str]:
    return {n: f"{100 * w:.1f}%" for n, w in weights.items()}


def _sheet_weights(weighting: str) -> dict[str, float]:
    """The weights a workbook with this Settings weighting scores with."""
    portfolio = load_files([("city.xlsx", SAMPLE.read_bytes())]).portfolio
    settings = portfolio.settings.model_copy(update={"weighting": weighting})
    return score_portfolio(portfolio.replace(settings=settings)).weights


def test_ranking_the_criteria_shows_roc_weights_and_apply_puts_them_on_the_sliders(
        open_page) -> None:
    at = open_page("weights")
    no_errors(at)
    ranks = dict(zip(NAMES, (2, 1, 4, 3, 6, 5), strict=True))
    for name, rank in ranks.items():
        at.number_input(key=f"w_rank_{name.lower().replace(' ', '_')}").set_value(rank)
    at.run()
    no_errors(at)
    expected = rank_weights(ranks)
    assert _shown(at, "rank") == _share(expected)
    assert at.session_state[S.WEIGHTS] is None  # shown, not yet applied
    at.button(key="w_apply_rank").click().run()
    no_errors(at)
    applied = at.session_state[S.WEIGHTS]
    assert {n: w / 100 for n, w in applied.items()} == pytest.approx(expected)
    assert at.slider(key="w_weight_resident_impact").value == pytest.approx(
        100 * expected["Resident impact"])
    newest = at.session_state[S.HISTORY].changes()[0]
    assert newest.startswith("Weights from rank order: Legacy risk 24%, Resident impact 41%")


def test_tied_ranks_are_answered_in_plain_words(open_page) -> None:
    at = open_page("weights")
    at.number_input(key="w_rank_legacy_risk").set_value(1)
    at.number_input(key="w_rank_resident_impact").set_value(1)
    at.run()
    assert not at.exception
    assert any("share rank 1" in e.value for e in at.error)
    assert not [b for b in at.button if b.key == "w_apply_rank"]


def test_swing_points_give_their_shares(open_page) -> None:
    at = open_page("weights")
    swings = dict(zip(NAMES, (80, 100, 40, 60, 10, 30), strict=True))
    for name, points in swings.items():
        at.number_input(key=f"w_swing_{name.lower().replace(' ', '_')}").set_value(points)
    at.run()
    no_errors(at)
    expected = swing_weights(swings)
    assert _shown(at, "swing") == _share(expected)
    at.button(key="w_apply_swing").click().run()
    assert {n: w / 100 for n, w in at.session_state[S.WEIGHTS].items()} == pytest.approx(
        expected)


@pytest.mark.parametrize("mode", ["entropy", "critic"])
def test_weights_from_the_data_match_the_workbooks_weighting(open_page, mode: str) -> None:
    at = open_page("weights")
    at.radio(key="w_data_mode").set_value(mode).run()
    no_errors(at)
    expected = _sheet_weights(mode)
    shown = next(d.value for d in at.dataframe
                 if list(d.value.columns) == ["criterion", "weight"])
    assert dict(zip(shown["criterion"], shown["weight"], strict=True)) == _share(expected)
    at.button(key=f"w_apply_{mode}").click().run()
    no_errors(at)
    applied = at.session_state[S.WEIGHTS]
    assert {n: w / 100 for n, w in applied.items()} == pytest.approx(expected)
