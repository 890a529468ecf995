"""The Stakeholders tab invents no one: it changes nothing until stakeholders are added or
imported, and each one added joins the session's list of changes."""

from __future__ import annotations

import pandas as pd
import pytest

from app_pages import _state as S
from planner import read_workspace
from tests.app.helpers import no_errors
from tests.validate.test_stakeholders import CRITERIA, sample_with


def top(at) -> list[str]:
    return next(d.value for d in at.dataframe if "move" in d.value.columns)["candidate"].tolist()


def editor(at) -> list[pd.DataFrame]:
    """The stakeholders' table, when the tab draws one."""
    return [d.value for d in at.dataframe if "stakeholder" in d.value.columns]


def open_stakeholders(at):
    at.segmented_control(key="w_weight_mode").set_value("stakeholders")
    at.run()
    no_errors(at)
    return at


def test_opening_the_tab_changes_no_weight_and_no_plan(open_page) -> None:
    at = open_page("weights")
    weights, ranking = at.session_state[S.WEIGHTS], top(at)
    funded = at.session_state[S.LAST_FUNDED]
    open_stakeholders(at)
    assert at.session_state[S.WEIGHTS] == weights is None
    assert top(at) == ranking and at.session_state[S.LAST_FUNDED] == funded
    assert at.session_state[S.STAKEHOLDERS] == {}
    texts = " ".join(m.value for m in at.markdown)
    assert "No stakeholders yet." in texts
    assert "Council (current weights)" not in texts
    assert not editor(at)  # no table of made-up stakeholders
    assert at.button(key="w_stakeholder_add").label == "Add a stakeholder"


def test_a_stakeholder_added_starts_from_the_weights_in_use_and_is_recorded(
        open_page, monkeypatch) -> None:
    recorded: list[str] = []
    monkeypatch.setattr("app_pages._session.record_choice", recorded.append)
    at = open_stakeholders(open_page("weights"))
    ranking = top(at)
    at.text_input(key="w_stakeholder_name").set_value("Finance director")
    at.button(key="w_stakeholder_add").click()
    at.run()
    no_errors(at)
    table = at.session_state[S.STAKEHOLDERS]
    assert table["stakeholder"].tolist() == ["Finance director"]
    assert table.loc[1, "Legacy risk"] == pytest.approx(20.0)
    assert "Added stakeholder Finance director" in recorded
    assert top(at) == ranking  # one stakeholder with the weights in use changes nothing
    assert any("are these stakeholders' combined weights" in s.value for s in at.success)


def test_imported_stakeholders_are_shown_and_their_combination_is_in_use(open_page) -> None:
    data = sample_with("Stakeholders", [["stakeholder", "role", *CRITERIA],
                                        ["Mayor", "Elected", 30, 20, 10, 10, 20, 10],
                                        ["CFO", "Finance", 10, 10, 10, 50, 10, 10]])
    at = open_page("weights", workspace=read_workspace([("city.xlsx", data)]))
    weights = dict(at.session_state[S.WEIGHTS] or {})
    open_stakeholders(at)
    assert dict(at.session_state[S.WEIGHTS] or {}) == weights
    (frame,) = editor(at)
    assert frame["stakeholder"].tolist() == ["Mayor", "CFO"]
    assert frame.loc[1, "Net annual savings"] == 10.0
    assert any("are these stakeholders' combined weights" in s.value for s in at.success)
