"""What the pages ask for once the portfolio is known: scores, plans, robustness, sensitivity.

Each accessor keys its cached call on the content of the user's choices (portfolio, weights,
overrides), so every page that asks for the same plan gets the one already solved.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

import planner  # the analyses' types and scales: their modules load when first asked for
from app_pages import _cached, _estimates, _session, _solved, _turns
from app_pages import _state as S
from planner import (
    Overrides,
    PlannerError,
    PlanResult,
    Portfolio,
    ScoreResult,
    choices_key,
    stakeholder_sets,
)

# While weights move, plans are solved to within 1% or for at most a second (about a third
# of a second on a city portfolio); the roadmap then refines to the portfolio's own gap,
# and exports use that.
QUICK_GAP = 0.01
QUICK_SECONDS = 1.0
FRONTIER_POINT_SECONDS = 1.0


def score_choices() -> dict[str, Any]:
    """The method, preset and weights chosen on the weights page."""
    return {"method": st.session_state[S.METHOD], "preset": st.session_state[S.PRESET],
            "weights": st.session_state[S.WEIGHTS]}


def score(**changes: Any) -> ScoreResult:
    """Scores with the session's choices (or with some changed); raises ScoringError, or
    InputError when the file's project list could not be read and no proposals were chosen."""
    _estimates.plannable()
    current, key = _session.portfolio_and_key()
    choices = {**score_choices(), **changes}
    return _cached.score(key, current, choices["method"], choices["preset"], choices["weights"])


def overrides_text() -> str:
    """Force in, force out and pinned starts as stable JSON (also the cache key part)."""
    return json.dumps({"force_in": sorted(st.session_state[S.FORCE_IN]),
                       "force_out": sorted(st.session_state[S.FORCE_OUT]),
                       "pin_start": dict(sorted(st.session_state[S.PIN_START].items()))})


def overrides() -> Overrides:
    """The user's manual decisions as the planner's Overrides."""
    data = json.loads(overrides_text())
    return Overrides(force_in=frozenset(data["force_in"]), force_out=frozenset(data["force_out"]),
                     pin_start=dict(data["pin_start"]))


def plan_inputs() -> tuple[Portfolio, dict[str, float], str]:
    """(portfolio, candidate values, key of the plan they give with the overrides)."""
    current, key = _session.portfolio_and_key()
    result = score()
    values = {str(k): float(v) for k, v in result.value.items()}
    key = choices_key(portfolio=key, score=score_choices(), overrides=overrides_text())
    return current, values, key


def plan(*, precise: bool = False, explain: bool = False) -> PlanResult:
    """The optimized plan beside rank-and-cut and greedy (raises PlannerError).

    Quick by default (1% gap); `precise` uses the portfolio's mip_gap and time limit.
    """
    current, values, key = plan_inputs()
    settings = current.settings
    if precise or settings.mip_gap >= QUICK_GAP:
        gap, limit = None, None
    else:
        gap, limit = QUICK_GAP, min(QUICK_SECONDS, settings.solver_time_limit_s)
    result = _solved.plan(key, current, values, overrides_text(), gap, limit, explain)
    if gap is None:
        st.session_state[S.SOLVED].add(key)
        if len(_solved.PRECISE_KEYS) > 10_000:
            _solved.PRECISE_KEYS.clear()
        _solved.PRECISE_KEYS.add(key)
    return result


def refine_plan() -> None:
    """Compute the precise plan for the current choices (marked done even if it fails)."""
    try:
        plan(precise=True)
    except PlannerError:
        pass
    finally:
        st.session_state[S.SOLVED].add(plan_inputs()[2])


def has_precise_plan() -> bool:
    """True when this session already holds the precise plan for the current choices."""
    current, values, key = plan_inputs()
    return (key in st.session_state[S.SOLVED] or key in _solved.PRECISE_KEYS
            or current.settings.mip_gap >= QUICK_GAP)


def frontier(progress: Any = None) -> pd.DataFrame:
    """The efficient frontier for the current choices, one budget scale at a time.

    `progress(done, total)` is called after each point (for a progress bar).
    """
    current, values, key = plan_inputs()
    scales = planner.DEFAULT_SCALES
    parts = []
    for done, scale in enumerate(scales, start=1):
        parts.append(_solved.frontier_point(key, current, values, overrides_text(), scale,
                                            FRONTIER_POINT_SECONDS))
        if progress is not None:
            progress(done, len(scales))
    return pd.concat(parts, ignore_index=True)


def robustness(samples: int, concentration: float | None, k: int) -> Any:
    """SMAA rank acceptability around the current scores."""
    result = score()
    key = choices_key(portfolio=_session.portfolio_and_key()[1], score=score_choices())
    return _cached.robustness(key, result, samples, concentration, k)


def method_comparison() -> Any:
    """Ranks under every method with the current criteria and weights."""
    current, key = _session.portfolio_and_key()
    choices = score_choices()
    return _cached.methods(key, current, choices["preset"], choices["weights"])


# --- the Robustness page's runs -------------------------------------------------------------
def stakeholder_weights() -> dict[str, dict[str, float]]:
    """The stakeholders' named weight sets of the Criteria & weights page ({} if none)."""
    table = st.session_state[S.STAKEHOLDERS]
    return stakeholder_sets(table) if isinstance(table, pd.DataFrame) else {}


def funding_key() -> str:
    """What a funding-robustness run (Robustness page) depends on besides its own settings."""
    return choices_key(portfolio=_session.portfolio_and_key()[1], score=score_choices(),
                       overrides=overrides_text(), stakeholders=stakeholder_weights())


def funding_run_key(base: str, choices: dict[str, Any]) -> str:
    """The key of a run with these settings (samples, spread, seed...) on top of `base`."""
    return choices_key(base=base, **choices)


def run_funding_robustness(base: str, choices: dict[str, Any], progress: Any = None) -> None:
    """Re-optimize for every weight sample and keep the result for the current choices."""
    stakeholders, portfolio, scores = stakeholder_weights(), _session.portfolio(), score()
    with _turns.paused():  # hundreds of solves: other sessions draw their pages meanwhile
        result = _cached.funding_robustness_run(portfolio, scores, progress=progress,
                                                stakeholders=stakeholders or None,
                                                overrides=overrides(), **choices)
    st.session_state[S.FUNDING_ROBUSTNESS] = {"key": funding_run_key(base, choices),
                                              "base": base, "result": result}


def run_sensitivity(base: str, progress: Callable[[str], Any] | None = None) -> None:
    """Weight ranges and budget re-solves for the current choices, kept under `base`.

    `progress(stage)` gives the progress callback of each stage ("weights", "budget").
    """
    portfolio, scores = _session.portfolio(), score()
    with _turns.paused():  # re-solves: other sessions draw their pages meanwhile
        one_way, budget = _cached.sensitivity(portfolio, scores, overrides(), progress)
    st.session_state[S.SENSITIVITY] = {"key": base, "one_way": one_way, "budget": budget}


def funding_robustness() -> planner.FundingRobustness | None:
    """The Robustness page's last run for the current choices, with its sensitivity, or None."""
    stored, base = st.session_state[S.FUNDING_ROBUSTNESS], funding_key()
    if not stored or stored["base"] != base:
        return None
    sensitivity = st.session_state[S.SENSITIVITY]
    if sensitivity and sensitivity["key"] == base:
        return stored["result"].with_sensitivity(sensitivity["one_way"], sensitivity["budget"])
    return stored["result"]
