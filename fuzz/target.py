"""The fuzz target: one input through the upload path; the planner's own errors are answers."""

from __future__ import annotations

import contextlib
import hashlib
import json
import resource
import signal
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from fuzz.inputs import decode
from planner.errors import PlannerError
from planner.service import load_files

WARM_UP = 50  # the first inputs load modules and fill caches: not counted for the slowest


class SlowInput(Exception):
    """An input that took longer than the run's slow limit."""


def import_upload(blob: bytes) -> None:
    """Import one fuzz input as an upload; PlannerError is the expected refusal."""
    name, data = decode(blob)
    with contextlib.suppress(PlannerError):
        load_files([(name, data)])


def signature(exc: BaseException) -> str:
    """What makes two crashes the same: the exception type and the frame that raised it."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/planner/" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(exc).__name__} at {where}"


@dataclass
class Run:
    """The tally of one fuzz run, written to `stats` as it goes."""

    crashes: Path
    stats: Path
    keep_going: bool
    slow_limit: float
    executions: int = 0
    slowest: float = 0.0
    found: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    def one(self, blob: bytes) -> None:
        """libFuzzer's TestOneInput."""
        self.executions += 1
        signal.setitimer(signal.ITIMER_REAL, self.slow_limit)
        began = time.perf_counter()
        try:
            import_upload(blob)
        except Exception as exc:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.crash(blob, exc)
            if not self.keep_going:
                raise
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        spent = time.perf_counter() - began
        if spent > self.slowest and self.executions > WARM_UP:
            self.slowest = spent
            (self.stats.parent / "slowest-input").write_bytes(blob)
            self.save()
        elif self.executions % 100 == 0:
            self.save()

    def crash(self, blob: bytes, exc: Exception) -> None:
        """Keep the first input of each new signature, with its traceback, in `crashes`."""
        sig = signature(exc)
        self.found[sig] = self.found.get(sig, 0) + 1
        if self.found[sig] == 1:
            self.crashes.mkdir(parents=True, exist_ok=True)
            stem = self.crashes / f"crash-{hashlib.sha1(blob).hexdigest()[:16]}"
            stem.write_bytes(blob)
            text = "".join(traceback.format_exception(exc))
            stem.with_suffix(".txt").write_text(f"{sig}\n\n{text}", encoding="utf-8")
        self.save()

    def save(self) -> None:
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stats.write_text(json.dumps({
            "executions": self.executions, "seconds": round(time.monotonic() - self.started),
            "slowest_input_s": round(self.slowest, 3), "peak_rss_mb": round(peak_mb),
            "crash_signatures": self.found}, indent=2), encoding="utf-8")


def raise_slow(signum: int, frame: object) -> None:
    raise SlowInput("the input took longer than the run's slow limit")


def install_slow_alarm() -> None:
    signal.signal(signal.SIGALRM, raise_slow)
