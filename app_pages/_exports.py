"""The Export page's downloads: the council workbook, the council brief and the plan as JSON."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import streamlit as st

from app_pages import _cached, _planning, _session, _stakeholders, _store
from planner import AuditFilter, PlannerError, Roadmap, choices_key, council_brief, record_lines

BRIEFS = "export_briefs"  # session state: the last brief laid out, by the choices behind it


def council_workbook(scenario: str, *, with_frontier: bool, step: Any = None) -> bytes:
    """The council workbook for the current choices (precise plan, robustness, methods).

    `step(text)` is called before each stage, for a progress display.
    """
    say = step or (lambda text: None)
    say("Solving the plan to full precision")
    result = _planning.plan(precise=True)
    say("Testing how robust the ranking is")
    scores = _planning.score()
    k = min(10, len(scores.order))
    funding = _planning.funding_robustness()  # chance funded, when the page computed it
    ranks = None
    if not funding and len(scores.order) > 1:  # rank acceptability stands in for it
        ranks = _planning.robustness(10_000, None, k)
    comparison = _planning.method_comparison()
    table = None
    if with_frontier:
        say("Solving each budget level for the efficient frontier")
        table = _planning.frontier()
    say("Writing the workbook")
    current, values, key = _planning.plan_inputs()
    current = _stakeholders.in_portfolio(current)  # the stakeholders as edited in the app
    key = choices_key(plan=key, scenario=scenario, frontier=with_frontier,
                      funding=funding.export_notes() if funding else None,
                      stakeholders=[p.model_dump() for p in current.stakeholders])
    roadmap = Roadmap(portfolio=current, scores=scores, result=result, robustness=funding)
    return _cached.workbook(key, roadmap, _session.validated(), _session.issues(), comparison,
                            ranks, table, scenario, recorded_changes())


def recorded_changes() -> tuple[str, ...]:
    """What the decision record lists: the workspace's audit trail (who changed what, when),
    or this session's changes when there is no store."""
    opened = _store.store()
    if opened is None:
        return tuple(_session.changes())
    _store.flush_audit()
    try:
        return record_lines(opened.audit(AuditFilter(workspace=_store.current_workspace())))
    except PlannerError:
        return tuple(_session.changes())


def plan_json(scenario: str) -> str:
    """The precise plan as JSON: the `plan` command's document plus the scoring choices."""
    result = _planning.plan(precise=True)
    scores = _planning.score()
    current = _session.portfolio()
    document = {"city": current.settings.city_name, "scenario": scenario,
                "scoring": {"method": scores.method, "weights": scores.weights,
                            "criteria": [c.criterion for c in scores.criteria]},
                **result.as_dict()}
    return json.dumps(document, indent=2, default=str)


def brief_pdf(scenario: str, *, with_frontier: bool) -> tuple[bytes, int]:
    """(the council brief as PDF bytes, its pages) from the same plan as the workbook; the
    last one is kept for the session, so a rerun of the page does not lay it out again."""
    result = _planning.plan(precise=True)
    table = _planning.frontier() if with_frontier else None
    current, _, key = _planning.plan_inputs()
    current = _stakeholders.in_portfolio(current)
    key = choices_key(plan=key, scenario=scenario, frontier=with_frontier,
                      stakeholders=[p.model_dump() for p in current.stakeholders])
    kept = st.session_state.get(BRIEFS)
    if kept is None or kept[0] != key:
        brief = council_brief(current, dataclasses.replace(result, frontier=table),
                              _planning.score(), scenario=scenario)
        kept = (key, brief.pdf, brief.pages)
        st.session_state[BRIEFS] = kept
    return kept[1], kept[2]
