"""The Roadmap's views kept per plan (app_pages/_roadmap.py): a kept chart draws exactly what
a freshly built one draws, every session of a process gets the one set of views for a plan,
and another plan never gets them."""

from __future__ import annotations

import dataclasses
import json
import pickle

from streamlit.testing.v1 import AppTest

from app_pages import _roadmap
from planner import run_plan, score_portfolio
from tests.app.conftest import sample_workspace
from tests.app.helpers import no_errors


def _sample_plan():
    from planner import validate_workspace

    portfolio = validate_workspace(sample_workspace()).portfolio
    values = {str(k): float(v) for k, v in score_portfolio(portfolio).value.items()}
    return portfolio, run_plan(portfolio, values, frontier=False, explain=False)


def _both_charts_drawn() -> None:
    """An app script: the sample city's timeline and spend chart drawn by st.altair_chart
    from freshly built charts, then the same two from the kept views."""
    import streamlit as st

    from app_pages import _charts, _roadmap, _spend_chart
    from planner import gantt_frame, spend_and_caps
    from tests.app.test_roadmap_views import _sample_plan

    portfolio, result = _sample_plan()
    bars = gantt_frame(portfolio, result.optimized)
    spend, caps = spend_and_caps(portfolio, result.optimized)
    st.altair_chart(_charts.gantt(bars, portfolio.fiscal_years, portfolio=portfolio),
                    width="stretch")
    st.altair_chart(_spend_chart.spend_vs_caps(spend, caps, portfolio=portfolio),
                    width="stretch")
    views = _roadmap.build_views(portfolio, result)
    _roadmap.draw(views.gantt)
    _roadmap.draw(views.spend)


def test_a_kept_chart_draws_exactly_what_the_freshly_built_chart_draws() -> None:
    at = AppTest.from_function(_both_charts_drawn, default_timeout=180)
    at.run()
    no_errors(at)
    fresh_gantt, fresh_spend, kept_gantt, kept_spend = (e.proto for e in at.get("vega_lite_chart"))
    for fresh, kept in ((fresh_gantt, kept_gantt), (fresh_spend, kept_spend)):
        assert json.loads(kept.spec) == json.loads(fresh.spec)
        assert [(d.name, d.data.data) for d in kept.datasets] == \
               [(d.name, d.data.data) for d in fresh.datasets]
        assert kept.datasets, "the chart's data travels with it"
        assert (kept.theme, kept.use_container_width) == (fresh.theme, fresh.use_container_width)
    assert json.loads(fresh_gantt.spec) != json.loads(fresh_spend.spec)


def test_sessions_share_one_set_of_views_per_plan_and_another_plan_gets_its_own() -> None:
    portfolio, result = _sample_plan()
    copy = pickle.loads(pickle.dumps(result))  # what another session's cache hit returns
    first = _roadmap.views("sample", portfolio, result)
    assert _roadmap.views("sample", portfolio, copy) is first
    # a plan of the same inputs that funds one project fewer (a quick plan stopped sooner)
    fewer = dataclasses.replace(result.optimized, funded=result.optimized.funded[1:])
    other = dataclasses.replace(result, optimized=fewer)
    theirs = _roadmap.views("sample", portfolio, other)
    assert theirs is not first
    dropped = result.optimized.funded[0].candidate_id
    assert dropped not in json.dumps(json.loads(theirs.gantt.spec))  # the bar's label is gone
    assert theirs.headlines["spend"] < first.headlines["spend"]


def test_the_roadmap_draws_the_views_of_its_plan(open_page) -> None:
    at = open_page("roadmap")
    no_errors(at)
    portfolio, result = _sample_plan()  # the sample city's precise plan, as the page's
    views = _roadmap.build_views(portfolio, result)
    gantt, spend = (e.proto for e in at.get("vega_lite_chart"))
    for drawn, kept in ((gantt, views.gantt), (spend, views.spend)):
        shown = json.loads(drawn.spec)
        assert shown.pop("autosize")  # the one key Streamlit adds as it draws
        assert shown == json.loads(kept.spec)
    assert [d.data.data for d in gantt.datasets] == [data for _, data in views.gantt.datasets]
    assert views.spend_caption in [c.value for c in at.caption]
