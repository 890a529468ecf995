"""Many users at once: N sessions open the sample city together, over Streamlit's own protocol.

For each N (1, 10 and 20; BENCH_LOAD_SESSIONS="1,5" to choose) the app runs in three waves,
each of N sessions started together, as browser tabs would:

- "fresh server": `streamlit run app.py` just started on a free loopback port, with its own
  empty data folder (cold caches, an empty store): the first visitors after a deploy;
- "same server": the same N again on that server (its caches hold the sample city's plan);
- "restarted": a new server process on the same data folder (cold caches, but the store
  holds the plans the first process computed), as after a restart or on a second replica.

Each session:
1. opens the app: the Roadmap, the front page, plans the sample city (time to its first
   chart, and until the page settles: the quick plan, then the precise one when no process
   has it yet);
2. goes to Criteria & weights and moves the legacy-risk slider to a value of its own (a new
   ranking and quick plan: no two sessions, in any wave, ask for the same one);
3. goes to Scenarios, types a name and saves (the precise plan for the session's weights).

Printed per wave: median and worst seconds of each step, errors, lost updates (a saved
scenario missing afterwards from what the session's Scenarios page lists, and from the
store's scenarios), the health check's latency while the sessions run (`/_stcore/health`,
every half second), and the server's CPU seconds per session (from /proc, the reader's
worker processes included) beside the client's own, to show the client is not the
bottleneck.
"""

from __future__ import annotations

import asyncio
import math
import os
import resource
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.load_client import LoadError, LoadSession
from bench.load_server import ROOT, Server, app_server, poll_health

SLIDER = "w_weight_legacy_risk"
NAME, SAVE, SAVED_LIST = "w_scenario_name", "w_scenario_save", "w_scenario_load"
STEPS = ("first figure", "roadmap settled", "weights page", "weight change",
         "scenarios page", "save scenario")
LOG = ROOT / "test-artifacts" / "bench-load-server.log"


@dataclass
class SessionReport:
    """One session's seconds per step, its error if any, and whether its save survived."""

    index: int
    seconds: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    saved_name: str = ""
    listed: bool = False


WAVES = ("fresh server", "same server", "restarted")


def scenario_name(wave: int, index: int) -> str:
    """The name session `index` of a wave saves its scenario under."""
    return f"Load {wave}-{index:03d}"


def weight(wave: int, index: int) -> float:
    """A legacy-risk weight of the session's own (sessions < 30 per wave)."""
    return float(1 + 30 * wave + index)


async def one_session(url: str, wave: int, index: int) -> SessionReport:
    """Open the Roadmap, change a weight, save a scenario; each step timed."""
    report = SessionReport(index)
    try:
        async with LoadSession(url) as session:
            run = await session.open()
            if run.chart_seconds() is None:
                raise LoadError("the Roadmap drew no chart")
            report.seconds["first figure"] = run.chart_seconds()
            report.seconds["roadmap settled"] = run.seconds()
            report.seconds["weights page"] = (await session.go_to("weights")).seconds()
            moved = await session.set_slider(SLIDER, weight(wave, index))
            report.seconds["weight change"] = moved.seconds()
            report.seconds["scenarios page"] = (await session.go_to("scenarios")).seconds()
            report.saved_name = scenario_name(wave, index)
            run = await session.type_and_click(NAME, report.saved_name, SAVE)
            report.seconds["save scenario"] = run.seconds()
            if run.refusals:
                raise LoadError("the save was refused: " + " ".join(run.refusals))
            report.listed = (session.has_widget(SAVED_LIST)
                             and report.saved_name in session.options(SAVED_LIST))
    except (LoadError, OSError, TimeoutError, websockets_errors()) as exc:
        report.error = f"{type(exc).__name__}: {exc}"
    return report


def websockets_errors() -> type[Exception]:
    """The websocket library's own error base class."""
    from websockets.exceptions import WebSocketException

    return WebSocketException


async def load(url: str, wave: int, sessions: int
               ) -> tuple[list[SessionReport], list[float]]:
    """Run `sessions` sessions at once while timing the health check."""
    stop = asyncio.Event()
    health = asyncio.create_task(poll_health(url, stop))
    reports = await asyncio.gather(*(one_session(url, wave, i) for i in range(sessions)))
    stop.set()
    return list(reports), await health


def stored_scenarios(server: Server) -> list[str] | None:
    """Names of the scenarios the app saved to its store (None when it has no store)."""
    path = server.data_dir / "store" / "planner.sqlite3"
    if not path.exists():
        return None
    from planner import Store

    store = Store.open(f"sqlite:///{path}")
    try:
        return [s.name for w in store.workspaces() for s in store.scenarios(w.name)]
    finally:
        store.close()


def _figures(values: list[float]) -> str:
    if not values:
        return "      -"
    finite = [v for v in values if math.isfinite(v)]
    worst = max(values)
    median = statistics.median(values)
    worst_text = "no answer" if not math.isfinite(worst) else f"{worst:6.2f}"
    return f"median {median:6.2f} s   worst {worst_text}   (n={len(finite)})"


def _client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_wave(server: Server, wave: int, sessions: int) -> dict[str, object]:
    """One wave of `sessions` sessions on a running server: printed, and returned (with the
    machine's one-minute load average: other work on the machine slows every figure)."""
    load_before = os.getloadavg()[0]
    cpu_before, client_before = server.cpu(), _client_cpu()
    started = time.perf_counter()
    reports, health = asyncio.run(load(server.url, wave, sessions))
    wall = time.perf_counter() - started
    cpu, client = server.cpu() - cpu_before, _client_cpu() - client_before
    title = (f"{sessions} concurrent session(s), {WAVES[wave]} (machine load before "
             f"{load_before:.1f}, after {os.getloadavg()[0]:.1f})")
    return _print(title, reports, health, wall, cpu, client, stored_scenarios(server))


def measure(sessions: int, waves: int = len(WAVES)) -> list[dict[str, object]]:
    """The waves for `sessions` concurrent sessions (the last on a restarted server)."""
    figures = []
    with tempfile.TemporaryDirectory(prefix="bench-load-") as folder:
        with app_server(Path(folder), LOG) as server:
            for wave in range(min(waves, 2)):
                figures.append(run_wave(server, wave, sessions))
        if waves > 2:
            with app_server(Path(folder), LOG.with_name("bench-load-restarted.log")) as server:
                figures.append(run_wave(server, 2, sessions))
    return figures


def _print(title: str, reports: list[SessionReport], health: list[float], wall: float,
           cpu: float, client: float, stored: list[str] | None) -> dict[str, object]:
    sessions = len(reports)
    print(f"\n{title}: {wall:.1f} s in all", flush=True)
    figures: dict[str, object] = {}
    for step in STEPS:
        values = [r.seconds[step] for r in reports if step in r.seconds]
        figures[step] = values
        print(f"  {step:<18} {_figures(values)}")
    errors = [r for r in reports if r.error]
    saved = [r for r in reports if "save scenario" in r.seconds and not r.error]
    lost_listed = [r.saved_name for r in saved if not r.listed]
    print(f"  errors             {len(errors)}" + "".join(
        f"\n    session {r.index}: {r.error}" for r in errors[:5]))
    print(f"  lost updates       {len(lost_listed)} of {len(saved)} saved missing from what "
          "the session's Scenarios page lists right after")
    if stored is None:
        print("                     the app keeps scenarios in the session only: no store "
              "file was written, so none could be counted there")
    else:
        missing = [r.saved_name for r in saved if r.saved_name not in stored]
        print(f"                     in the store: {len(saved) - len(missing)} of {len(saved)}"
              f" present ({len(missing)} lost)")
    print(f"  health check       {_figures(health)}")
    print(f"  server CPU         {cpu:6.1f} s in all, {cpu / sessions:5.2f} s per session, "
          f"{cpu / wall:4.2f} cores on average")
    print(f"  client CPU         {client:6.1f} s in all, {client / sessions:5.2f} s per session")
    figures.update(errors=len(errors), lost=len(lost_listed), health=health,
                   server_cpu=cpu, client_cpu=client)
    return figures


def session_counts() -> list[int]:
    """How many concurrent sessions to measure (BENCH_LOAD_SESSIONS, else 1, 10, 20; the
    waves each count runs: BENCH_LOAD_WAVES, 1 to 3)."""
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    chosen = os.environ.get("BENCH_LOAD_SESSIONS", "1,5" if quick else "1,10,20")
    return [int(n) for n in chosen.split(",") if n.strip()]


def main() -> None:
    """Print the figures for each number of concurrent sessions."""
    waves = int(os.environ.get("BENCH_LOAD_WAVES", len(WAVES)))
    print(f"waves: {', '.join(WAVES[:waves])}; the machine is shared and the client runs on "
          "it too, so figures are noisy", flush=True)
    for sessions in session_counts():
        measure(sessions, waves)


if __name__ == "__main__":
    main()
