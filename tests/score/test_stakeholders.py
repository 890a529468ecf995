"""Stakeholders' weights combine into the weights in use only when nothing else sets them."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from planner.core.models import Criterion, Pairwise, Stakeholder
from planner.score.criteria import PRESETS
from planner.score.scoring import score_portfolio
from planner.score.stakeholders import combined_weights, weight_sets
from tests.factories import make_portfolio

BALANCED = PRESETS["balanced"].criteria
NAMES = [c.criterion for c in BALANCED]


def person(name: str, values: list[float]) -> Stakeholder:
    return Stakeholder(name=name, weights=dict(zip(NAMES, values, strict=True)))


PANEL = (person("Mayor", [30, 20, 10, 10, 20, 10]), person("CFO", [1, 1, 1, 5, 1, 1]))


def test_the_combination_is_the_geometric_mean_of_normalized_weights() -> None:
    combined = combined_weights(PANEL, BALANCED)
    mayor = [w / 100 for w in (30, 20, 10, 10, 20, 10)]
    cfo = [w / 10 for w in (1, 1, 1, 5, 1, 1)]
    geo = [math.sqrt(a * b) for a, b in zip(mayor, cfo, strict=True)]
    assert combined == pytest.approx({n: g / sum(geo) for n, g in zip(NAMES, geo, strict=True)})


def test_columns_may_name_a_criterion_by_the_column_it_reads() -> None:
    by_column = Stakeholder(name="A", weights={c.column: 1.0 for c in BALANCED})
    assert weight_sets([by_column], BALANCED) == {"A": dict.fromkeys(NAMES, 1.0)}
    short = Stakeholder(name="B", weights={NAMES[0]: 1.0})
    assert weight_sets([short], BALANCED) is None


def test_scores_use_the_stakeholders_when_nothing_else_gives_weights() -> None:
    portfolio = make_portfolio(n=12, seed=3).replace(stakeholders=PANEL)
    scores = score_portfolio(portfolio)
    assert scores.weights == pytest.approx(combined_weights(PANEL, BALANCED))
    assert any("2 stakeholders combined by geometric mean" in n for n in scores.notes)
    plain = score_portfolio(portfolio.replace(stakeholders=()))
    assert plain.weights == pytest.approx(PRESETS["balanced"].weights)


def test_the_criteria_sheets_weights_and_hand_weights_win_over_the_stakeholders() -> None:
    weighted = tuple(Criterion(criterion=c.criterion, column=c.column, direction=c.direction,
                               weight=1.0) for c in BALANCED)
    portfolio = make_portfolio(n=12, seed=3).replace(stakeholders=PANEL, criteria=weighted)
    scores = score_portfolio(portfolio)
    assert scores.weights == pytest.approx(dict.fromkeys(NAMES, 1 / 6))
    assert any("the Criteria sheet's weights were used" in n for n in scores.notes)
    by_hand = score_portfolio(portfolio.replace(criteria=()),
                              weights=dict(zip(NAMES, [1, 0, 0, 0, 0, 0], strict=True)))
    assert by_hand.weights[NAMES[0]] == pytest.approx(1.0)


def test_a_criteria_sheet_without_weights_takes_the_stakeholders_combination() -> None:
    unweighted = tuple(Criterion(criterion=c.criterion, column=c.column, direction=c.direction)
                       for c in BALANCED)
    portfolio = make_portfolio(n=12, seed=3).replace(stakeholders=PANEL, criteria=unweighted)
    assert score_portfolio(portfolio).weights == pytest.approx(combined_weights(PANEL, BALANCED))


def test_a_pairwise_sheet_wins_and_other_criteria_leave_the_stakeholders_unused() -> None:
    base = make_portfolio(n=12, seed=3).replace(stakeholders=PANEL)
    matrix = tuple(tuple(1.0 for _ in NAMES) for _ in NAMES)
    ahp = score_portfolio(base.replace(pairwise=Pairwise(criteria=tuple(NAMES), matrix=matrix)))
    assert ahp.weights == pytest.approx(dict.fromkeys(NAMES, 1 / 6))
    assert any("Pairwise sheet's weights were used" in n for n in ahp.notes)
    other = score_portfolio(base, preset="fiscal_stewardship")
    assert other.weights == pytest.approx(PRESETS["fiscal_stewardship"].weights)
    assert any("do not weigh exactly these criteria" in n for n in other.notes)


def test_a_stakeholder_weighs_with_positive_numbers_only() -> None:
    for bad in (0.0, -1.0, math.nan, math.inf):
        with pytest.raises(ValidationError):
            Stakeholder(name="A", weights={"Legacy risk": bad})
