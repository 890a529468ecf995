"""Calls into the planner: the only place the app reads files or runs the engine.

Every cached function is keyed on content (file bytes, a workspace digest, JSON of the
user's choices), never on a session counter, because the cache is shared by every session.
Arguments whose name starts with an underscore are not hashed: they travel with a key that
already identifies them. The Robustness page's two runs are not cached: they report
progress as they go, and the page keeps their results in session state.

Each session keeps the objects it asked for last (`remembered`): a rerun does not unpickle
the same portfolio a dozen times (st.cache_data returns a fresh copy on every hit). Plans,
solved in turn and shared between processes too, are in app_pages/_solved.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

import planner  # the analyses' types; their modules load when first run, not with the app
from app_pages import _turns
from planner import (
    Issue,
    Overrides,
    Portfolio,
    Roadmap,
    ScoreResult,
    Validated,
    Workspace,
    adjust_portfolio,
    apply_proposals_frame,
    ensure_candidates,
    read_upload_isolated,
    read_workspace,
    score_portfolio,
    validate_workspace,
)

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "data" / "sample_city.xlsx"
SAMPLE_NAME = "sample_city.xlsx"
ENTRIES = 32  # per function: a handful of sessions' recent states
MEMO = "_cached_memo"  # session-state key: this session's recent results, as objects
MEMO_ENTRIES = 24
T = TypeVar("T")


def remembered(name: str, key: Any, compute: Callable[[], T]) -> T:
    """The session's own copy of a cached result: `compute()` the first time `name` is asked
    for with `key`, the same object after that (a bounded number of recent ones kept)."""
    memo = st.session_state.setdefault(MEMO, {})
    found = memo.pop((name, key), None)
    if found is None:
        found = compute()
    memo[(name, key)] = found  # newest last
    while len(memo) > MEMO_ENTRIES:
        memo.pop(next(iter(memo)))
    return found


@st.cache_data(show_spinner=False)
def sample_bytes() -> bytes:
    """The bundled sample city workbook."""
    return SAMPLE_PATH.read_bytes()


@st.cache_data(show_spinner=False)
def blank_template() -> bytes:
    """The empty input workbook with instructions and dropdowns."""
    from planner import template_bytes
    return template_bytes()


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def read_files(files: tuple[tuple[str, bytes], ...]) -> Workspace:
    """Read uploaded files into a workspace in a worker process with a time and memory limit,
    so one file can neither exhaust the server nor stall other sessions (raises PlannerError,
    which is not cached). The bundled sample, the app's own file, is read in process (no
    worker's start for the first visitors). The copy kept carries its content hash."""
    if files == ((SAMPLE_NAME, sample_bytes()),):
        workspace = read_workspace(list(files))
    else:
        with _turns.paused():  # other sessions draw their pages while the worker reads
            workspace = read_upload_isolated(list(files), reader=read_workspace,
                                             should_stop=session_ended_check())
    workspace.digest()
    return workspace


def session_ended_check() -> Any:
    """A function telling whether this browser session has ended (its tab closed), so work
    done for it can stop; None outside a running server (the app's tests)."""
    from streamlit import runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx(suppress_warning=True)
    if context is None or not runtime.exists():
        return None
    server, session = runtime.get_instance(), context.session_id
    return lambda: not server.is_active_session(session)


def validate(digest: str, _workspace: Workspace) -> Validated:
    """Validate the workspace whose content hash is `digest`."""
    return remembered("validate", digest, lambda: _validate(digest, _workspace))


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def _validate(digest: str, _workspace: Workspace) -> Validated:
    return validate_workspace(_workspace)


def propose(digest: str, wanted: bool, _portfolio: Portfolio) -> tuple[Portfolio, Any]:
    """(portfolio with proposals, Proposals or None) for the validated tables `digest`."""
    return remembered("propose", (digest, wanted), lambda: _propose(digest, wanted, _portfolio))


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def _propose(digest: str, wanted: bool, _portfolio: Portfolio) -> tuple[Portfolio, Any]:
    return ensure_candidates(_portfolio, propose=wanted)


def accept_proposals(key: str, _portfolio: Portfolio, _table: pd.DataFrame,
                     _proposals: Any) -> tuple[Portfolio, list[Issue]]:
    """The portfolio with the reviewed proposals applied (unaccepted ones left out)."""
    return remembered("accept_proposals", key, lambda: _accept_proposals(
        key, _portfolio, _table, _proposals))


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def _accept_proposals(key: str, _portfolio: Portfolio, _table: pd.DataFrame,
                      _proposals: Any) -> tuple[Portfolio, list[Issue]]:
    portfolio, log = apply_proposals_frame(_portfolio, _table, _proposals)
    return portfolio, list(log.items)


def adjusted(key: str, _portfolio: Portfolio, budget: dict | None,
             settings: dict | None) -> Portfolio:
    """The portfolio with the budget grid and settings edited in the app (`key` names the
    portfolio, the budget and the settings)."""
    return remembered("adjusted", key, lambda: _adjusted(key, _portfolio, budget, settings))


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def _adjusted(key: str, _portfolio: Portfolio, budget: dict | None,
              settings: dict | None) -> Portfolio:
    return adjust_portfolio(_portfolio, budget=budget, settings=settings)


def score(key: str, _portfolio: Portfolio, method: str | None, preset: str | None,
          weights: dict[str, float] | None) -> ScoreResult:
    """Scores and ranks (raises ScoringError with a plain message)."""
    choice = json.dumps([method, preset, weights], sort_keys=True)
    return remembered("score", (key, choice), lambda: _score(key, _portfolio, method, preset,
                                                              weights))


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def _score(key: str, _portfolio: Portfolio, method: str | None, preset: str | None,
           weights: dict[str, float] | None) -> ScoreResult:
    return score_portfolio(_portfolio, method=method, preset=preset, weights=weights)


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def robustness(key: str, _result: ScoreResult, samples: int, concentration: float | None,
               k: int) -> planner.SMAAResult:
    """SMAA-2 rank acceptability for the scores identified by `key`."""
    from planner import smaa
    return smaa(_result, samples=samples, concentration=concentration, k=k)


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def methods(key: str, _portfolio: Portfolio, preset: str | None,
            weights: dict[str, float] | None) -> planner.MethodComparison:
    """The same candidates ranked by every method, and how far the rankings agree."""
    from planner import compare_methods
    return compare_methods(_portfolio, preset=preset, weights=weights)


@st.cache_data(show_spinner=False, max_entries=8)
def workbook(key: str, _roadmap: Roadmap, _validated: Validated, _issues: pd.DataFrame,
             _methods: Any, _rank_robustness: Any, _frontier: pd.DataFrame | None,
             scenario: str, changes: tuple[str, ...] = ()) -> bytes:
    """The council workbook for the inputs identified by `key`."""
    from planner import council_workbook
    return council_workbook(_roadmap, _validated, scenario, issues=_issues, frontier=_frontier,
                            method_ranks=_methods, rank_robustness=_rank_robustness,
                            changes=changes)


def funding_robustness_run(portfolio: Portfolio, scores: ScoreResult,
                           **options: Any) -> planner.FundingRobustness:
    """Each candidate's chance of being funded as the weights vary (reports progress)."""
    from planner import funding_robustness
    return funding_robustness(portfolio, scores, **options)


def sensitivity(portfolio: Portfolio, scores: ScoreResult, overrides: Overrides,
                progress: Any = None
                ) -> tuple[planner.OneWaySensitivity, planner.BudgetSensitivity]:
    """One-way weight ranges and what more capital would buy (reports progress)."""
    from planner import weight_and_budget_sensitivity
    return weight_and_budget_sensitivity(portfolio, scores, overrides=overrides,
                                         tolerance=0.02, progress=progress)
