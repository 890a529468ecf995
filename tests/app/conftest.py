"""AppTest fixtures: the app at a chosen page, seeded through session state."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from planner import Workspace, read_workspace


@pytest.fixture(autouse=True)
def main_module_kept() -> Any:
    """Put back the test process's `__main__` after each app test: Streamlit's script runner
    leaves the last page script there, and a process started later with the spawn or
    forkserver method would run that script again in its child and fail."""
    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main


@pytest.fixture(autouse=True)
def store_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every app test works on a store of its own: a SQLite file under the test's folder."""
    url = f"sqlite:///{tmp_path / 'store' / 'planner.sqlite3'}"
    monkeypatch.setenv("PLANNER_DATABASE_URL", url)
    monkeypatch.setenv("PLANNER_USER", "ana")  # who the store names, unless a test says
    return url


ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "data" / "sample_city.xlsx"
SAMPLE_BYTES = SAMPLE.read_bytes()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def page_path(name: str) -> str:
    """The file of a page, as st.navigation knows it."""
    return f"app_pages/{name}.py"


@functools.cache
def sample_workspace() -> Workspace:
    """The sample city read once per test session (a workspace is never mutated in place)."""
    return read_workspace([("sample_city.xlsx", SAMPLE.read_bytes())])


@pytest.fixture()
def open_page() -> Callable[..., AppTest]:
    """Run the app on one page with the sample city (and any other keys) in session state."""

    def run(name: str, **state: Any) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=180)
        seeded = {"workspace": sample_workspace(), "source_label": "Sample city of Riverton",
                  "source_is_sample": True, "sources": (("sample_city.xlsx", SAMPLE_BYTES),),
                  **state}
        for key, value in seeded.items():
            at.session_state[key] = value
        at.switch_page(page_path(name))
        at.run()
        return at

    return run


@pytest.fixture(scope="session")
def sample_bytes() -> bytes:
    """The bundled sample city workbook."""
    return SAMPLE.read_bytes()
