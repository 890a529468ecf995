"""Roadmap page: headline figures, solver status, comparison with baselines, unfunded reasons."""

from __future__ import annotations

from app_pages import _state as S
from tests.app.helpers import metric, no_errors


def test_the_roadmap_shows_the_plan_and_how_it_beats_rank_and_cut(open_page) -> None:
    at = open_page("roadmap")
    no_errors(at)
    for label in ("Value captured", "Budget used", "Legacy risk retired", "Staff hours freed",
                  "Net savings"):
        metric(at, label)
    status = (at.success or at.info)[0].value
    assert "optimal" in status.lower()
    comparison = next(d.value for d in at.dataframe if "only in this plan" in d.value.columns)
    assert list(comparison["plan"]) == ["Optimized", "Rank and cut", "Value-per-dollar greedy"]
    optimized = comparison.iloc[0]["value"]
    assert (comparison["value"] <= optimized + 1e-9).all()
    unfunded = next(d.value for d in at.dataframe if "why not funded" in d.value.columns)
    assert (unfunded["why not funded"].str.len() > 0).all()


def test_the_plan_is_refined_to_full_precision_in_the_same_visit(open_page) -> None:
    at = open_page("roadmap")
    assert not at.exception
    assert at.session_state[S.SOLVED]  # the precise plan was computed after the quick one
    assert not any("Refining" in i.value for i in at.info)


def test_the_efficient_frontier_is_computed_on_request(open_page) -> None:
    at = open_page("roadmap")
    at.toggle(key="w_frontier").set_value(True)
    at.run()
    no_errors(at)
    assert at.toggle(key="w_frontier").value


def test_an_impossible_budget_says_why_there_is_no_plan(open_page) -> None:
    grid = {str(y): {"General Fund": 0.0, "Enterprise Fund (Utilities)": 0.0,
                     "ARPA/Federal Grant": 0.0, "IT Replacement Reserve": 0.0,
                     "IT staff (FTE)": 11.0} for y in range(2027, 2032)}
    at = open_page("roadmap", budget=grid)
    assert not at.exception
    assert at.error and "No plan satisfies every rule" in at.error[0].value
