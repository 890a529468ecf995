"""Scenarios page: save the current choices by name, compare two or three, load one back."""

from __future__ import annotations

from app_pages import _state as S
from tests.app.helpers import no_errors
from tests.app.test_history import changes_listed, sidebar_button

RISK_ONLY = {"Legacy risk": 100.0, "Resident impact": 1.0, "Staff hours freed": 1.0,
             "Net annual savings": 1.0, "Strategic alignment": 1.0, "Delivery risk": 1.0}


def save(at, name: str) -> None:
    at.text_input(key="w_scenario_name").set_value(name)
    at.button(key="w_scenario_save").click()
    at.run()


def test_two_saved_scenarios_are_compared_side_by_side(open_page) -> None:
    at = open_page("scenarios")
    no_errors(at)
    assert "No scenario saved yet" in at.info[0].value
    save(at, "Balanced")
    at.session_state[S.WEIGHTS] = RISK_ONLY
    at.session_state[S.FORCE_OUT] = ["C-045"]
    save(at, "Risk first")
    no_errors(at)
    assert list(at.session_state[S.SCENARIOS]) == ["Balanced", "Risk first"]
    summary = next(d.value for d in at.dataframe if "Projects funded" in d.value.index)
    assert list(summary.columns) == ["Balanced", "Risk first"]
    changes = [t.value for t in at.text]
    assert any("weights" in line for line in changes)
    assert any("force out none -> C-045" in line for line in changes)


def test_a_saved_scenario_can_be_loaded_back(open_page) -> None:
    at = open_page("scenarios")
    save(at, "Risk first")
    at.session_state[S.WEIGHTS] = RISK_ONLY
    save(at, "Changed")
    restore(at, "Risk first")
    no_errors(at)
    assert at.session_state[S.WEIGHTS] is None


def restore(at, name: str) -> None:
    at.selectbox(key="w_scenario_load").set_value(name)
    at.button(key="w_scenario_load_button").click()
    at.run()


def plan_of(record: dict) -> tuple:
    return record["funded"], record["starts"], record["spend_by_year"], record["headlines"]


def test_a_pinned_start_saved_in_a_scenario_gives_the_same_plan_when_restored(
        open_page) -> None:
    at = open_page("scenarios")
    at.session_state[S.PIN_START] = {"C-045": 2029}  # funded in another year without the pin
    save(at, "Pinned")
    pinned = at.session_state[S.SCENARIOS]["Pinned"]
    assert pinned["starts"]["C-045"] == 2029
    assert pinned["choices"]["pin_start"] == {"C-045": 2029}
    at.session_state[S.PIN_START] = {}
    save(at, "Free")
    assert at.session_state[S.SCENARIOS]["Free"]["starts"]["C-045"] != 2029
    assert any("pinned starts C-045 FY2029 -> none" in t.value for t in at.text)

    restore(at, "Pinned")
    no_errors(at)
    assert at.session_state[S.PIN_START] == {"C-045": 2029}
    save(at, "Again")
    assert plan_of(at.session_state[S.SCENARIOS]["Again"]) == plan_of(pinned)
    assert changes_listed(at)[0] == "Restored scenario 'Pinned'"


def test_restoring_a_scenario_brings_back_its_edited_tables_and_can_be_undone(
        open_page) -> None:
    at = open_page("scenarios")
    save(at, "Imported")
    workspace = at.session_state[S.WORKSPACE]
    budget = workspace.frames["Budget"].copy()
    budget["capital_budget"] = budget["capital_budget"] // 2  # half the money every year
    at.session_state[S.WORKSPACE] = workspace.with_frame("Budget", budget)
    save(at, "Half the money")
    half = at.session_state[S.SCENARIOS]["Half the money"]
    imported = at.session_state[S.SCENARIOS]["Imported"]
    assert half["headlines"]["capital"] * 2 <= imported["headlines"]["capital"] + 10
    assert any("the tables differ" in t.value for t in at.text)

    restore(at, "Imported")
    no_errors(at)
    assert at.session_state[S.WORKSPACE].frames["Budget"].equals(workspace.frames["Budget"])
    save(at, "Imported again")
    assert plan_of(at.session_state[S.SCENARIOS]["Imported again"]) == plan_of(imported)

    sidebar_button(at, "w_undo").click()  # the restore is a change like any other
    at.run()
    no_errors(at)
    assert at.session_state[S.WORKSPACE].frames["Budget"].equals(budget)
