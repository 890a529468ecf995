"""Run every benchmark module (or those named on the command line) and print their figures."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import time

import bench


def main(names: list[str]) -> int:
    """Run the benchmarks; each module prints its own figures."""
    modules = sorted(m.name for m in pkgutil.iter_modules(bench.__path__)
                     if m.name.startswith("bench_"))
    if "--quick" in names:
        os.environ["BENCH_QUICK"] = "1"  # each module reads it to shorten its longest cases
    names = [n for n in names if not n.startswith("-")]
    if names:
        modules = [m for m in modules if any(n in m for n in names)]
    for name in modules:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"bench.{name}").main()
        print(f"({name} took {time.perf_counter() - started:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
