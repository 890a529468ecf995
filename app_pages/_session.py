"""What the pages ask for first: this session's workspace, its validation and the portfolio.

Each accessor reads the user's choices from session state and calls a cached function keyed
on their content, so a rerun that changed nothing costs a few dictionary lookups (scores and
plans: `_planning`; downloads: `_exports`; the lasting store: `_store`)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages import _access, _cached, _history, _store
from app_pages import _state as S
from planner import (
    Overrides,
    PlannerError,
    Portfolio,
    Validated,
    Workspace,
    all_issues,
    choices_key,
    proposals_frame,
    unread_candidates,
)

MAX_UPLOAD_MB = 25
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024


def start_session() -> None:
    """Set every missing state key, and open the sample city on the first visit."""
    S.init_session_state()
    if st.session_state[S.WORKSPACE] is None and st.session_state[S.LOAD_ERROR] is None:
        open_sample()
    _access.refuse_pending()
    _history.settle()
    _store.flush_audit()


def set_workspace(workspace: Workspace, label: str, *, sample: bool = False,
                  sources: tuple = ()) -> None:
    """Make a freshly read workspace (of `sources`) current; forget the old one's choices."""
    st.session_state[S.WORKSPACE] = workspace
    st.session_state[S.SOURCES] = tuple(sources)
    st.session_state[S.STORE_WORKSPACE] = None  # named after the files' city when needed
    st.session_state[S.SOURCE_LABEL] = label
    st.session_state[S.SOURCE_IS_SAMPLE] = sample
    st.session_state[S.LOAD_ERROR] = None
    S.reset_choices()
    # Overrides the file records (a council workbook writes them in Settings) apply again.
    recorded = Overrides.from_settings(validated().portfolio.settings)
    st.session_state[S.FORCE_IN] = sorted(recorded.force_in)
    st.session_state[S.FORCE_OUT] = sorted(recorded.force_out)
    st.session_state[S.PIN_START] = dict(sorted(recorded.pin_start.items()))
    if st.session_state.get(S.HISTORY) is not None:  # the first sample is the starting point
        _history.record(f"Opened {label}")


def open_sample() -> None:
    """Load the bundled sample city."""
    data = _cached.sample_bytes()
    sources = ((_cached.SAMPLE_NAME, data),)
    set_workspace(_cached.read_files(sources), "Sample city of Riverton", sample=True,
                  sources=sources)


def reject_oversize(names: list[str]) -> None:
    """Record the plain message for files over the upload cap (nothing is read)."""
    st.session_state[S.LOAD_ERROR] = (
        f"{', '.join(names)}: larger than {MAX_UPLOAD_MB} MB. Split the workbook or remove "
        "sheets the planner does not read, then upload it again.")


def open_files(files: list[tuple[str, bytes]]) -> bool:
    """Read uploaded files; on failure keep the current data and record the importer's message."""
    if not _access.may_change("open another file"):
        return False
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
        st.session_state[S.LOAD_ERROR] = ("The file could not be read. Save it again as an "
                                          "Excel workbook (.xlsx) or CSV and upload it again.")
        return False
    set_workspace(workspace, ", ".join(name for name, _ in files), sources=tuple(files))
    _store.keep_upload(tuple(files), validated().portfolio)
    return True


def workspace() -> Workspace:
    """The current editable tables (the sample city until something else is loaded)."""
    return st.session_state.get(S.WORKSPACE) or (open_sample() or
                                                 st.session_state[S.WORKSPACE])


def replace_workspace(new: Workspace, change: str | None = None) -> None:
    """Store an edited workspace; `change` says what changed in plain words (Undo's step)."""
    if _access.may_change("edit the tables"):  # refused: nothing stored
        old = st.session_state.get(S.WORKSPACE)
        st.session_state[S.WORKSPACE] = new
        _history.record(change or _history.edited_tables(old, new))


def record_choice(change: str) -> None:
    """Note a choice just stored in the session (weights, method, pins ...) in plain words."""
    if _access.may_change():
        _history.record(change)


def changes() -> list[str]:
    """The session's changes in plain words, oldest first (the decision record lists them)."""
    return _history.history().changes()[::-1]


def validated() -> Validated:
    """The current tables validated by the importer (cached on their content)."""
    current = workspace()
    return _cached.validate(current.digest(), current)


# --- proposals ------------------------------------------------------------------------------
def unread() -> str | None:
    """Why the file's Candidates sheet gave no candidates, when it had rows; else None."""
    return unread_candidates(validated())


def proposing() -> bool:
    """True when the user chose to plan the planner's proposals (the Import page's toggle)."""
    return bool(st.session_state[S.PROPOSE])


def _proposal_set() -> tuple[Portfolio, Any] | None:
    """(portfolio with proposals, Proposals) when proposing is asked for, or when the file
    has no Candidates sheet at all; else None. A project list none of whose rows could be
    read is never replaced by proposals unless the user asks."""
    base = validated().portfolio
    wanted = proposing()
    if ((base.candidates and not wanted) or not (base.systems or base.processes)
            or (not wanted and unread())):
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
    return frame.set_axis(pd.Index(range(1, len(frame) + 1), name="row"))


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


# --- the portfolio -------------------------------------------------------------------------
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


def issues() -> pd.DataFrame:
    """Every import issue: the file's layout notes and the current value problems."""
    return all_issues(workspace(), validated())
