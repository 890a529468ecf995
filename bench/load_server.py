"""The real app under load: `streamlit run app.py` on a free loopback port, its CPU seconds
read from /proc, and its health check timed.

The server runs headless with its own data folder (so its store starts empty unless one is
given), the way tests/e2e/conftest.py starts it for the browser tests.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process and of the children it has waited for
    (the upload reader's worker processes), from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        text = stat.read()
    fields = text[text.rindex(")") + 2:].split()  # the name may hold spaces
    utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    return (utime + stime + cutime + cstime) / TICKS


@dataclass
class Server:
    """A running app: its address, process and data folder."""

    url: str
    process: subprocess.Popen
    data_dir: Path

    def cpu(self) -> float:
        """CPU seconds the server has used so far."""
        return cpu_seconds(self.process.pid)


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 90.0) -> None:
    """Return once the server at `url` answers its health check; fail when it exits or does
    not answer within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy in time")


@contextmanager
def streamlit_running(script: Path, log: Path, environment: dict[str, str], *extra: str,
                      port: int | None = None, healthy_within: float = 90.0
                      ) -> Iterator[tuple[str, subprocess.Popen]]:
    """`streamlit run script` headless on loopback `port` (else a free one) with
    `environment`, its output in `log`; yields its address and process once it answers its
    health check, then stops it."""
    port = port or free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script),
               "--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", *extra]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   env=environment)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, process, healthy_within)
            yield url, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def app_server(data_dir: Path, log: Path, env: dict[str, str] | None = None
               ) -> Iterator[Server]:
    """The app on a free port, its store in `data_dir`, its output in `log`."""
    environment = {k: v for k, v in os.environ.items() if k != "PLANNER_DATABASE_URL"}
    environment.update({"PLANNER_DATA_DIR": str(data_dir), **(env or {})})
    with streamlit_running(ROOT / "app.py", log, environment) as (url, process):
        yield Server(url, process, data_dir)


async def health_seconds(url: str) -> float:
    """Seconds the health check takes to answer (raises OSError when it does not)."""
    host, port = url.removeprefix("http://").split(":")
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(f"GET /_stcore/health HTTP/1.1\r\nHost: {host}:{port}\r\n"
                 "Connection: close\r\n\r\n".encode())
    await writer.drain()
    status = await reader.readline()
    await reader.read()
    writer.close()
    if b" 200 " not in status:
        raise OSError(f"health check answered {status!r}")
    return time.perf_counter() - started


async def poll_health(url: str, stop: asyncio.Event, every: float = 0.5) -> list[float]:
    """Time the health check every `every` seconds until `stop` is set."""
    seconds: list[float] = []
    while not stop.is_set():
        try:
            seconds.append(await asyncio.wait_for(health_seconds(url), 60))
        except (OSError, TimeoutError):
            seconds.append(float("inf"))
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)
    return seconds
