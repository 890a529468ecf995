"""The brief's words about the choices: priorities and who set them, overrides, money."""

from __future__ import annotations

import pandas as pd

from planner.brief.choices import (
    funds_sentence,
    method_paragraph,
    money_rows,
    money_sentence,
    overrides_sentences,
    priorities,
    who_set_them,
)
from planner.core.models import Stakeholder
from planner.core.plans import Overrides
from planner.score.scoring import score_portfolio
from tests.brief.briefs import sample_roadmap, small_roadmap


def test_priorities_list_the_criteria_by_weight_in_words() -> None:
    roadmap = sample_roadmap()
    found = priorities(roadmap.portfolio, roadmap.scores)
    weights = [float(r["weight"].rstrip("%")) for r in found["rows"]]
    assert weights == sorted(weights, reverse=True)
    assert {"criterion": "Delivery risk", "weight": "15%", "better": "lower is better"} in \
        found["rows"]
    assert "'Balanced' preset" in found["who"] and "No stakeholders" in found["who"]


def test_who_set_the_weights_names_the_stakeholders_when_theirs_were_combined() -> None:
    portfolio = small_roadmap().portfolio
    names = [c.criterion for c in score_portfolio(portfolio).criteria]
    people = (Stakeholder(name="Finance director", role="Finance",
                          weights={n: 1.0 + i for i, n in enumerate(names)}),
              Stakeholder(name="Council liaison", weights=dict.fromkeys(names, 1.0)))
    with_people = portfolio.replace(stakeholders=people)
    text = who_set_them(with_people, score_portfolio(with_people))
    assert "2 stakeholders (Finance director (Finance); Council liaison)" in text
    assert "geometric mean" in text


def test_overrides_are_sentences_with_project_names() -> None:
    portfolio = small_roadmap().portfolio
    a, b, c = list(portfolio.candidates)[:3]
    lines = overrides_sentences(portfolio, Overrides(frozenset({a}), frozenset({b}), {c: 2029}))
    name = portfolio.candidates
    assert f"Funded by decision, whatever their score: {name[a].name}." in lines
    assert f"Left out by decision: {name[b].name}." in lines
    assert f"{name[c].name} was set to start in FY2029." in lines
    assert overrides_sentences(portfolio, Overrides())[0].startswith("No project was forced")


def test_money_rows_read_the_frontier_as_shares_of_todays_plan() -> None:
    frontier = pd.DataFrame({"scale": [0.75, 0.9, 1.0, 1.1], "capital_budget": [7.5e6, 9e6,
                                                                             1e7, 1.1e7],
                             "optimized": [None, 9.0, 10.0, 10.5], "funded": [0, 8, 9, 10]})
    rows = money_rows(frontier, 10.0)
    assert rows == [["25% less", "$7.5M", "no plan fits", "-"],
                    ["10% less", "$9.0M", "8", "90%"], ["10% more", "$11.0M", "10", "105%"]]
    sentence = money_sentence(frontier, 10.0)
    assert sentence.startswith("With 10% less capital the best plan keeps 90% of today's value;"
                               " 10% more would add 5%.")
    assert money_sentence(None, 10.0).startswith("The budget frontier was not computed")


def test_the_method_paragraph_says_how_the_plan_was_made() -> None:
    roadmap = sample_roadmap()
    text = method_paragraph(roadmap.portfolio, roadmap.result, roadmap.scores)
    assert "Weighted sum" in text and "capital budget" in text and "rank and cut" in text
    assert funds_sentence(roadmap.result, roadmap.portfolio.funds).startswith("By fund: ")
