"""Nothing fetched from outside: on a closed city network every asset the app needs comes from
the app itself. A real Chromium opens every page on the sample city, and after an upload, and
fails on any request to another host and on any console error.
"""

from __future__ import annotations

import contextlib
import time
from urllib.parse import urlparse

import pytest

from app_pages._navigation import SECTIONS
from tests.e2e.conftest import IDLE

pytestmark = pytest.mark.browser

RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'
TITLES = [p.title for pages in SECTIONS.values() for p in pages]


def settle(page, timeout: float = 120_000) -> None:
    """Wait until the script has run and stayed idle a moment (a page may rerun itself)."""
    with contextlib.suppress(Exception):  # the run may already be over
        page.wait_for_selector(RUNNING, timeout=1_500)
    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        page.wait_for_selector(IDLE, timeout=timeout)
        page.wait_for_timeout(400)
        if page.locator(IDLE).count():
            return
    raise TimeoutError("the app did not settle")


class Watch:
    """Every request the page makes and every console error it logs."""

    def __init__(self, page, app_url: str) -> None:
        self.own = urlparse(app_url).netloc
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.requests = 0
        page.on("request", self._request)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _request(self, request) -> None:
        self.requests += 1
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return  # inline: nothing leaves the browser
        if url.netloc != self.own:
            self.outside.append(request.url)

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url', '')})")

    def assert_clean(self, where: str) -> None:
        assert self.requests > 0, "no request was recorded: the watch is not working"
        assert self.outside == [], f"{where}: requests to other hosts: {self.outside}"
        assert self.errors == [], f"{where}: console errors: {self.errors}"


def go(page, title: str) -> None:
    """Open a page through the sidebar (the same session), and wait for it to finish."""
    page.locator('[data-testid="stSidebarNavLink"]', has_text=title).first.click()
    settle(page)
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, f"{title}: {boxes.first.inner_text()[:400]}"


def test_every_page_is_served_by_the_app_alone(page, app_url) -> None:
    watch = Watch(page, app_url)
    page.goto(app_url)
    settle(page)
    icon = page.evaluate("() => document.querySelector(\"link[rel='shortcut icon']\")?.href")
    assert icon and (icon.startswith("data:") or urlparse(icon).netloc == watch.own), icon
    assert "City of Riverton" in page.title()
    for title in TITLES:
        go(page, title)
        assert page.get_by_text("File: sample_city.xlsx").count() >= 1, title
        watch.assert_clean(title)
    page.goto(app_url)  # a fresh load, as a returning user makes it
    settle(page)
    watch.assert_clean("a second load")


def test_a_link_to_one_page_loads_it_from_the_app_alone(page, app_url) -> None:
    """Opened at /robustness, Streamlit's page first asks for its server under that path
    (/robustness/_stcore/health, then host-config) before the root: two 404s from our own
    server, which are the only console errors allowed here."""
    watch = Watch(page, app_url)
    page.goto(f"{app_url}/robustness")
    settle(page)
    assert page.get_by_role("heading", name="Robustness · City of Riverton").count() == 1
    probes = [e for e in watch.errors if "404" in e and any(
        f"{app_url}/robustness/_stcore/{what})" in e for what in ("health", "host-config"))]
    watch.errors = [e for e in watch.errors if e not in probes]
    watch.assert_clean("/robustness")


def test_an_upload_is_named_at_once_and_fetches_nothing_outside(page, app_url) -> None:
    from tests.export.carry_over import CITY, carry_over_bytes

    watch = Watch(page, app_url)
    page.goto(app_url)
    settle(page)
    go(page, "Import")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(files=[{
        "name": "springfield.xlsx", "buffer": carry_over_bytes(),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    settle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("File: springfield.xlsx").wait_for()  # no click needed
    assert sidebar.get_by_text("Sample city of Riverton").count() == 0
    assert page.locator('[data-testid="stSidebar"] input[type="text"]').first.input_value() \
        == CITY
    assert page.get_by_role("heading", name=f"Import · {CITY}").count() == 1
    go(page, "Roadmap")
    page.get_by_text("Carry-over is on").first.wait_for()
    watch.assert_clean("after the upload")
