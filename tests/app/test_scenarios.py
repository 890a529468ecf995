"""Scenarios page: save the current choices by name, compare two or three, load one back."""

from __future__ import annotations

from app_pages import _state as S
from tests.app.helpers import no_errors

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
    at.selectbox(key="w_scenario_load").set_value("Risk first")
    at.button(key="w_scenario_load_button").click()
    at.run()
    no_errors(at)
    assert at.session_state[S.WEIGHTS] is None
