"""The Roadmap's figures and tables, built once per plan and shared by the sessions of this
process, so that a Roadmap run that finds them costs a few lookups instead of building the
charts, validating them with Altair and recomputing the headline figures.

A chart is kept the way Streamlit sends it: the Vega-Lite specification Altair produced
(validated once), its data as Arrow tables, so drawing it again is a JSON load. The views are
keyed on the plan's inputs and on a fingerprint of the plan itself (a quick plan stops at a
time limit, so two quick plans of the same inputs may differ): a session never sees the
figures of another plan. They are shared objects: read them, never change them.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import _charts, _spend_chart
from planner import (
    PlanResult,
    Portfolio,
    compare_plans,
    gantt_frame,
    plan_differences,
    plan_headlines,
    spend_and_caps,
    unfunded_frame,
)

BASELINES = ("rank_and_cut", "greedy")
VIEWS_KEPT = 64  # plans whose views a process keeps: a few per session of a busy server


@dataclass(frozen=True)
class Figure:
    """A chart ready to draw: its Vega-Lite JSON without the data, and the data as Arrow."""

    spec: str
    datasets: tuple[tuple[str, bytes], ...]

    def as_spec(self) -> dict[str, Any]:
        """A fresh Vega-Lite dict with its datasets (Streamlit may change the one it gets)."""
        spec = json.loads(self.spec)
        if self.datasets:
            spec["datasets"] = dict(self.datasets)
        return spec


def figure(chart: Any) -> Figure:
    """The chart as Streamlit's altair_chart would send it, computed once (with Streamlit's
    own conversion, a private function: tests/app/test_roadmap_views.py checks that a kept
    chart draws exactly what st.altair_chart draws, so a Streamlit upgrade that changes it
    is caught)."""
    from streamlit.elements import vega_charts

    spec = dict(vega_charts._convert_altair_to_vega_lite_spec(chart))
    datasets = spec.pop("datasets", None) or {}
    return Figure(json.dumps(spec), tuple(datasets.items()))


def draw(shown: Figure) -> None:
    """Draw a kept chart, as wide as the page (as st.altair_chart(chart, width="stretch"))."""
    st.vega_lite_chart(spec=shown.as_spec(), width="stretch")


@dataclass(frozen=True)
class RoadmapViews:
    """What the Roadmap shows of one plan, computed once."""

    headlines: dict[str, float]
    gantt: Figure
    spend: Figure
    spend_caption: str
    comparison: pd.DataFrame
    differences: dict[str, pd.DataFrame]  # baseline -> the projects that differ, named
    unfunded: pd.DataFrame


def plan_fingerprint(result: PlanResult) -> str:
    """A hash of what the views show of `result`: its three plans and the values."""
    content = (result.optimized, result.baselines, sorted(result.values.items()))
    return hashlib.sha256(pickle.dumps(content, protocol=5)).hexdigest()


def build_views(portfolio: Portfolio, result: PlanResult) -> RoadmapViews:
    """The Roadmap's views of `result`, computed afresh."""
    plan = result.optimized
    bars = gantt_frame(portfolio, plan)
    spend, caps = spend_and_caps(portfolio, plan)
    differences = {}
    for baseline in BASELINES:
        differ = plan_differences(result, baseline)
        differ.insert(1, "name", [portfolio.candidates[c].name for c in differ["candidate_id"]])
        differences[baseline] = differ
    return RoadmapViews(
        headlines=plan_headlines(portfolio, plan, result.values),
        gantt=figure(_charts.gantt(bars, portfolio.fiscal_years, portfolio=portfolio)),
        spend=figure(_spend_chart.spend_vs_caps(spend, caps, portfolio=portfolio)),
        spend_caption=_spend_chart.spend_caption(caps, portfolio.settings.carry_over),
        comparison=compare_plans(portfolio, result),
        differences=differences,
        unfunded=unfunded_frame(portfolio, plan, result.values))


@st.cache_resource(show_spinner=False, max_entries=VIEWS_KEPT)
def _views(key: str, fingerprint: str, _portfolio: Portfolio,
           _result: PlanResult) -> RoadmapViews:
    return build_views(_portfolio, _result)


def views(key: str, portfolio: Portfolio, result: PlanResult) -> RoadmapViews:
    """The Roadmap's views of `result` for the portfolio and choices `key` names: built by
    the first session that asks, the same objects for every other."""
    return _views(key, plan_fingerprint(result), portfolio, result)
