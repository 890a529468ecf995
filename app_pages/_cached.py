"""Cached calls into the planner: the only place the app reads files or runs the engine.

Every cached function is keyed on content (file bytes, a workspace digest, JSON of the
user's choices), never on a session counter, because the cache is shared by every session.
Arguments whose name starts with an underscore are not hashed: they travel with a key that
already identifies them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from planner.issues import Issue
from planner.models import Portfolio
from planner.propose import apply_proposals_frame, ensure_candidates
from planner.scoring import ScoreResult, score_portfolio
from planner.template import template_bytes
from planner.validate import Validated
from planner.views import adjust_portfolio
from planner.workspace import Workspace, read_workspace, validate_workspace

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "data" / "sample_city.xlsx"
SAMPLE_NAME = "sample_city.xlsx"
ENTRIES = 32  # per function: a handful of sessions' recent states


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
    """Read uploaded files into a workspace (raises PlannerError, which is not cached)."""
    return read_workspace(list(files))


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def validate(digest: str, _workspace: Workspace) -> Validated:
    """Validate the workspace whose content hash is `digest`."""
    return validate_workspace(_workspace)


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def propose(digest: str, wanted: bool, _portfolio: Portfolio) -> tuple[Portfolio, Any]:
    """(portfolio with proposals, Proposals or None) for the validated tables `digest`."""
    return ensure_candidates(_portfolio, propose=wanted)


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def accept_proposals(key: str, _portfolio: Portfolio, _table: pd.DataFrame,
                     _proposals: Any) -> tuple[Portfolio, list[Issue]]:
    """The portfolio with the reviewed proposals applied (unaccepted ones left out)."""
    portfolio, log = apply_proposals_frame(_portfolio, _table, _proposals)
    return portfolio, list(log.items)


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def adjusted(key: str, _portfolio: Portfolio, budget: dict | None,
             settings: dict | None) -> Portfolio:
    """The portfolio with the budget grid and settings edited in the app."""
    return adjust_portfolio(_portfolio, budget=budget, settings=settings)


@st.cache_data(show_spinner=False, max_entries=ENTRIES)
def score(key: str, _portfolio: Portfolio, method: str | None, preset: str | None,
          weights: dict[str, float] | None) -> ScoreResult:
    """Scores and ranks (raises ScoringError with a plain message)."""
    return score_portfolio(_portfolio, method=method, preset=preset, weights=weights)
