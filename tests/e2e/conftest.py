"""A real Streamlit server and a real Chromium for the browser tests.

In CI (CI=true) a missing Chromium is a failure, never a skip. Elsewhere the tests skip, and
say why, only when no Chromium is installed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.load_server import streamlit_running

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
TIMINGS: dict[str, float] = {}


def _chromium() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The Chromium binary; skip (outside CI only) when there is none."""
    found = _chromium()
    if found is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"Chromium is required in CI but was not found at {CHROMIUM}.")
        pytest.skip(f"No Chromium installed (looked for {CHROMIUM}); browser tests skipped.")
    return found


@contextmanager
def streamlit_server(script: Path, log_name: str, *extra: str,
                     port: int | None = None) -> Iterator[str]:
    """`streamlit run script` headless on `port` (else a free one), its output in
    test-artifacts/; yields its address once it answers its health check, then stops it.
    Without PLANNER_DATABASE_URL in the environment the server's store is a SQLite file of
    its own, so a test run never writes to the repository's data/store/."""
    environment = dict(os.environ)
    with contextlib.ExitStack() as cleanup:
        if not environment.get("PLANNER_DATABASE_URL"):
            store = cleanup.enter_context(
                tempfile.TemporaryDirectory(prefix="planner-e2e-store-"))
            environment["PLANNER_DATABASE_URL"] = f"sqlite:///{store}/planner.sqlite3"
        with streamlit_running(script, ARTIFACTS / log_name, environment, *extra, port=port,
                               healthy_within=60.0) as (url, _process):
            yield url


@pytest.fixture(scope="session")
def app_url(chromium_path: str) -> Iterator[str]:
    """The app on the sample city, shared by the session's browser tests."""
    with streamlit_server(ROOT / "app.py", "streamlit-e2e.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    """One headless Chromium for the session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path,
                                              args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser, app_url):
    """A fresh browser page (its own Streamlit session) at the app's front page."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000},
                                  accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def timings() -> Iterator[dict[str, float]]:
    """Seconds measured by the browser tests, written to test-artifacts/timings.json."""
    yield TIMINGS
    if TIMINGS:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / "timings.json"
        path.write_text(json.dumps({k: round(v, 3) for k, v in TIMINGS.items()}, indent=2))
        print("\nbrowser timings (s):", json.dumps(TIMINGS, indent=1))
