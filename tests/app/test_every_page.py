"""Every page opens cleanly after each kind of choice made elsewhere in the same session.

A page's own tests start from a fresh session; these catch state one page leaves behind that
another page cannot read (the stakeholder table, inconsistent judgments, overrides, saved
scenarios, proposals, an inventory without candidates).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from app_pages import _state as S
from app_pages._navigation import PAGE_NAMES
from tests.app.conftest import XLSX, page_path
from tests.app.helpers import no_errors
from tests.factories import sample_inventory_bytes


def visit(at: AppTest, name: str) -> AppTest:
    at.switch_page(page_path(name))
    at.run()
    return at


def stakeholders(at: AppTest) -> None:
    visit(at, "weights").segmented_control(key="w_weight_mode").set_value("stakeholders")
    at.run()
    for name in ("Finance director", "IT director"):
        at.text_input(key="w_stakeholder_name").set_value(name)
        at.button(key="w_stakeholder_add").click()
        at.run()
    assert len(at.session_state[S.STAKEHOLDERS]) == 2


def inconsistent_judgments(at: AppTest) -> None:
    visit(at, "weights").segmented_control(key="w_weight_mode").set_value("pairwise")
    at.run()
    at.select_slider(key="w_pair_0_1").set_value(1 / 9)
    at.run()
    assert at.warning and "above 0.10" in at.warning[0].value


def overrides_and_a_scenario(at: AppTest) -> None:
    visit(at, "budget").multiselect(key="w_force_out").set_value(["C-045"])
    at.multiselect(key="w_force_in").set_value(["C-002"])
    at.run()
    visit(at, "scenarios").button(key="w_scenario_save").click()
    at.run()
    assert len(at.session_state[S.SCENARIOS]) == 1


def proposals_beside_candidates(at: AppTest) -> None:
    visit(at, "data_import").toggle(key="w_propose").set_value(True)
    at.run()
    assert at.session_state[S.PROPOSALS] is not None


def inventory_without_candidates(at: AppTest) -> None:
    visit(at, "data_import").file_uploader(key="w_upload").upload(
        "riverton_inventory.xlsx", sample_inventory_bytes(), XLSX)
    at.run()
    assert at.session_state[S.PROPOSALS] is not None


@pytest.mark.parametrize("choose", [stakeholders, inconsistent_judgments,
                                    overrides_and_a_scenario, proposals_beside_candidates,
                                    inventory_without_candidates],
                         ids=lambda f: f.__name__)
def test_every_page_opens_after(choose, open_page) -> None:
    at = open_page("roadmap")
    no_errors(at)
    choose(at)
    no_errors(at)
    for name in PAGE_NAMES:
        visit(at, name)
        assert not at.exception, (choose.__name__, name, [e.value for e in at.exception])
        assert at.title, (choose.__name__, name, "the page drew nothing")
