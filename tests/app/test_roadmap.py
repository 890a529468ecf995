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


def _carry_over_roadmap(open_page, carry: bool = True):
    from planner import read_workspace
    from tests.export.carry_over import carry_over_bytes

    workspace = read_workspace([("springfield.xlsx", carry_over_bytes(carry))])
    at = open_page("roadmap", workspace=workspace, source_label="springfield.xlsx",
                   source_is_sample=False)
    no_errors(at)
    return at


def _spend_chart_spec(at) -> dict:
    """The Vega-Lite spec of the spend chart (AppTest does not render charts)."""
    import json

    charts = [json.loads(e.proto.spec) for e in at.get("vega_lite_chart")]
    [spend] = [c for c in charts if "Capital spend" in json.dumps(c)]
    return spend


def test_with_carry_over_the_spend_chart_shows_the_cap_plus_what_was_carried_in(
        open_page) -> None:
    at = _carry_over_roadmap(open_page)
    [caption] = [c.value for c in at.caption if c.value.startswith("Bars: capital spend")]
    assert "Carry-over is on" in caption and "(FY2028 $890K, FY2029 $190K)" in caption
    spec = _spend_chart_spec(at)
    text = str(spec)
    assert "carried_in" in text and "available" in text and "money available" in text
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["bar", "bar", "tick", "tick"]  # band, spend, own cap, cap + carried in


def test_without_carry_over_the_spend_chart_has_only_the_caps(open_page) -> None:
    at = _carry_over_roadmap(open_page, carry=False)
    [caption] = [c.value for c in at.caption if c.value.startswith("Bars: capital spend")]
    assert "Carry-over" not in caption
    spec = _spend_chart_spec(at)
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "tick"]
