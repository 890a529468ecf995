"""What the pages ask for: the current workspace, portfolio, scores and plan of this session.

Each accessor reads the user's choices from session state and calls a cached function keyed
on their content, so a page rerun that changed nothing costs a few dictionary lookups.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import _cached
from app_pages import _state as S
from planner.core.models import Portfolio
from planner.core.plans import Overrides, PlanResult
from planner.errors import PlannerError
from planner.explain.frontier import DEFAULT_SCALES
from planner.propose.proposals import proposals_frame
from planner.score.scoring import ScoreResult
from planner.validate.portfolio import Validated
from planner.views.inputs import choices_key, stakeholder_sets
from planner.views.workspace import Workspace, all_issues

MAX_UPLOAD_MB = 25
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024


def set_workspace(workspace: Workspace, label: str, *, sample: bool = False) -> None:
    """Make a freshly read workspace the current one and forget choices tied to the old one."""
    st.session_state[S.WORKSPACE] = workspace
    st.session_state[S.SOURCE_LABEL] = label
    st.session_state[S.SOURCE_IS_SAMPLE] = sample
    st.session_state[S.LOAD_ERROR] = None
    S.reset_choices()
    # Overrides the file records (a council workbook writes them in Settings) apply again.
    recorded = Overrides.from_settings(validated().portfolio.settings)
    st.session_state[S.FORCE_IN] = sorted(recorded.force_in)
    st.session_state[S.FORCE_OUT] = sorted(recorded.force_out)
    st.session_state[S.PIN_START] = dict(sorted(recorded.pin_start.items()))


def open_sample() -> None:
    """Load the bundled sample city."""
    data = _cached.sample_bytes()
    workspace = _cached.read_files(((_cached.SAMPLE_NAME, data),))
    set_workspace(workspace, "Sample city of Riverton", sample=True)


def reject_oversize(names: list[str]) -> None:
    """Record the plain message for files over the upload cap (nothing is read)."""
    st.session_state[S.LOAD_ERROR] = (
        f"{', '.join(names)}: larger than {MAX_UPLOAD_MB} MB. Split the workbook or remove "
        "sheets the planner does not read, then upload it again.")


def open_files(files: list[tuple[str, bytes]]) -> bool:
    """Read uploaded files; on failure keep the current data and record the importer's message."""
    too_big = [name for name, data in files if len(data) > MAX_UPLOAD_BYTES]
    if too_big:
        reject_oversize(too_big)
        return False
    try:
        workspace = _cached.read_files(tuple(files))
    except PlannerError as exc:
        st.session_state[S.LOAD_ERROR] = str(exc)
        return False
    except Exception:  # a file the importer did not anticipate must not take the page down
        st.session_state[S.LOAD_ERROR] = (
            "The file could not be read. Save it again as an Excel workbook (.xlsx) or CSV "
            "and upload it again.")
        return False
    set_workspace(workspace, ", ".join(name for name, _ in files))
    return True


def workspace() -> Workspace:
    """The current editable tables (the sample city until something else is loaded)."""
    if st.session_state.get(S.WORKSPACE) is None:
        open_sample()
    return st.session_state[S.WORKSPACE]


def replace_workspace(new: Workspace) -> None:
    """Store an edited workspace (after an edit or a mapping change)."""
    st.session_state[S.WORKSPACE] = new


def validated() -> Validated:
    """The current tables validated by the importer (cached on their content)."""
    current = workspace()
    return _cached.validate(current.digest(), current)


# --- proposals ------------------------------------------------------------------------------
def _proposal_set() -> tuple[Portfolio, Any] | None:
    """(portfolio with proposals, Proposals) when proposing is on or needed, else None."""
    current = validated()
    base = current.portfolio
    wanted = bool(st.session_state[S.PROPOSE])
    if base.candidates and not wanted:
        return None
    if not (base.systems or base.processes):
        return None
    with_proposals, proposals = _cached.propose(workspace().digest(), wanted, base)
    return (with_proposals, proposals) if proposals is not None else None


def proposal_table() -> pd.DataFrame | None:
    """The editable proposals table of this session (built once per set of proposals)."""
    found = _proposal_set()
    if found is None:
        return None
    marker = f"{workspace().digest()}:{st.session_state[S.PROPOSE]}"
    if st.session_state[S.PROPOSALS_FOR] != marker or st.session_state[S.PROPOSALS] is None:
        _, proposals = found
        st.session_state[S.PROPOSALS] = review_table(proposals)
        st.session_state[S.PROPOSALS_FOR] = marker
    return st.session_state[S.PROPOSALS]


def review_table(proposals: Any) -> pd.DataFrame:
    """Proposals as a review table: accept first, the reason last, rows numbered from 1."""
    frame = proposals_frame(proposals)
    frame.insert(0, "accept", True)
    frame["why proposed"] = [proposals.reasons.get(cid, "") for cid in frame["candidate_id"]]
    frame.index = pd.Index(range(1, len(frame) + 1), name="row")
    return frame


def _with_proposals() -> tuple[Portfolio, str, list]:
    """(portfolio, cache key, issues of the reviewed proposals)."""
    digest = workspace().digest()
    found = _proposal_set()
    if found is None:
        return validated().portfolio, digest, []
    with_proposals, proposals = found
    table = proposal_table()
    accepted = table[table["accept"].astype(bool)].drop(columns=["accept", "why proposed"])
    key = choices_key(digest=digest, proposals=accepted)
    portfolio, problems = _cached.accept_proposals(key, with_proposals, accepted, proposals)
    return portfolio, key, problems


def proposal_issues() -> list:
    """Problems with edited proposal rows (they are left out until fixed)."""
    return _with_proposals()[2]


# --- the portfolio, scores and plan ---------------------------------------------------------
def portfolio_and_key() -> tuple[Portfolio, str]:
    """The portfolio as the user has shaped it, and a key that identifies it."""
    base, key = _with_proposals()[:2]
    budget = st.session_state[S.BUDGET]
    settings = st.session_state[S.SETTINGS]
    key = choices_key(base=key, budget=budget, settings=settings)
    return _cached.adjusted(key, base, budget, settings), key


def portfolio() -> Portfolio:
    """The portfolio the scores and plan are computed for."""
    return portfolio_and_key()[0]


def score_choices() -> dict[str, Any]:
    """The method, preset and weights chosen on the weights page."""
    return {"method": st.session_state[S.METHOD], "preset": st.session_state[S.PRESET],
            "weights": st.session_state[S.WEIGHTS]}


def score(**changes: Any) -> ScoreResult:
    """Scores with the session's choices (or with some changed); raises ScoringError."""
    current, key = portfolio_and_key()
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


def _plan_inputs() -> tuple[Portfolio, dict[str, float], str]:
    current, key = portfolio_and_key()
    result = score()
    values = {str(k): float(v) for k, v in result.value.items()}
    key = choices_key(portfolio=key, score=score_choices(), overrides=overrides_text())
    return current, values, key


# While weights move, plans are solved to within 1% or for at most a second (about a third
# of a second on a city portfolio); the roadmap then refines to the portfolio's own gap,
# and exports use that.
QUICK_GAP = 0.01
QUICK_SECONDS = 1.0


def plan(*, precise: bool = False, explain: bool = False) -> PlanResult:
    """The optimized plan beside rank-and-cut and greedy (raises PlannerError).

    Quick by default (1% gap); `precise` uses the portfolio's mip_gap and time limit.
    """
    current, values, key = _plan_inputs()
    settings = current.settings
    if precise or settings.mip_gap >= QUICK_GAP:
        gap, limit = None, None
    else:
        gap, limit = QUICK_GAP, min(QUICK_SECONDS, settings.solver_time_limit_s)
    result = _cached.plan(key, current, values, overrides_text(), gap, limit, explain)
    if gap is None:
        st.session_state[S.SOLVED].add(key)
        if len(_cached.PRECISE_KEYS) > 10_000:
            _cached.PRECISE_KEYS.clear()
        _cached.PRECISE_KEYS.add(key)
    return result


def refine_plan() -> None:
    """Compute the precise plan for the current choices (marked done even if it fails)."""
    try:
        plan(precise=True)
    except PlannerError:
        pass
    finally:
        st.session_state[S.SOLVED].add(_plan_inputs()[2])


def has_precise_plan() -> bool:
    """True when this session already holds the precise plan for the current choices."""
    current, values, key = _plan_inputs()
    return (key in st.session_state[S.SOLVED] or key in _cached.PRECISE_KEYS
            or current.settings.mip_gap >= QUICK_GAP)


FRONTIER_POINT_SECONDS = 1.0


def frontier(progress: Any = None) -> pd.DataFrame:
    """The efficient frontier for the current choices, one budget scale at a time.

    `progress(done, total)` is called after each point (for a progress bar).
    """
    current, values, key = _plan_inputs()
    scales = DEFAULT_SCALES
    parts = []
    for done, scale in enumerate(scales, start=1):
        parts.append(_cached.frontier_point(key, current, values, overrides_text(), scale,
                                            FRONTIER_POINT_SECONDS))
        if progress is not None:
            progress(done, len(scales))
    return pd.concat(parts, ignore_index=True)


def robustness(samples: int, concentration: float | None, k: int) -> Any:
    """SMAA rank acceptability around the current scores."""
    result = score()
    key = choices_key(portfolio=portfolio_and_key()[1], score=score_choices())
    return _cached.robustness(key, result, samples, concentration, k)


def funding_key() -> str:
    """What a funding-robustness run (Robustness page) depends on besides its own settings."""
    return choices_key(portfolio=portfolio_and_key()[1], score=score_choices(),
                       overrides=overrides_text(), stakeholders=stakeholder_weights())


def stakeholder_weights() -> dict[str, dict[str, float]]:
    """The stakeholders' named weight sets of the Criteria & weights page ({} if none)."""
    table = st.session_state[S.STAKEHOLDERS]
    return stakeholder_sets(table) if isinstance(table, pd.DataFrame) else {}


def funding_robustness() -> Any:
    """The Robustness page's last run for the current choices, with its sensitivity, or None."""
    stored, base = st.session_state[S.FUNDING_ROBUSTNESS], funding_key()
    if not stored or stored["base"] != base:
        return None
    sensitivity = st.session_state[S.SENSITIVITY]
    if sensitivity and sensitivity["key"] == base:
        return stored["result"].with_sensitivity(sensitivity["one_way"], sensitivity["budget"])
    return stored["result"]


def method_comparison() -> Any:
    """Ranks under every method with the current criteria and weights."""
    current, key = portfolio_and_key()
    choices = score_choices()
    return _cached.methods(key, current, choices["preset"], choices["weights"])


def issues() -> pd.DataFrame:
    """Every import issue: the file's layout notes and the current value problems."""
    return all_issues(workspace(), validated())


def council_workbook(scenario: str, *, with_frontier: bool, step: Any = None) -> bytes:
    """The council workbook for the current choices (precise plan, robustness, methods).

    `step(text)` is called before each stage, for a progress display.
    """
    say = step or (lambda text: None)
    say("Solving the plan to full precision")
    result = plan(precise=True)
    say("Testing how robust the ranking is")
    scores = score()
    k = min(10, len(scores.order))
    funding = funding_robustness()  # chance funded per candidate, when the page computed it
    found = funding or (robustness(10_000, None, k) if len(scores.order) > 1 else None)
    comparison = method_comparison()
    table = None
    if with_frontier:
        say("Solving each budget level for the efficient frontier")
        table = frontier()
    say("Writing the workbook")
    current, values, key = _plan_inputs()
    key = choices_key(plan=key, scenario=scenario, frontier=with_frontier,
                      funding=funding.export_notes() if funding else None)
    return _cached.workbook(key, current, result, scores, validated(), issues(), found,
                            comparison, table, scenario)


def plan_json(scenario: str) -> str:
    """The precise plan as JSON: the `plan` command's document plus the scoring choices."""
    result = plan(precise=True)
    scores = score()
    current = portfolio()
    document = {"city": current.settings.city_name, "scenario": scenario,
                "scoring": {"method": scores.method, "weights": scores.weights,
                            "criteria": [c.criterion for c in scores.criteria]},
                **result.as_dict()}
    return json.dumps(document, indent=2, default=str)
