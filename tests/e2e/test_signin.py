"""Sign-in for a shared deployment, for real: Chromium, the app with [auth] configured, and an
OpenID Connect provider the test starts on the loopback interface (tests/e2e/oidc_provider.py).

Each test is a fresh browser (no cookies) going through the whole redirect flow: the app's
Sign in → the provider's form → the app's /oauth2callback → the app. An analyst changes a
weight; a viewer sees the plan and downloads the council workbook, finds every editing
widget disabled, and a forced change is refused; Sign out leaves only the sign-in page.
The secrets file lives in a temporary folder named by Streamlit's secrets.files option.
"""

from __future__ import annotations

import io
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from bench.load_server import free_port
from tests.e2e.conftest import ROOT, streamlit_server
from tests.e2e.oidc_provider import CLIENT_ID, CLIENT_SECRET, Account, OIDCServer
from tests.e2e.test_browser import go, no_exception, settle, shoot

pytestmark = pytest.mark.browser

ANALYST = Account("u-ana", "ana@riverton.gov", "Ana Analyst")
VIEWER = Account("u-val", "val@riverton.gov", "Val Viewer")
STRANGER = Account("u-sam", "sam@elsewhere.org", "Sam Stranger")
SIDEBAR = '[data-testid="stSidebar"]'
SLIDER = '[data-testid="stSlider"] input[type="range"]'


def secrets_toml(app_port: int, metadata_url: str) -> str:
    """What a deployment writes in .streamlit/secrets.toml, pointed at the test provider."""
    return "\n".join([
        "[auth]",
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"',
        f'cookie_secret = "{secrets.token_hex(32)}"',
        f'client_id = "{CLIENT_ID}"',
        f'client_secret = "{CLIENT_SECRET}"',
        f'server_metadata_url = "{metadata_url}"',
        "",
        "[planner.roles]",
        'analyst = ["ana@riverton.gov"]',
        'viewer = ["@riverton.gov"]',
        ""])


@pytest.fixture(scope="module")
def provider() -> Iterator[OIDCServer]:
    """The test identity provider, for this module."""
    server = OIDCServer((ANALYST, VIEWER, STRANGER), free_port()).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def signin_url(chromium_path: str, provider: OIDCServer, tmp_path_factory) -> Iterator[str]:
    """The app with sign-in configured, on its own port and with its own secrets file."""
    folder = tmp_path_factory.mktemp("signin-secrets")
    secrets_file = folder / "secrets.toml"
    port = free_port()
    secrets_file.write_text(secrets_toml(port, provider.metadata_url))
    with streamlit_server(ROOT / "app.py", "streamlit-signin.log",
                          "--secrets.files", str(secrets_file), port=port) as url:
        yield url


@pytest.fixture()
def tab(browser):
    """A fresh browser with no cookies: nobody is signed in."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000},
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def sign_in_page_only(page) -> None:
    """The page a signed-out visitor sees: a Sign in button, no pages, no plan."""
    page.get_by_role("button", name="Sign in").wait_for()
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    assert page.locator('[data-testid="stMetric"]').count() == 0
    assert page.get_by_text("Roadmap").count() == 0


def sign_in(page, url: str, provider: OIDCServer, account: Account) -> None:
    """Through the whole redirect flow, picking `account` on the provider's form."""
    page.goto(url)
    settle(page)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(provider.provider.issuer) + "/authorize"))
    page.get_by_role("button", name=re.compile(re.escape(account.email))).click()
    page.wait_for_url(re.compile(re.escape(url) + "/?$"))
    settle(page)
    assert provider.provider.sign_ins[-1] == account.email


def sidebar(page) -> str:
    return page.locator(SIDEBAR).inner_text()


def test_a_signed_out_visitor_sees_only_the_sign_in_page_and_a_stranger_no_plan(
        tab, signin_url, provider) -> None:
    tab.goto(signin_url)
    settle(tab)
    sign_in_page_only(tab)
    tab.goto(f"{signin_url}/weights")  # a page's own address shows the sign-in page too
    settle(tab)
    sign_in_page_only(tab)
    shoot(tab, "signin_01_signed_out")
    sign_in(tab, signin_url, provider, STRANGER)
    tab.get_by_text("(sam@elsewhere.org) has no role in this planner").wait_for()
    assert tab.locator('[data-testid="stMetric"]').count() == 0
    assert tab.locator('[data-testid="stSidebarNav"]').count() == 0


def test_an_analyst_signs_in_changes_a_weight_and_signs_out(tab, signin_url, provider) -> None:
    sign_in(tab, signin_url, provider, ANALYST)
    tab.locator(SIDEBAR, has_text="Ana Analyst · Analyst").wait_for()
    no_exception(tab, "Roadmap")
    go(tab, "Criteria & weights")
    slider = tab.locator(SLIDER).first
    assert not slider.is_disabled()
    slider.focus()
    tab.keyboard.press("End")
    settle(tab)
    assert tab.locator(SLIDER).first.input_value() == "100"
    tab.locator(SIDEBAR, has_text="Changes this session (1)").wait_for(timeout=30_000)
    shoot(tab, "signin_02_analyst_changed_a_weight")
    tab.locator(SIDEBAR).get_by_role("button", name="Sign out").click()
    tab.get_by_role("button", name="Sign in").wait_for()
    settle(tab)
    sign_in_page_only(tab)
    tab.goto(signin_url)  # the identity cookie is gone: a new visit is signed out too
    settle(tab)
    sign_in_page_only(tab)


def test_a_viewer_sees_the_plan_downloads_the_workbook_and_cannot_change_a_weight(
        tab, signin_url, provider) -> None:
    sign_in(tab, signin_url, provider, VIEWER)
    tab.locator(SIDEBAR, has_text="Val Viewer · Viewer").wait_for()
    assert "changes are turned off" in sidebar(tab)
    tab.locator('[data-testid="stMetric"]').first.wait_for()  # the roadmap's figures
    no_exception(tab, "Roadmap")
    assert tab.locator(SIDEBAR).get_by_role("textbox").first.is_disabled()  # the city's name
    go(tab, "Criteria & weights")
    slider = tab.locator(SLIDER).first
    assert slider.is_disabled()
    before = slider.input_value()
    # Forced: take the disabled attribute off in the page and move the slider anyway.
    slider.evaluate("el => { el.disabled = false; el.removeAttribute('disabled'); }")
    slider.focus()
    tab.keyboard.press("End")
    settle(tab)
    tab.wait_for_timeout(3_000)  # time for a change to arrive, were it accepted
    settle(tab)
    assert tab.locator(SLIDER).first.input_value() == before
    assert "Changes this session (0)" in sidebar(tab)
    shoot(tab, "signin_03_viewer_weights_disabled")
    go(tab, "Scenarios")
    assert tab.get_by_role("button", name="Save the current scenario").is_disabled()
    go(tab, "Export")
    tab.get_by_role("button", name="Download the council workbook (.xlsx)").wait_for(
        timeout=180_000)
    with tab.expect_download() as download_info:
        tab.get_by_role("button", name="Download the council workbook (.xlsx)").click()
    data = Path(download_info.value.path()).read_bytes()
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert "Summary" in workbook.sheetnames and "Roadmap" in workbook.sheetnames
    shoot(tab, "signin_04_viewer_export")
