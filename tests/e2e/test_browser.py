"""The CIO's workflow in a real Chromium: sample city, upload, weights, roadmap,
robustness, export.

Few and fast on purpose: one walk through every page in one browser session, plus one
hostile upload. Screenshots of each page go to test-artifacts/screenshots/, timings to
test-artifacts/timings.json.
"""

from __future__ import annotations

import contextlib
import io
import time
from pathlib import Path

import openpyxl
import pytest

from tests.e2e.conftest import IDLE, SCREENSHOTS

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"
RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'


def settle(page, timeout: float = 90_000) -> None:
    """Wait until the script has started (if it will) and finished, and stays finished.

    A page may rerun itself once (the roadmap refines its plan), so idle must hold for a
    moment before the test moves on.
    """
    with contextlib.suppress(Exception):  # the run may already be over
        page.wait_for_selector(RUNNING, timeout=1_500)
    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        page.wait_for_selector(IDLE, timeout=timeout)
        page.wait_for_timeout(250)
        if page.locator(IDLE).count():
            return
    raise TimeoutError("the app did not settle")


WATCH = """() => {
    if (window.__watching) return;
    window.__watching = true;
    window.__idle = [];
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => {
        if (app.getAttribute('data-test-script-state') === 'notRunning')
            window.__idle.push(performance.now());
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def timed(page, action, timings: dict[str, float], name: str,
          timeout: float = 90_000) -> None:
    """Do something and record, from the browser's own clock, when the app was idle again.

    The time is that of the last switch to idle, so the waits the test adds to be sure the
    app has settled are not counted.
    """
    page.evaluate(WATCH)
    started = page.evaluate("performance.now()")
    action()
    settle(page, timeout)
    ends = [t for t in page.evaluate("window.__idle") if t > started]
    timings[name] = (max(ends) - started) / 1000 if ends else 0.0


def go(page, title: str) -> None:
    """Open a page through the sidebar (same session, unlike a new URL); it must not fail."""
    page.locator('[data-testid="stSidebarNavLink"]', has_text=title).first.click()
    settle(page)
    no_exception(page, title)


def no_exception(page, where: str) -> None:
    """Fail when the page shows an exception box."""
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, f"{where}: {boxes.first.inner_text()[:400]}"


def shoot(page, name: str) -> Path:
    """A screenshot of the whole page: the viewport grows to the content's height first."""
    page.wait_for_timeout(600)  # let charts finish drawing
    height = page.evaluate(
        "() => Math.max(...Array.from(document.querySelectorAll('*'))"
        ".map(e => e.scrollHeight || 0).filter(h => h < 20000), 900)")
    page.set_viewport_size({"width": 1440, "height": min(int(height) + 40, 6000)})
    page.wait_for_timeout(400)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1440, "height": 1000})
    return path


def metric_values(page) -> dict[str, str]:
    """The metrics on screen, label -> value."""
    values = {}
    for box in page.locator('[data-testid="stMetric"]').all():
        label = box.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        values[label] = box.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return values


def test_the_cio_workflow_from_upload_to_council_workbook(page, app_url, timings) -> None:
    started = time.perf_counter()
    page.goto(app_url)
    settle(page)
    timings["first_open_sample_planned"] = time.perf_counter() - started
    page.wait_for_selector('[data-testid="stMetric"]')
    before = metric_values(page)
    assert "Value captured" in before
    shoot(page, "01_roadmap_sample_city")

    go(page, "Import")
    uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]').first
    timed(page, lambda: uploader.set_input_files(str(SAMPLE)), timings, "upload_sample")
    page.get_by_text("sample_city.xlsx", exact=True).first.wait_for()
    assert metric_values(page)["Candidates"] == "77"
    shoot(page, "02_import")

    go(page, "Inventory")
    shoot(page, "03_inventory")

    go(page, "Scenarios")
    page.get_by_role("button", name="Save the current scenario").click()
    settle(page)

    go(page, "Criteria & weights")
    sliders = page.locator('[data-testid="stSlider"] input[type="range"]')
    sliders.nth(0).focus()
    timed(page, lambda: page.keyboard.press("End"), timings, "weight_change_rerun")
    sliders.nth(1).focus()
    timed(page, lambda: page.keyboard.press("Home"), timings, "weight_change_rerun_2")
    assert sliders.nth(0).input_value() == "100"
    shoot(page, "04_weights")
    page.locator('[data-testid="stButtonGroup"] button', has_text="Pairwise (AHP)").click()
    settle(page)
    page.get_by_text("Consistency ratio").first.wait_for()
    shoot(page, "05_weights_pairwise")
    page.locator('[data-testid="stButtonGroup"] button', has_text="Stakeholders").click()
    settle(page)
    # The tab invents no stakeholders: it explains itself and changes nothing until one is added.
    page.get_by_text("No stakeholders yet.").first.wait_for()
    shoot(page, "06_weights_stakeholders")
    page.locator('[data-testid="stButtonGroup"] button', has_text="Sliders").click()
    settle(page)

    timed(page, lambda: go(page, "Roadmap"), timings, "roadmap_after_weight_change")
    after = metric_values(page)
    assert after != before, "the roadmap did not change after the weights moved"
    shoot(page, "07_roadmap_after_weights")
    toggle = page.get_by_text("Compute the efficient frontier").first
    timed(page, toggle.click, timings, "efficient_frontier_nine_solves")
    page.wait_for_selector('[data-testid="stProgress"]', state="detached")
    shoot(page, "07b_roadmap_frontier")

    go(page, "Rankings")
    page.get_by_text("Re-ranked under").first.wait_for()
    shoot(page, "08_rankings")

    go(page, "Budget & constraints")
    shoot(page, "09_budget")

    go(page, "Robustness")
    page.locator('[data-testid="stSlider"]', has_text="Weight sets").get_by_role("slider").focus()
    page.keyboard.press("Home")  # 20 weight sets: enough to see it work, quick in CI
    settle(page)
    run = page.get_by_role("button", name="Re-optimize under uncertain weights")
    timed(page, run.click, timings, "robustness_20_weight_sets")
    no_exception(page, "Robustness")
    page.get_by_text("Stable core").first.wait_for()
    page.get_by_text("re-optimized for 20 sets of weights").first.wait_for()
    classes = metric_values(page)
    assert sum(int(classes[k]) for k in ("Stable core", "Contested", "Stable out",
                                         "Fixed by a decision")) == 77
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    assert charts.count() >= 1
    sensitivity = page.get_by_role("button", name="Compute weight and budget sensitivity")
    # every criterion's weight range and every budget line's raise, each bisected by
    # re-solves: minutes on a busy machine, with a progress bar all the while
    timed(page, sensitivity.click, timings, "weight_and_budget_sensitivity", timeout=360_000)
    no_exception(page, "Robustness sensitivity")
    page.get_by_text("What more capital would buy").first.wait_for()
    assert charts.count() >= 2  # the acceptability bars and the tornado
    shoot(page, "09b_robustness")

    go(page, "Scenarios")
    page.get_by_role("button", name="Save the current scenario").click()
    settle(page)
    page.get_by_text("Projects funded in some scenarios but not all").first.wait_for()
    shoot(page, "10_scenarios")

    go(page, "Export")
    # the workbook, its pictures and the council brief are laid out on this visit
    page.get_by_text("The council workbook and brief are ready").first.wait_for(timeout=180_000)
    shoot(page, "11_export")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the council workbook (.xlsx)").click()
    data = Path(download_info.value.path()).read_bytes()
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert "Summary" in workbook.sheetnames and "Roadmap" in workbook.sheetnames
    assert len(data) > 10_000


def test_a_hostile_upload_shows_a_message_and_the_app_keeps_running(page, app_url,
                                                                    tmp_path, timings) -> None:
    page.goto(app_url)
    settle(page)
    go(page, "Import")
    fake = tmp_path / "payroll.xlsx"
    fake.write_bytes(b"PK\x03\x04 truncated zip pretending to be a workbook")
    uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]').first
    timed(page, lambda: uploader.set_input_files(str(fake)), timings, "hostile_upload")
    alert = page.locator('[data-testid="stAlert"]').first
    try:
        alert.wait_for()
    except Exception:
        shoot(page, "debug_hostile")
        raise
    assert "payroll.xlsx" in alert.inner_text()
    assert metric_values(page)["Candidates"] == "77"  # still the sample city
    assert page.locator('[data-testid="stException"]').count() == 0
    shoot(page, "12_import_hostile_file")
