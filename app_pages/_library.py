"""The store's library of scenarios for the pages: save what is on screen, list, restore,
adopt as the plan of record, delete, and whether the screen matches the plan of record.

Saving over a name passes the version this session last saw of it (`S.SEEN_VERSIONS`), so a
save over someone else's newer version is refused with who saved it and when.
"""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from app_pages import _access, _history, _planning, _session, _store, _ui
from app_pages import _state as S
from planner import (
    Action,
    NotFoundError,
    PlannerError,
    plan_of_record_words,
    restored_session,
    same_choices,
    scenario_record,
)


def _seen() -> dict[str, int]:
    """Scenario name -> the version this session last saw, in the current workspace."""
    seen = st.session_state.setdefault(S.SEEN_VERSIONS, {})
    return seen.setdefault(_store.current_workspace(_session.portfolio()), {})


def workspaces() -> list[str]:
    """Every workspace in the store (this session's first), or [] without a store."""
    opened = _store.store()
    if opened is None:
        return []
    names = [w.name for w in opened.workspaces()]
    current = _store.current_workspace(_session.portfolio())
    return [current, *[n for n in names if n != current]]


def scenarios() -> list[Any]:
    """The current workspace's stored scenarios, newest versions (noting the versions seen)."""
    opened = _store.store()
    if opened is None:
        return []
    try:
        found = opened.scenarios(_store.current_workspace(_session.portfolio()))
    except NotFoundError:
        return []
    for scenario in found:
        _seen().setdefault(scenario.name, scenario.version)
    return found


def _summary(name: str, choices: dict[str, Any]) -> dict[str, Any]:
    """What the list and the comparison show without planning again."""
    result = _planning.plan(precise=True)
    portfolio = _session.portfolio()
    record = scenario_record(name, choices, portfolio, result,
                             weights_used=_planning.score().weights)
    plan = result.optimized
    funded = [] if plan.is_infeasible else sorted(plan.funded_ids)
    return {**record, "status": plan.status.value, "message": plan.message,
            "value": None if plan.is_infeasible else round(float(plan.objective), 6),
            "funded": funded, "funded_count": len(funded),
            "candidates": len(portfolio.candidates),
            "total_cost": round(sum(i.total_cost for i in plan.funded), 2)
            if not plan.is_infeasible else 0.0,
            "method": _planning.score().method, "city": portfolio.settings.city,
            "fiscal_years": list(portfolio.fiscal_years)}


def save(name: str, comparison: dict[str, Any]) -> int:
    """Save what is on screen under `name` in the store; the version saved (raises
    PlannerError: StaleScenarioError when someone saved it since this session saw it)."""
    opened = _store.store()
    workspace = _store.current_workspace(_session.portfolio())
    inputs = _store.inputs_id(opened)
    if inputs is None:
        raise PlannerError("These tables came from no file the store keeps; open the files "
                           "again on the Import page, then save.")
    known = {s.name for s in opened.scenarios(workspace)}
    replaces = _seen().get(name) if name in known else None
    choices = _store.document(_planning.score().weights)
    version = opened.save_scenario(workspace, name, inputs=inputs, choices=choices,
                                   summary=_summary(name, comparison), user=_store.user(),
                                   replaces=replaces)
    _seen()[name] = version
    return version


def restore(name: str, version: int | None = None) -> int:
    """Rebuild the session from a stored scenario's files and recorded edits."""
    opened = _store.store()
    workspace = _store.current_workspace(_session.portfolio())
    stored = opened.scenario(workspace, name, version)
    files = tuple(stored.inputs.sources())
    session = restored_session(_store.original_workspace(files), stored.choices)
    state = {key: getattr(session, field) for field, key in _store.FIELDS.items()}
    marker = f"{session.workspace.digest()}:{session.propose}"
    state.update({S.SOURCES: files, S.SOURCE_IS_SAMPLE: False,
                  S.SOURCE_LABEL: f"Scenario '{name}' (version {stored.version}), {workspace}",
                  S.PROPOSALS_FOR: marker if session.proposals is not None else None})
    _history.restore(state)
    older = f" (version {stored.version})" if stored.version != stored.latest else ""
    _history.record(f"Restored scenario '{name}'{older}", action="scenario-restored",
                    subject=name)
    _seen()[name] = stored.latest
    return stored.version


def adopt(name: str, note: str) -> Any:
    """Adopt the version of `name` this session saw as the plan of record (None if refused)."""
    if not _access.permitted(Action.ADOPT, "adopt the plan of record"):
        return None
    return _store.store().adopt(_store.current_workspace(), name, user=_store.user(),
                                note=note, version=_seen().get(name))


def delete(name: str) -> bool:
    """Delete a stored scenario, if unchanged since this session saw it (False if refused)."""
    if not _access.may_change("delete a scenario"):
        return False
    _store.store().delete_scenario(_store.current_workspace(), name, user=_store.user(),
                                   version=_seen().get(name))
    _seen().pop(name, None)
    return True


def open_workspace(name: str) -> None:
    """on_change: work in another workspace of the store (its scenarios are listed)."""
    st.session_state[S.STORE_WORKSPACE] = name


@st.cache_data(show_spinner=False, max_entries=64)
def _adopted(url: str, workspace: str, name: str, version: int
             ) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """A stored version's file hashes and choices (a version never changes once saved)."""
    stored = _store.store().scenario(workspace, name, version)
    return [(f.name, f.sha256) for f in stored.inputs.files], stored.choices


def plan_of_record() -> tuple[Any, bool | None]:
    """The workspace's plan of record and whether the screen differs from it (None when that
    cannot be told); (None, None) without one or without a store."""
    opened = _store.store()
    if opened is None:
        return None, None
    try:
        workspace = _store.current_workspace(_session.portfolio())
        record = opened.plan_of_record(workspace)
        if record is None:
            return None, None
        hashes, choices = _adopted(opened.url, workspace, record.scenario, record.version)
        files = tuple(st.session_state.get(S.SOURCES) or ())
        same_files = [(n, hashlib.sha256(d).hexdigest()) for n, d in files] == hashes
        same = same_files and same_choices(_store.document(_planning.score().weights),
                                           choices)
        return record, not same
    except PlannerError:
        return None, None


def show_plan_of_record() -> None:
    """The plan of record (scenario, version, who adopted it, when, the note) and whether the
    screen differs from it; nothing without a store."""
    if _store.store() is None:
        return
    record, differs = plan_of_record()
    lines = plan_of_record_words(record, differs)
    if record is None:
        st.caption(_ui.escape_md(lines[0]))
        return
    icon = ":material/difference:" if differs else ":material/gavel:"
    with st.container(border=True, key="w_plan_of_record"):
        st.markdown(f"{icon} **Plan of record**")
        for line in lines:
            st.text(line)
