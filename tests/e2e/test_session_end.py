"""Work for a browser session stops when the session ends: the check the app hands its upload
worker turns true once the tab is closed, in a real Streamlit server and a real Chromium."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, streamlit_server

pytestmark = pytest.mark.browser

# A page that takes the app's own check and watches it from a thread, as the upload worker's
# wait loop does, writing what it saw to a file the test reads.
WATCHING_PAGE = textwrap.dedent("""
    import sys, threading, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    import streamlit as st
    from app_pages._cached import session_ended_check

    out = Path({out!r})
    ended = session_ended_check()
    out.write_text("watching" if ended is not None and not ended() else "no check")

    def watch():
        while not ended():
            time.sleep(0.1)
        out.write_text("ended")

    if ended is not None:
        threading.Thread(target=watch, daemon=True).start()
    st.write("watching this session")
""")


def _read_until(path: Path, wanted: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    seen = ""
    while time.monotonic() < deadline:
        seen = path.read_text() if path.exists() else ""
        if seen == wanted:
            break
        time.sleep(0.1)
    return seen


def test_the_session_check_turns_true_when_the_tab_closes(browser, tmp_path: Path) -> None:
    out = tmp_path / "seen.txt"
    script = tmp_path / "watch_page.py"
    script.write_text(WATCHING_PAGE.format(root=str(ROOT), out=str(out)))
    with streamlit_server(script, "streamlit-session-end.log") as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.get_by_text("watching this session").wait_for(timeout=30_000)
        assert _read_until(out, "watching", 10) == "watching"
        time.sleep(1)
        assert out.read_text() == "watching"  # an open tab is not an ended session
        context.close()
        assert _read_until(out, "ended", 20) == "ended"
