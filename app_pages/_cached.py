"""Calls into the planner: the only place the app reads files or runs the engine.

Every cached function is keyed on content (file bytes, a workspace digest, JSON of the
user's choices), never on a session counter, because the cache is shared by every session.
Arguments whose name starts with an underscore are not hashed: they travel with a key that
already identifies them. The Robustness page's two runs are not cached: they report
progress as they go, and the page keeps their results in session state.

Three layers, cheapest first: each session keeps the objects it asked for last (`MEMO`), so a
rerun does not unpickle the same portfolio a dozen times (st.cache_data returns a fresh copy
on every hit); st.cache_data shares results between the sessions of this process; and the
store's computed plans share solved plans between processes (a second replica, or the app
after a restart) by the hash of their inputs and of the engine's code.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from planner import (
    BudgetSensitivity,
    ComputedPlans,
    FundingRobustness,
    Issue,
    MethodComparison,
    OneWaySensitivity,
    Overrides,
    PlanResult,
    Portfolio,
    Roadmap,
    ScoreResult,
    SMAAResult,
    Validated,
    Workspace,
    adjust_portfolio,
    apply_proposals_frame,
    compare_methods,
    council_workbook,
    efficient_frontier,
    ensure_candidates,
    funding_robustness,
    plan_digest,
    read_upload_isolated,
    read_workspace,
    run_plan,
    score_portfolio,
    smaa,
    template_bytes,
    validate_workspace,
    weight_and_budget_sensitivity,
)

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "data" / "sample_city.xlsx"
SAMPLE_NAME = "sample_city.xlsx"
ENTRIES = 32  # per function: a handful of sessions' recent states


# Solves at once in this process: one per core, the others waiting in turn. A solve runs on
# one thread, so more at once would only share the cores: queued, the first finish sooner
# (the median session waits about half as long) and waiting threads leave the server free to
# answer. In turn rather than quick plans first: a save must not wait behind every weight
# moved meanwhile.
SOLVES = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))
STORED = itertools.count(1)  # plans this process has put in the store
PRUNE_EVERY = 200  # then the oldest beyond the store's limit go
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


# --- plans computed by other processes ----------------------------------------------------
def computed_plans() -> ComputedPlans | None:
    """The store's computed plans, or None when the app runs without a store."""
    from app_pages import _store  # imports this module: asked for at run time

    try:
        opened = _store.store()
    except Exception:  # noqa: BLE001 - a cache that cannot be reached is only a miss
        return None
    return None if opened is None else ComputedPlans(opened.engine)


def stored_plan_key(key: str, gap: float | None, time_limit: float | None,
                    explain: bool) -> str:
    """The hash a plan is kept under in the store: its inputs, the solve's options."""
    return plan_digest(key=key, gap=gap, time_limit=time_limit, explain=explain)


class PreciseKeys(set):
    """Keys whose precise plan is known: computed by a session of this process, or kept in
    the store by another process (the keys are content hashes). A hint that saves a session
    the quick-then-refine double run."""

    def __contains__(self, key: object) -> bool:
        if set.__contains__(self, key):
            return True
        plans = computed_plans() if isinstance(key, str) else None
        try:
            found = plans is not None and plans.has(stored_plan_key(key, None, None, False))
        except Exception:  # noqa: BLE001 - an unreachable store knows nothing
            found = False
        if found:
            self.add(key)
        return found


PRECISE_KEYS: set[str] = PreciseKeys()


@st.cache_data(show_spinner=False)
def sample_bytes() -> bytes:
    """The bundled sample city workbook."""
    return SAMPLE_PATH.read_bytes()


@st.cache_data(show_spinner=False)
def blank_template() -> bytes:
    """The empty input workbook with instructions and dropdowns."""
    return template_bytes()


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def read_files(files: tuple[tuple[str, bytes], ...]) -> Workspace:
    """Read uploaded files into a workspace in a worker process with a time and memory
    limit, so one file can neither exhaust the server nor stall other sessions (raises
    PlannerError, which is not cached). The bundled sample is the app's own file and is read
    in process, sparing the first visitors a worker's start. The cached copy carries its
    content hash, so no session computes it again."""
    if files == ((SAMPLE_NAME, sample_bytes()),):
        workspace = read_workspace(list(files))
    else:
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


def plan(key: str, _portfolio: Portfolio, _values: dict[str, float], overrides: str,
         gap: float | None, time_limit: float | None, explain: bool) -> PlanResult:
    """The optimized plan and both baselines; `explain` adds each unfunded value needed.

    `gap` and `time_limit` None mean the portfolio's own settings (the precise plan). `key`
    names the portfolio and the values (the scores of the session's choices).
    """
    return remembered("plan", (key, overrides, gap, time_limit, explain), lambda: _plan(
        key, _portfolio, _values, overrides, gap, time_limit, explain, computed_plans()))


@st.cache_data(show_spinner=False, max_entries=4 * ENTRIES)  # two per session: quick, precise
def _plan(key: str, _portfolio: Portfolio, _values: dict[str, float], overrides: str,
          gap: float | None, time_limit: float | None, explain: bool,
          _stored: ComputedPlans | None) -> PlanResult:
    """Read from the store's computed plans when another process solved it, else solve and
    keep it there (a store that fails is only a miss). Only precise plans are kept: they
    stop at a fixed amount of work, so they are the same in any process, while a quick plan
    stops at a time limit and is replaced within seconds anyway."""
    kept = _stored if gap is None and time_limit is None else None
    digest = stored_plan_key(key, gap, time_limit, explain)
    found = _stored_get(kept, digest)
    if found is not None:
        return found
    with SOLVES:
        result = run_plan(_portfolio, _values, overrides=_overrides(overrides),
                          explain=explain, frontier=False, gap=gap, time_limit=time_limit)
    if kept is not None:
        with contextlib.suppress(Exception):  # the plan stands without its stored copy
            if kept.put(digest, result) and next(STORED) % PRUNE_EVERY == 0:
                kept.prune()
    return result


def _stored_get(stored: ComputedPlans | None, digest: str) -> PlanResult | None:
    with contextlib.suppress(Exception):  # an unreachable store is a miss
        return None if stored is None else stored.get(digest)
    return None


@st.cache_data(show_spinner=False, max_entries=4 * ENTRIES)
def frontier_point(key: str, _portfolio: Portfolio, _values: dict[str, float], overrides: str,
                   scale: float, point_seconds: float) -> pd.DataFrame:
    """One point of the efficient frontier: every capital cap multiplied by `scale`."""
    with SOLVES:
        return efficient_frontier(_portfolio, _values, (scale,),
                                  overrides=_overrides(overrides), time_limit=point_seconds)


def _overrides(text: str) -> Overrides:
    data = json.loads(text)
    return Overrides(force_in=frozenset(data["force_in"]), force_out=frozenset(data["force_out"]),
                     pin_start={k: int(v) for k, v in data["pin_start"].items()})


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def robustness(key: str, _result: ScoreResult, samples: int, concentration: float | None,
               k: int) -> SMAAResult:
    """SMAA-2 rank acceptability for the scores identified by `key`."""
    return smaa(_result, samples=samples, concentration=concentration, k=k)


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def methods(key: str, _portfolio: Portfolio, preset: str | None,
            weights: dict[str, float] | None) -> MethodComparison:
    """The same candidates ranked by every method, and how far the rankings agree."""
    return compare_methods(_portfolio, preset=preset, weights=weights)


@st.cache_data(show_spinner=False, max_entries=8)
def workbook(key: str, _roadmap: Roadmap, _validated: Validated, _issues: pd.DataFrame,
             _methods: Any, _rank_robustness: Any, _frontier: pd.DataFrame | None,
             scenario: str, changes: tuple[str, ...] = ()) -> bytes:
    """The council workbook for the inputs identified by `key`."""
    return council_workbook(_roadmap, _validated, scenario, issues=_issues, frontier=_frontier,
                            method_ranks=_methods, rank_robustness=_rank_robustness,
                            changes=changes)


def funding_robustness_run(portfolio: Portfolio, scores: ScoreResult,
                           **options: Any) -> FundingRobustness:
    """Each candidate's chance of being funded as the weights vary (reports progress)."""
    return funding_robustness(portfolio, scores, **options)


def sensitivity(portfolio: Portfolio, scores: ScoreResult, overrides: Overrides,
                progress: Any = None) -> tuple[OneWaySensitivity, BudgetSensitivity]:
    """One-way weight ranges and what more capital would buy (reports progress)."""
    return weight_and_budget_sensitivity(portfolio, scores, overrides=overrides,
                                         tolerance=0.02, progress=progress)
