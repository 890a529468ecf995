"""One cell edit in a real Chromium: a clerk's wide budget, Import → Fix values.

The reported loss was that changing Federal Grant FY2029 from '-' to 0 set all five years of
that fund to 0. Here the edit is typed into the grid as a user does (keyboard into the data
editor's canvas); exactly that cell changes, every other budget cell stays as it was, the
sidebar's list of changes says so in plain words, and Undo brings the dash back.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import IDLE
from tests.e2e.test_browser import go, no_exception, settle, shoot
from tests.views.workbooks import wide_budget_book

pytestmark = pytest.mark.browser

GRID = '[data-testid="stDataFrame"]'


def budget_cells(page) -> list[str]:
    """The text of every cell of the Fix values grid of the wide budget, row by row."""
    grid = page.locator(GRID).filter(has=page.locator("th", has_text="FY2029")).last
    grid.wait_for()
    return grid.locator("td").all_inner_texts()


def choose(page, index: int, option: str) -> None:
    """Pick an option of the index-th selectbox on the page."""
    box = page.locator('[data-testid="stSelectbox"]').nth(index)
    box.scroll_into_view_if_needed()
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)


def type_into_cell(page, column: int, row: int, text: str) -> None:
    """Type into one cell of the grid: focus it, move there by arrow keys, type, Enter.

    The grid is drawn on a canvas; its accessible table (glide-cell-<column>-<row>, column 0
    being the selection column) takes the focus and puts the cursor on the first cell.
    """
    grid = page.locator(GRID).filter(has=page.locator("th", has_text="FY2029")).last
    grid.scroll_into_view_if_needed()
    grid.locator('[data-testid="glide-cell-1-0"]').focus()
    page.wait_for_timeout(300)
    for _ in range(column - 1):
        page.keyboard.press("ArrowRight")
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    page.keyboard.type(text)  # opens the cell's editor with the text typed
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    settle(page)
    page.wait_for_selector(IDLE)


def changes(page) -> str:
    """The sidebar's list of this session's changes, opened."""
    panel = page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]',
                         has_text="Changes this session").first
    if panel.locator("details").first.get_attribute("open") is None:
        panel.locator("summary").first.click()
        page.wait_for_timeout(300)
    return panel.inner_text()


def test_one_wide_budget_cell_edit_changes_that_cell_only_and_undo_restores_it(
        page, app_url, tmp_path) -> None:
    book = tmp_path / "clerk.xlsx"
    book.write_bytes(wide_budget_book())
    page.goto(app_url)
    settle(page)
    go(page, "Import")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(book))
    settle(page)
    page.get_by_text("clerk.xlsx", exact=True).first.wait_for()
    choose(page, 1, "Budget")  # the Fix values table (the first is the mapping's)

    header = page.locator(GRID).filter(has=page.locator("th", has_text="FY2029")).last
    header.wait_for(timeout=60_000)  # the upload is read in a worker process first
    assert header.locator("th").all_inner_texts() == [
        "row", "Fund", "FY2027", "FY2028", "FY2029", "FY2030", "FY2031"]
    before = budget_cells(page)
    assert before == ["2", "General Fund", "500000", "500000", "500000", "500000", "500000",
                      "3", "Federal Grant", "150000", "200000", "-", "150000", "150000"]

    type_into_cell(page, column=5, row=1, text="0")  # Federal Grant, FY2029
    no_exception(page, "Import after the edit")
    after = budget_cells(page)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(after) == len(before) and changed == [before.index("-")], (before, after)
    assert after[before.index("-")] == "0"
    assert "FY2029 Federal Grant: — → $0" in changes(page)
    shoot(page, "13_import_one_budget_cell_edited")

    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Undo").click()
    settle(page)
    no_exception(page, "Import after undo")
    assert budget_cells(page) == before
