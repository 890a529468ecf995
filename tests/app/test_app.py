"""The entry point: first open shows the sample city planned; configuration is production-safe."""

from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit.testing.v1 import AppTest

from app_pages import _state as S
from app_pages._navigation import PAGE_NAMES, SECTIONS
from tests.app.conftest import APP
from tests.app.helpers import no_errors

ROOT = Path(__file__).resolve().parents[2]


def test_first_open_lands_on_the_roadmap_of_the_sample_city() -> None:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    no_errors(at)
    assert at.session_state[S.SOURCE_IS_SAMPLE]
    assert at.title[0].value == "Roadmap"
    assert any(m.label == "Value captured" for m in at.metric)


def test_init_session_state_is_idempotent() -> None:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    workspace = at.session_state[S.WORKSPACE]
    at.run()
    assert at.session_state[S.WORKSPACE] is workspace
    for key in S.DEFAULTS:
        assert key in at.session_state


def test_the_server_configuration_is_safe_for_production() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == 25
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "minimal"
    assert config["browser"]["gatherUsageStats"] is False


def test_the_navigation_lists_every_page_file_once_and_opens_on_the_roadmap() -> None:
    files = sorted(p.stem for p in (ROOT / "app_pages").glob("[!_]*.py"))
    assert sorted(PAGE_NAMES) == files and len(set(PAGE_NAMES)) == len(PAGE_NAMES)
    defaults = [p.name for pages in SECTIONS.values() for p in pages if p.default]
    assert defaults == ["roadmap"]


def test_pages_stay_thin() -> None:
    for page in (ROOT / "app_pages").glob("[!_]*.py"):
        assert len(page.read_text().splitlines()) <= 160, page.name


HOSTILE = "![t](http://evil.example/t.png) <img src=x onerror=alert(1)> :red[x] $x$"


def hostile_workspace():
    from tests.app.conftest import sample_workspace

    workspace = sample_workspace()
    for sheet, column in (("Candidates", "name"), ("Systems", "name"),
                          ("Systems", "department"), ("Processes", "name")):
        frame = workspace.frames[sheet].copy()
        frame[column] = frame[column].astype(object)
        frame.iloc[0, frame.columns.get_loc(column)] = HOSTILE
        workspace = workspace.with_frame(sheet, frame)
    return workspace


def test_user_text_is_never_rendered_as_markdown_on_any_page(open_page) -> None:
    workspace = hostile_workspace()
    for name in PAGE_NAMES:
        at = open_page(name, workspace=workspace)
        assert not at.exception, (name, [e.value for e in at.exception])
        rendered = [e.value for kind in ("markdown", "caption", "info", "success", "warning",
                                         "error", "title", "header", "subheader")
                    for e in getattr(at, kind)]
        rendered += [w.label for w in at.slider] + [w.label for w in at.select_slider]
        for text in rendered:
            assert "![t](http" not in text, (name, text)
            assert "<img" not in text, (name, text)
