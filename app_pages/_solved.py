"""Plans and frontier points, solved once for identical inputs: shared by the sessions of this
process (st.cache_data keyed on content), kept in the store's computed plans for the other
processes (a second replica, the app after a restart), and solved in turn, one per core.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import threading

import pandas as pd
import streamlit as st

from app_pages import _store, _turns
from app_pages._cached import ENTRIES, remembered
from planner import (
    ComputedPlans,
    Overrides,
    PlanResult,
    Portfolio,
    efficient_frontier,
    plan_digest,
    run_plan,
)

# Solves at once in this process: one per core, the others waiting in turn. A solve runs on
# one thread, so more at once would only share the cores: queued, the first finish sooner
# (the median session waits about half as long) and waiting threads leave the server free to
# answer. In turn rather than quick plans first: a save must not wait behind every weight
# moved meanwhile. (One core left to the interpreter that draws the pages was tried: first
# figures came no sooner, saves later.)
SOLVES = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))
STORED = itertools.count(1)  # plans this process has put in the store
PRUNE_EVERY = 200  # then the oldest beyond the store's limit go

# --- plans computed by other processes ----------------------------------------------------
def computed_plans() -> ComputedPlans | None:
    """The store's computed plans, or None when the app runs without a store."""
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
    with _turns.paused(), SOLVES:
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
    with _turns.paused(), SOLVES:
        return efficient_frontier(_portfolio, _values, (scale,),
                                  overrides=_overrides(overrides), time_limit=point_seconds)


def _overrides(text: str) -> Overrides:
    data = json.loads(text)
    return Overrides(force_in=frozenset(data["force_in"]), force_out=frozenset(data["force_out"]),
                     pin_start={k: int(v) for k, v in data["pin_start"].items()})
