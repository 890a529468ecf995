"""Scenarios that outlive the browser tab: saved to the store in one session, listed and
restored in another, refused when stale, adopted as the plan of record; on SQLite (every app
test's own store) and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app_pages import _state as S
from planner import Overrides, Store, choices_document
from tests.app.conftest import APP, SAMPLE_BYTES, page_path
from tests.app.helpers import no_errors
from tests.app.store_app import (
    edit_budget_cap,
    edit_cell,
    fresh_session,
    save_scenario,
    table_with,
)
from tests.store.databases import postgres_schema


def same_tables(a, b) -> None:
    """Two workspaces hold the same tables, cell for cell, and the same mapping."""
    assert set(a.frames) == set(b.frames)
    for name, frame in a.frames.items():
        other = b.frames[name]
        assert list(frame.columns) == list(other.columns), name
        assert list(frame.index) == list(other.index), name
        for row in frame.index:
            for column in frame.columns:
                x, y = frame.at[row, column], other.at[row, column]
                assert (pd.isna(x) and pd.isna(y)) or x == y, (name, row, column, x, y)
    assert a.mapping == b.mapping
    assert a.digest() == b.digest()


def restore(at, name: str):
    at.switch_page("app_pages/scenarios.py")
    at.run()
    at.selectbox(key="w_scenario_load").set_value(name)
    at.button(key="w_scenario_load_button").click()
    at.run()
    no_errors(at)
    return at


def round_trip(url: str) -> None:
    first = fresh_session("scenarios")
    edit_cell(first, "Candidates", 0, "one_time_cost", 1_234_567)
    fund = edit_budget_cap(first, 0, 7_654_321)
    at = save_scenario(first, "Base")
    no_errors(at)
    seen = first.session_state[S.WORKSPACE]
    budget = first.session_state[S.BUDGET]
    assert budget["2027"][fund] == 7_654_321

    second = fresh_session("scenarios")  # a new browser session: nothing in its state
    listed = table_with(second, "saved by")
    assert listed["scenario"].tolist() == ["Base"] and listed["version"].tolist() == [1]
    assert second.session_state[S.WORKSPACE].frames["Candidates"].iloc[0][
        "one_time_cost"] != 1_234_567
    restore(second, "Base")
    same_tables(second.session_state[S.WORKSPACE], seen)
    assert second.session_state[S.BUDGET] == budget
    stored = Store.open(url)
    try:
        workspace = stored.workspaces()[0].name
        scenario = stored.scenario(workspace, "Base")
        assert scenario.choices["cell_edits"]["Candidates"]["cells"] == [
            [2, "one_time_cost", scenario.choices["cell_edits"]["Candidates"]["cells"][0][2],
             1_234_567]]
        assert scenario.inputs.files[0].name == "sample_city.xlsx"
    finally:
        stored.close()


def test_a_scenario_saved_in_one_session_is_restored_in_another(store_in_tmp) -> None:
    round_trip(store_in_tmp)


@pytest.fixture
def postgres_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with postgres_schema() as url:
        monkeypatch.setenv("PLANNER_DATABASE_URL", url)
        yield url


def test_the_same_round_trip_on_postgresql(postgres_store) -> None:
    round_trip(postgres_store)


def test_a_save_over_a_newer_version_is_refused_with_who_saved_it(monkeypatch) -> None:
    monkeypatch.setenv("PLANNER_USER", "ana")
    ana = save_scenario(fresh_session("scenarios"), "Base")
    no_errors(ana)
    monkeypatch.setenv("PLANNER_USER", "bob")
    bob = fresh_session("scenarios")  # bob sees version 1
    monkeypatch.setenv("PLANNER_USER", "ana")
    save_scenario(ana, "Base")  # ana saves version 2
    no_errors(ana)
    monkeypatch.setenv("PLANNER_USER", "bob")
    save_scenario(bob, "Base")
    errors = [e.value for e in bob.error]
    assert any("changed by ana" in e and "version 2" in e and "reload" in e for e in errors), \
        errors
    listed = table_with(fresh_session("scenarios"), "saved by")
    assert listed["version"].tolist() == [2] and listed["saved by"].tolist() == ["ana"]


def test_the_plan_of_record_is_shown_on_the_roadmap_and_export_pages(monkeypatch) -> None:
    monkeypatch.setenv("PLANNER_USER", "cio")
    at = save_scenario(fresh_session("scenarios"), "Council")
    at.selectbox(key="w_scenario_load").set_value("Council")
    at.text_input(key="w_scenario_note").set_value("Council vote, 12 January")
    at.button(key="w_scenario_adopt").click()
    at.run()
    no_errors(at)
    at.switch_page("app_pages/roadmap.py")
    at.run()
    texts = [t.value for t in at.text]
    assert any("Plan of record: 'Council', version 1, adopted by cio" in t for t in texts)
    assert "Note: Council vote, 12 January" in texts
    assert "What is on screen is the plan of record." in texts
    edit_budget_cap(at, 1, 1_000)
    other = fresh_session("export")
    assert any(t.value.startswith("Plan of record: 'Council'") for t in other.text)
    at.switch_page("app_pages/export.py")
    at.run()
    assert any("differs from the plan of record" in t.value for t in at.text)


def test_a_deleted_scenario_leaves_the_list_of_every_session() -> None:
    at = save_scenario(fresh_session("scenarios"), "Draft")
    at.selectbox(key="w_scenario_load").set_value("Draft")
    at.button(key="w_scenario_delete").click()
    at.run()
    no_errors(at)
    assert not [d for d in fresh_session("scenarios").dataframe
                if "saved by" in d.value.columns]


def test_a_signed_in_analyst_saves_under_their_email_but_may_not_adopt() -> None:
    from tests.app.test_access import ANALYST, app_as

    at = app_as("scenarios", ANALYST, sources=(("sample_city.xlsx", SAMPLE_BYTES),))
    save_scenario(at, "Ana's")
    no_errors(at)
    assert table_with(at, "saved by")["saved by"].tolist() == ["ana@riverton.gov"]
    assert at.button(key="w_scenario_adopt").disabled  # adopting is the admin's
    assert not at.button(key="w_scenario_delete").disabled  # an analyst may delete


def test_a_scripts_scenario_in_another_workspace_is_opened_and_restored(store_in_tmp
                                                                         ) -> None:
    stored = Store.open(store_in_tmp)
    try:
        stored.open_workspace("Springfield FY2030", user="bob", city="Springfield")
        inputs = stored.save_inputs("Springfield FY2030",
                                    [("sample_city.xlsx", SAMPLE_BYTES)], user="bob")
        stored.save_scenario("Springfield FY2030", "Scripted", inputs=inputs.id, user="bob",
                             choices=choices_document(method="topsis",
                                                      overrides=Overrides(frozenset({"C-002"}))),
                             summary={"funded": ["C-002"], "funded_count": 1,
                                      "total_cost": 1.0, "status": "optimal"})
    finally:
        stored.close()
    at = fresh_session("scenarios")
    assert "Springfield FY2030" in at.selectbox(key="w_store_workspace").options
    at.selectbox(key="w_store_workspace").set_value("Springfield FY2030")
    at.run()
    assert table_with(at, "saved by")["scenario"].tolist() == ["Scripted"]
    restore(at, "Scripted")
    assert at.session_state[S.METHOD] == "topsis"
    assert at.session_state[S.FORCE_IN] == ["C-002"]
    assert at.session_state[S.STORE_WORKSPACE] == "Springfield FY2030"


def test_the_store_url_may_come_from_the_secrets(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("PLANNER_DATABASE_URL")
    url = f"sqlite:///{tmp_path / 'from-secrets.sqlite3'}"
    at = AppTest.from_file(APP, default_timeout=240)
    at.secrets["planner"] = {"database_url": url}
    at.switch_page(page_path("scenarios"))
    at.run()
    save_scenario(at, "Kept")
    no_errors(at)
    stored = Store.open(url)
    try:
        assert [s.name for s in stored.scenarios(stored.workspaces()[0].name)] == ["Kept"]
    finally:
        stored.close()


def test_without_a_store_the_app_works_for_the_session_and_says_so(monkeypatch) -> None:
    monkeypatch.setenv("PLANNER_DATABASE_URL", "postgresql://nobody:x@127.0.0.1:9/none")
    at = fresh_session("scenarios")
    warning = " ".join(w.value for w in at.warning)
    assert "could not be opened" in warning and "this session only" in warning
    save_scenario(at, "Only here")
    no_errors(at)
    assert list(at.session_state[S.SCENARIOS]) == ["Only here"]
    at.switch_page(page_path("history"))
    at.run()
    assert "could not be opened" in " ".join(w.value for w in at.warning)
