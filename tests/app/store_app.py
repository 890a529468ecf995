"""Shared steps of the app tests on the store: a fresh session, saving, editing a cell."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, page_path
from tests.app.helpers import no_errors


def fresh_session(page: str = "scenarios") -> AppTest:
    """A new browser session on a page: the sample city, as on a first visit."""
    at = AppTest.from_file(APP, default_timeout=240)
    at.switch_page(page_path(page))
    at.run()
    no_errors(at)
    return at


def save_scenario(at: AppTest, name: str) -> AppTest:
    """Type a name on the Scenarios page and save."""
    at.switch_page(page_path("scenarios"))
    at.run()
    at.text_input(key="w_scenario_name").set_value(name)
    at.button(key="w_scenario_save").click()
    at.run()
    return at


def edit_cell(at: AppTest, sheet: str, position: int, column: str, value) -> AppTest:
    """Change one cell of a table in the Import page's "Fix values here" editor."""
    at.switch_page(page_path("data_import"))
    at.run()
    at.selectbox(key="w_fix_table").set_value(sheet)
    at.run()
    key = next(e.key for e in at.data_editor if e.key.startswith(f"w_edit_{sheet}_"))
    at.session_state[key] = {"edited_rows": {str(position): {column: value}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    no_errors(at)
    return at


def edit_budget_cap(at: AppTest, position: int, amount: float) -> str:
    """Change one cap on the Budget & constraints page; the fund changed."""
    at.switch_page(page_path("budget"))
    at.run()
    editor = next(e for e in at.data_editor if e.key.startswith("w_budget_"))
    fund = editor.value.columns[0]
    at.session_state[editor.key] = {"edited_rows": {str(position): {fund: amount}},
                                    "added_rows": [], "deleted_rows": []}
    at.run()
    no_errors(at)
    return fund


def table_with(at: AppTest, column: str):
    """The first dataframe shown that has this column (AppTest does not keep their keys)."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert found, f"no table with a '{column}' column"
    return found[0]
