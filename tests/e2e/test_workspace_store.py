"""Scenarios kept in the store, in a real Chromium: one saved in the app is still there after
the page is reloaded (a new Streamlit session), and one saved by the command line against the
same store is listed in the app."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, streamlit_server
from tests.e2e.test_browser import go, no_exception, settle

pytestmark = pytest.mark.browser

SAMPLE = ROOT / "data" / "sample_city.xlsx"
WORKSPACE = "City of Riverton FY2027"  # what the app names the sample city's workspace


@pytest.fixture()
def store_app(chromium_path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
              ) -> Iterator[tuple[str, str]]:
    """The app on a store of its own (a SQLite file under the test's folder): (address, URL)."""
    url = f"sqlite:///{tmp_path / 'store' / 'planner.sqlite3'}"
    monkeypatch.setenv("PLANNER_DATABASE_URL", url)
    monkeypatch.setenv("PLANNER_USER", "ana")
    with streamlit_server(ROOT / "app.py", "streamlit-e2e-store.log") as address:
        yield address, url


@pytest.fixture()
def tab(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def listed(tab, name: str) -> None:
    """The scenario is a row of the store's list (a grid cell of the scenarios table)."""
    tab.locator('td[role="gridcell"]', has_text=name).first.wait_for(state="attached")


def open_scenarios(tab, address: str) -> None:
    tab.goto(address)
    settle(tab)
    go(tab, "Scenarios")


def test_a_scenario_saved_in_the_app_is_there_after_a_reload(store_app, tab) -> None:
    address, _ = store_app
    open_scenarios(tab, address)
    name = tab.get_by_role("textbox", name="Scenario name")
    name.fill("Council draft")
    name.press("Enter")
    settle(tab)
    tab.get_by_role("button", name="Save the current scenario").click()
    settle(tab)
    no_exception(tab, "Scenarios after saving")
    tab.reload()  # a new session: nothing of the old one's state is left
    settle(tab)
    go(tab, "Scenarios")
    listed(tab, "Council draft")
    assert tab.get_by_text("No scenario saved yet").count() == 0


def test_a_scenario_saved_by_the_command_line_appears_in_the_app(store_app, tab) -> None:
    address, url = store_app
    planner = Path(sys.executable).with_name("planner")
    done = subprocess.run(
        [str(planner), "scenario", "save", str(SAMPLE), "--workspace", WORKSPACE,
         "--name", "From the script", "--db", url, "--user", "bob"],
        capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    open_scenarios(tab, address)
    listed(tab, "From the script")
    no_exception(tab, "Scenarios with a script's scenario")
