"""The load benchmark's client really drives the app: sessions over Streamlit's own websocket
protocol reach the Roadmap's chart, move a weight and save a scenario on a real server, and
a restarted server reads the plans the first one computed from the store instead of solving
them again."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.bench_load import SAVED_LIST, one_session, stored_scenarios
from bench.load_client import LoadSession
from bench.load_server import ROOT, app_server
from planner import ComputedPlans, Store

pytestmark = pytest.mark.browser  # a real server, like the browser tests

LOG = ROOT / "test-artifacts" / "load-client.log"


def _run(coroutine):  # noqa: ANN001, ANN202
    """Run `coroutine` to its end on a thread of its own: the browser tests' Playwright keeps
    an event loop running on the main thread, where asyncio.run refuses to start another."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _two_sessions(url: str) -> list:
    return list(await asyncio.gather(one_session(url, 0, 0), one_session(url, 0, 1)))


async def _open_roadmap(url: str):
    async with LoadSession(url) as session:
        return await session.open()


def test_two_sessions_at_once_reach_the_chart_and_save_their_scenarios(tmp_path: Path) -> None:
    with app_server(tmp_path, LOG) as server:
        reports = _run(_two_sessions(server.url))
        stored = stored_scenarios(server)
    assert [r.error for r in reports] == [None, None]
    for report in reports:
        assert 0 < report.seconds["first figure"] <= report.seconds["roadmap settled"]
        assert set(report.seconds) >= {"weight change", "save scenario"}
        assert report.listed, f"{report.saved_name} is not listed under {SAVED_LIST}"
    assert sorted(stored) == ["Load 0-000", "Load 0-001"]


def test_a_restarted_server_reads_the_plan_from_the_store_instead_of_solving(
        tmp_path: Path) -> None:
    with app_server(tmp_path, LOG) as server:
        first = _run(_open_roadmap(server.url))
    store = Store.open(f"sqlite:///{tmp_path / 'store' / 'planner.sqlite3'}")
    kept = ComputedPlans(store.engine).count()
    store.close()
    with app_server(tmp_path, LOG.with_name("load-client-restarted.log")) as server:
        again = _run(_open_roadmap(server.url))
    assert first.runs == 2  # the quick plan first, then the precise one and a rerun
    assert kept == 1  # the precise plan of the sample city (quick plans are not kept)
    assert again.runs == 1 and again.first_chart is not None
