"""Inventory page: legacy risk by department, the TIME quadrant, paper processes."""

from __future__ import annotations

from planner import read_workspace
from tests.app.helpers import metric, no_errors
from tests.factories import workbook_bytes


def test_the_inventory_shows_the_estate(open_page) -> None:
    at = open_page("inventory")
    no_errors(at)
    assert metric(at, "Systems") == "44"
    assert metric(at, "Paper processes") == "28"
    assert [t.label for t in at.tabs] == ["Systems", "Paper processes", "Candidates"]
    subheaders = [h.value for h in at.subheader]
    assert "Legacy risk by department" in subheaders
    assert "Paper processes by staff hours consumed" in subheaders


def test_a_portfolio_without_an_inventory_says_what_is_missing(open_page) -> None:
    book = workbook_bytes({"Candidates": [["candidate_id", "name", "one_time_cost"],
                                          ["A", "Alpha", 1000]]})
    at = open_page("inventory", workspace=read_workspace([("c.xlsx", book)]))
    assert not at.exception
    assert "No Systems or Processes sheet" in at.info[0].value
