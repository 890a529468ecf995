"""Budget & constraints page: caps, carry-over, time limit, force in/out, pinned starts."""

from __future__ import annotations

import io

import openpyxl

from app_pages import _state as S
from tests.app.conftest import SAMPLE, XLSX
from tests.app.helpers import no_errors


def editor_key(at, prefix: str) -> str:
    return next(e.key for e in at.data_editor if e.key.startswith(prefix))


def test_caps_can_be_edited_and_reset(open_page) -> None:
    at = open_page("budget")
    no_errors(at)
    grid = next(e.value for e in at.data_editor if e.key.startswith("w_budget_"))
    fund = grid.columns[0]
    at.session_state[editor_key(at, "w_budget_")] = {
        "edited_rows": {"0": {fund: 9_000_000}}, "added_rows": [], "deleted_rows": []}
    at.run()
    no_errors(at)
    assert at.session_state[S.BUDGET]["2027"][fund] == 9_000_000
    at.button(key="w_budget_reset").click()
    at.run()
    assert at.session_state[S.BUDGET] is None


def test_more_operating_room_funds_more_of_the_sample_city(open_page) -> None:
    before = unfunded_ids(open_page("roadmap"))
    at = open_page("budget")
    grid = next(e.value for e in at.data_editor if e.key.startswith("w_budget_"))
    assert grid["New operating cost allowed"].notna().all()  # the sample city caps it
    rows = {str(i): {"New operating cost allowed": 5_000_000} for i in range(len(grid))}
    at.session_state[editor_key(at, "w_budget_")] = {
        "edited_rows": rows, "added_rows": [], "deleted_rows": []}
    at.run()
    no_errors(at)
    assert at.session_state[S.BUDGET]["2027"]["New operating cost allowed"] == 5_000_000
    at.switch_page("app_pages/roadmap.py")
    at.run()
    assert not at.exception
    assert len(unfunded_ids(at)) < len(before)  # a different, larger set is funded


def test_rules_are_stored_as_settings(open_page) -> None:
    at = open_page("budget")
    at.toggle(key="w_carry_over").set_value(True)
    at.run()
    no_errors(at)
    assert at.session_state[S.SETTINGS] == {"carry_over": True}


def unfunded_ids(at) -> set[str]:
    table = next(d.value for d in at.dataframe if "why not funded" in d.value.columns)
    return set(table["candidate_id"])


def test_forcing_candidates_in_and_out_changes_the_roadmap(open_page) -> None:
    before = unfunded_ids(open_page("roadmap"))
    assert "C-045" not in before and "C-002" in before
    at = open_page("budget")
    at.multiselect(key="w_force_out").set_value(["C-045"])
    at.multiselect(key="w_force_in").set_value(["C-002"])
    at.run()
    no_errors(at)
    assert at.session_state[S.FORCE_OUT] == ["C-045"]
    at.switch_page("app_pages/roadmap.py")
    at.run()
    assert not at.exception
    after = unfunded_ids(at)
    assert "C-045" in after and "C-002" not in after


def test_a_start_year_can_be_pinned(open_page) -> None:
    at = open_page("budget")
    at.session_state[editor_key(at, "w_pins_")] = {
        "edited_rows": {}, "deleted_rows": [],
        "added_rows": [{"candidate_id": "C-045", "start": 2029}]}
    at.run()
    no_errors(at)
    assert at.session_state[S.PIN_START] == {"C-045": 2029}


def test_a_clash_between_always_and_never_is_reported(open_page) -> None:
    at = open_page("budget", force_in=["C-045"], force_out=["C-045"])
    assert not at.exception
    assert "both always and never" in at.error[0].value


def test_overrides_a_workbook_records_apply_again_after_upload(open_page) -> None:
    book = openpyxl.load_workbook(SAMPLE)
    settings = book["Settings"]
    settings.append(["force_out", "C-045"])
    settings.append(["pin_start", "C-002=2029"])
    out = io.BytesIO()
    book.save(out)
    at = open_page("data_import")
    at.file_uploader(key="w_upload").upload("council_roadmap.xlsx", out.getvalue(), XLSX)
    at.run()
    no_errors(at)
    assert at.session_state[S.FORCE_OUT] == ["C-045"]
    assert at.session_state[S.PIN_START] == {"C-002": 2029}
    at.switch_page("app_pages/budget.py")
    at.run()
    no_errors(at)
    assert at.multiselect(key="w_force_out").value == ["C-045"]
    at.switch_page("app_pages/roadmap.py")
    at.run()
    assert not at.exception
    assert "C-045" in unfunded_ids(at)


def test_one_cap_edit_changes_that_year_and_fund_only_and_is_listed(open_page) -> None:
    from planner import grid_to_json

    at = open_page("budget")
    grid = next(e.value for e in at.data_editor if e.key.startswith("w_budget_"))
    fund = grid.columns[0]
    year = int(grid.index[2])
    before = grid_to_json(grid)
    at.session_state[editor_key(at, "w_budget_")] = {
        "edited_rows": {"2": {fund: 1_234_000}}, "added_rows": [], "deleted_rows": []}
    at.run()
    no_errors(at)
    after = at.session_state[S.BUDGET]
    changed = {(y, c) for y in before for c in before[y] if before[y][c] != after[y][c]}
    assert changed == {(str(year), fund)}
    assert after[str(year)][fund] == 1_234_000
    old = before[str(year)][fund]
    assert f"FY{year} {fund}: ${old:,.0f} → $1,234,000" in [t.value for t in at.text]
    shown = next(e.value for e in at.data_editor if e.key.startswith("w_budget_"))
    assert grid_to_json(shown) == after


def test_a_pinned_start_is_listed_among_the_changes(open_page) -> None:
    at = open_page("budget")
    at.session_state[editor_key(at, "w_pins_")] = {
        "edited_rows": {}, "deleted_rows": [],
        "added_rows": [{"candidate_id": "C-045", "start": 2029}]}
    at.run()
    no_errors(at)
    assert "Start of C-045: — → FY2029" in [t.value for t in at.text]
