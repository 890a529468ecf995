"""Session-state keys in one place: constants, defaults and an idempotent initializer.

Canonical values live under plain keys. Widgets use their own keys (prefixed `w_`) and copy
into the canonical key from an on_change callback, because Streamlit forgets the state of a
widget that a page did not draw, and pages come and go with navigation.

This module imports nothing from the app, so every other helper can import it; opening the
sample city on a first visit is `_session.start_session`'s job.
"""

from __future__ import annotations

import copy
from typing import Any

import streamlit as st

# --- the data -------------------------------------------------------------------------------
WORKSPACE = "workspace"  # planner.views.workspace.Workspace: the one editable copy of the tables
SOURCE_LABEL = "source_label"  # what was loaded, for the sidebar
SOURCE_IS_SAMPLE = "source_is_sample"
LOAD_ERROR = "load_error"  # the importer's message for the last rejected upload
LOADED_UPLOAD = "loaded_upload"  # signature of the upload already read (names and sizes)
EDITOR_VERSION = "editor_version"  # bumped after each applied edit: a fresh, clean editor
EDITOR_LABELS = "editor_labels"  # row numbers the data editor showed, in order

# --- proposals (issue #9) -------------------------------------------------------------------
PROPOSE = "propose"  # propose candidates from the inventory even when some exist
PROPOSALS = "proposals"  # editable proposals table (DataFrame) or None
PROPOSALS_FOR = "proposals_for"  # workspace digest the proposals were made for

# --- scoring --------------------------------------------------------------------------------
METHOD = "method"
PRESET = "preset"
WEIGHTS = "weights"  # criterion -> raw slider weight (normalized for use)
WEIGHT_MODE = "weight_mode"  # "sliders" | "pairwise" | "stakeholders"
JUDGMENTS = "judgments"  # "a|b" -> AHP judgment on the 1/9..9 scale (a over b)
STAKEHOLDERS = "stakeholders"  # stakeholder x criterion table (0-100), {} until first shown

# --- plan -----------------------------------------------------------------------------------
BUDGET = "budget"  # list of budget rows replacing the imported ones, or None
SETTINGS = "settings_overrides"  # Settings fields changed in the app (carry_over, limits)
FORCE_IN = "force_in"
FORCE_OUT = "force_out"
PIN_START = "pin_start"  # candidate id -> fiscal year
SCENARIOS = "scenarios"  # name -> saved scenario (planner.views.plans.scenario_record): the
# store's, as the Scenarios page last listed them, or this session's alone without a store
SCENARIO_ERROR = "scenario_error"  # why the last save failed, shown once
LAST_FUNDED = "last_funded"  # funded ids of the plan last shown beside the weights
PROFILE_APPLIED = "profile_applied"  # the mapping profile upload already applied
SOLVED = "solved"  # plan keys whose precise plan this session has computed

# --- the lasting store (planner.Store): workspaces, scenarios, plan of record, audit trail ---
SOURCES = "sources"  # the files the tables were read from, ((name, bytes), ...)
STORE_WORKSPACE = "store_workspace"  # the store's workspace this session works in, or None
STORE_INPUTS = "store_inputs"  # (workspace, digest of the files) -> id of the stored inputs
STORE_ERROR = "store_error"  # why the store could not be opened (the app runs without it)
SEEN_VERSIONS = "seen_versions"  # workspace -> scenario name -> the version last seen
AUDIT_PENDING = "audit_pending"  # (before, after, words) of changes not yet in the store

# --- the session's history of changes ------------------------------------------------------
HISTORY = "history"  # planner.views.history.History of PLAN_KEYS snapshots, from the first run
PENDING = "pending_changes"  # choices stored by copy_to, recorded when the next run starts
BOUND = "bound_widgets"  # widget keys bind() gave a canonical value: redrawn after an undo

# --- robustness (issue #8) ------------------------------------------------------------------
FUNDING_ROBUSTNESS = "funding_robustness"  # {"key", "base", "result"} of the last run
SENSITIVITY = "sensitivity"  # {"key", "one_way", "budget"} for the choices keyed "key"

DEFAULTS: dict[str, Any] = {
    WORKSPACE: None,
    SOURCE_LABEL: "",
    SOURCE_IS_SAMPLE: False,
    LOAD_ERROR: None,
    LOADED_UPLOAD: None,
    EDITOR_VERSION: 0,
    EDITOR_LABELS: {},
    PROPOSE: False,
    PROPOSALS: None,
    PROPOSALS_FOR: None,
    METHOD: None,
    PRESET: None,
    WEIGHTS: None,
    WEIGHT_MODE: "sliders",
    JUDGMENTS: {},
    STAKEHOLDERS: {},
    BUDGET: None,
    SETTINGS: {},
    FORCE_IN: [],
    FORCE_OUT: [],
    PIN_START: {},
    SCENARIOS: {},
    SCENARIO_ERROR: None,
    LAST_FUNDED: None,
    PROFILE_APPLIED: None,
    SOLVED: set(),
    FUNDING_ROBUSTNESS: None,
    SENSITIVITY: None,
    SOURCES: (),
    STORE_WORKSPACE: None,
    STORE_INPUTS: {},
    STORE_ERROR: None,
    SEEN_VERSIONS: {},
    AUDIT_PENDING: [],
    HISTORY: None,
    PENDING: [],
    BOUND: set(),
}

# Everything that shapes a plan: what undo and redo restore and a scenario saves. The
# workspace holds the edited tables, their mapping and the Settings (assumptions, city name).
PLAN_KEYS = (WORKSPACE, SOURCES, SOURCE_LABEL, SOURCE_IS_SAMPLE, PROPOSE, PROPOSALS,
             PROPOSALS_FOR, METHOD, PRESET, WEIGHTS, WEIGHT_MODE, JUDGMENTS, STAKEHOLDERS,
             BUDGET, SETTINGS, FORCE_IN, FORCE_OUT, PIN_START)

# How a choice stored by copy_to is named in the list of changes.
CHOICE_LABELS = {METHOD: "Scoring method", PRESET: "Criteria preset",
                 WEIGHT_MODE: "Weights set with", FORCE_IN: "Always fund",
                 FORCE_OUT: "Never fund", PROPOSE: "Plan the planner's proposals"}


def init_session_state() -> None:
    """Set every missing key to its default (idempotent)."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = copy.deepcopy(value)


def reset_choices() -> None:
    """Forget the weights, budget edits, overrides and proposals (a new file was loaded)."""
    for key in (METHOD, PRESET, WEIGHTS, JUDGMENTS, STAKEHOLDERS, BUDGET, SETTINGS, FORCE_IN,
                FORCE_OUT, PIN_START, PROPOSALS, PROPOSALS_FOR, EDITOR_LABELS):
        st.session_state[key] = copy.deepcopy(DEFAULTS[key])
    st.session_state[EDITOR_VERSION] += 1


def bind(widget_key: str, value: Any) -> None:
    """Give a widget its canonical value when the page draws it for the first time."""
    st.session_state.setdefault(BOUND, set()).add(widget_key)
    if widget_key not in st.session_state:
        st.session_state[widget_key] = value


def forget_widgets() -> None:
    """Drop the state of every widget bind() set, so each is drawn again from its canonical
    value (after an undo, a redo or a restored scenario)."""
    for key in st.session_state.get(BOUND, set()):
        if key in st.session_state:
            del st.session_state[key]


def copy_to(canonical_key: str, widget_key: str) -> None:
    """on_change callback body: store a widget's value under its canonical key, and note the
    change for the session's history (recorded as the next run starts)."""
    before = st.session_state.get(canonical_key)
    after = st.session_state[widget_key]
    st.session_state[canonical_key] = after
    if before != after:
        st.session_state.setdefault(PENDING, []).append((canonical_key, before, after))
