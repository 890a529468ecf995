"""Benchmarks: `make bench` runs every bench_*.py module's main() and prints figures."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def timed_median(run: Callable[[], T], repeats: int = 5) -> tuple[float, T | None]:
    """(the median wall time of `repeats` calls of `run`, the last call's result)."""
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def median_seconds(run: Callable[[], object], repeats: int = 5) -> float:
    """The median wall time of `repeats` calls of `run`."""
    return timed_median(run, repeats)[0]
