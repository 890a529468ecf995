"""The entry point: first open shows the sample city planned; configuration is production-safe."""

from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit.testing.v1 import AppTest

from app_pages import _state as S
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


def test_pages_stay_thin() -> None:
    for page in (ROOT / "app_pages").glob("[!_]*.py"):
        assert len(page.read_text().splitlines()) <= 160, page.name
