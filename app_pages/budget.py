"""Budget & constraints: caps per year and fund, carry-over, staff, and manual decisions."""

import pandas as pd
import streamlit as st

from app_pages import _access, _rules, _session, _ui
from app_pages import _state as S
from app_pages._editing import has_pending_edits
from planner import (
    OPERATING,
    PER_YEAR,
    STAFF,
    apply_delta,
    budget_grid,
    change_words,
    edit_budget_grid,
    grid_to_json,
    pin_changes,
    words,
)

W_CARRY = "w_carry_over"
W_FORCE_IN, W_FORCE_OUT = "w_force_in", "w_force_out"


def _key(name: str) -> str:
    return f"w_{name}_{st.session_state[S.EDITOR_VERSION]}"


SETTING_LABELS = {"carry_over": "Carry unspent capital into the next year",
                  "solver_time_limit_s": "Solver time limit (seconds)"}


def _apply_grid(key: str) -> None:
    """Apply the caps editor's edits, cell by (fiscal year, column), and say which."""
    grid = budget_grid(_session.portfolio())
    edited, change = edit_budget_grid(grid, st.session_state.get(key) or {})
    st.session_state[S.EDITOR_VERSION] += 1
    if change is not None:
        st.session_state[S.BUDGET] = grid_to_json(edited)
        _session.record_choice(change)


def _reset_grid() -> None:
    st.session_state[S.BUDGET] = None
    _session.record_choice("Budget caps back to the imported budget")


def _setting(name: str, widget: str) -> None:
    before = st.session_state[S.SETTINGS].get(name)
    st.session_state[S.SETTINGS] = {**st.session_state[S.SETTINGS],
                                    name: st.session_state[widget]}
    _session.record_choice(change_words(SETTING_LABELS.get(name, name), before,
                                        st.session_state[widget]))


def show_caps(portfolio) -> None:
    """The capital cap of every fiscal year and fund, and IT staff capacity, editable."""
    grid = budget_grid(portfolio)
    if grid.empty:
        st.warning("No Budget sheet was imported, so there is nothing to plan against. Add "
                   "one on the Import page.", icon=":material/warning:")
        st.stop()
    key = _key("budget")
    money = {f: st.column_config.NumberColumn(f, min_value=0, step=10_000, format="localized")
             for f in grid.columns if f != STAFF}
    money[OPERATING] = st.column_config.NumberColumn(
        OPERATING, min_value=0, step=10_000, format="localized",
        help="How much the recurring operating budget may grow in this year, over all funds. "
             "Projects add their new operating cost from go-live; unused room carries "
             "forward. Blank: that year adds no room and is not checked.")
    st.data_editor(grid, key=key, on_change=_apply_grid, args=(key,), width="stretch",
                   disabled=_access.read_only(),
                   column_config={**money, "fiscal_year": st.column_config.NumberColumn(
                       "fiscal year", format="FY%d"),
                       STAFF: st.column_config.NumberColumn(min_value=0, step=0.5)})
    if has_pending_edits(key):
        _apply_grid(key)
        st.rerun()
    totals = grid.drop(columns=list(PER_YEAR)).sum(axis=1)
    st.caption(f"Capital over the horizon: {words.money(float(totals.sum()))}. "
               "Blank staff capacity means no staff limit that year.")
    if st.session_state[S.BUDGET] is not None:
        st.button("Back to the imported budget", key="w_budget_reset",
                  icon=":material/restart_alt:", on_click=_reset_grid, disabled=_access.read_only())


def show_rules(portfolio) -> None:
    """Carry-over of unspent capital (the solver stops at a fixed amount of work, not at a
    time, so the same inputs always give the same plan)."""
    S.bind(W_CARRY, bool(portfolio.settings.carry_over))
    st.toggle("Carry unspent capital into the next year (same fund)", key=W_CARRY,
              on_change=_setting, args=("carry_over", W_CARRY), disabled=_access.read_only())


def _pins_frame(portfolio) -> pd.DataFrame:
    pins = st.session_state[S.PIN_START]
    frame = pd.DataFrame({"candidate_id": list(pins), "start": [int(v) for v in pins.values()]},
                         columns=["candidate_id", "start"])
    frame.index = pd.Index(range(1, len(frame) + 1), name="row")
    return frame


def _apply_pins(key: str) -> None:
    frame = _pins_frame(_session.portfolio())
    edited = apply_delta(frame, st.session_state.get(key) or {}, [int(i) for i in frame.index])
    before = dict(st.session_state[S.PIN_START])
    st.session_state[S.PIN_START] = {str(r.candidate_id): int(r.start)
                                     for r in edited.itertuples()
                                     if pd.notna(r.candidate_id) and pd.notna(r.start)}
    st.session_state[S.EDITOR_VERSION] += 1
    if st.session_state[S.PIN_START] != before:
        _session.record_choice(pin_changes(before, st.session_state[S.PIN_START]))


def show_overrides(portfolio) -> None:
    """Force a candidate in or out, or pin its start year."""
    ids = list(portfolio.candidates)
    label = {c: f"{c}  {portfolio.candidates[c].name}" for c in ids}
    left, right = st.columns(2, gap="large")
    for column, widget, state, title in (
            (left, W_FORCE_IN, S.FORCE_IN, "Always fund"),
            (right, W_FORCE_OUT, S.FORCE_OUT, "Never fund")):
        S.bind(widget, [c for c in st.session_state[state] if c in label])
        column.multiselect(title, ids, key=widget, format_func=label.get,
                           on_change=S.copy_to, args=(state, widget), disabled=_access.read_only())
    clash = set(st.session_state[S.FORCE_IN]) & set(st.session_state[S.FORCE_OUT])
    if clash:
        st.error("A candidate cannot be both always and never funded: "
                 + _ui.escape_md(", ".join(sorted(clash))))
    st.markdown("**Pin a start year**")
    key = _key("pins")
    st.data_editor(_pins_frame(portfolio), key=key, on_change=_apply_pins, args=(key,),
                   disabled=_access.read_only(),
                   num_rows=_access.editor_rows(), hide_index=True, width="stretch", column_config={
                       "candidate_id": st.column_config.SelectboxColumn(
                           "candidate", options=ids, required=True),
                       "start": st.column_config.SelectboxColumn(
                           "start year", options=portfolio.fiscal_years, required=True)})
    if has_pending_edits(key):
        _apply_pins(key)
        st.rerun()


_ui.header("Budget & constraints", "The money and people available each year, and the "
           "decisions you have already made. The roadmap respects every one of them.")
portfolio = _session.portfolio()
st.subheader("Capital caps by fiscal year and fund")
show_caps(portfolio)
st.subheader("Rules")
show_rules(portfolio)
st.subheader("Balance rules")
_rules.show_rules_editor(portfolio)
st.subheader("Your decisions")
show_overrides(portfolio)
st.page_link("app_pages/roadmap.py", label="See the roadmap with these settings",
             icon=":material/east:")
