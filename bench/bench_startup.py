"""Start-up time of each command, as a separate process (median of 5), against bare Python.

Each command is timed whole on the sample city, and once more under `python -X importtime`
to show the time spent importing and the five heaviest imports (cumulative). A command's
start-up is its import time: what it pays before reading the first cell. BENCH_TREE=PATH
times another checkout of the project with the same interpreter (to compare before/after).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_TREE", Path(__file__).resolve().parents[1]))
SAMPLE = str(Path(__file__).resolve().parents[1] / "data" / "sample_city.xlsx")
RUNS = 5
IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def commands(out: str) -> dict[str, list[str]]:
    """The command lines timed, by label."""
    return {
        "--version": ["--version"],
        "template": ["template", f"{out}/t.xlsx"],
        "validate": ["validate", SAMPLE, "--format", "json"],
        "score": ["score", SAMPLE, "--format", "json"],
        "propose": ["propose", SAMPLE, "--format", "json"],
        "plan (no explain, no frontier)": ["plan", SAMPLE, "--format", "json", "--no-explain",
                                           "--no-frontier"],
        "export (no frontier)": ["export", SAMPLE, "-o", f"{out}/r.xlsx", "--no-frontier"],
    }


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT)
    return time.perf_counter() - started, done.stderr


def _imports(stderr: str) -> tuple[float, list[tuple[float, str]]]:
    """Total seconds of top-level imports and the heaviest cumulative ones."""
    rows = []
    for match in IMPORT_LINE.finditer(stderr):
        _own, cumulative, indent, name = match.groups()
        rows.append((int(cumulative) / 1e6, len(indent), name))
    top = [(s, n) for s, depth, n in rows if depth == 1]
    heavy = sorted(((s, n) for s, depth, n in rows if depth <= 3 and not n.startswith("_")),
                   reverse=True)
    seen: list[tuple[float, str]] = []
    for seconds, name in heavy:
        if not any(name.startswith(other.split(".")[0]) for _, other in seen):
            seen.append((seconds, name))
    return sum(s for s, _ in top), seen[:5]


def main() -> None:
    """Print each command's median wall time and import time beside bare Python's."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    python = [sys.executable]
    bare = statistics.median(_run([*python, "-c", "pass"], env)[0] for _ in range(RUNS))
    print(f"tree: {ROOT}")
    print(f"{'bare python -c pass':<34} median {bare:6.2f} s")
    with tempfile.TemporaryDirectory() as out:
        for label, args in commands(out).items():
            argv = [*python, "-m", "planner", *args]
            wall = statistics.median(_run(argv, env)[0] for _ in range(RUNS))
            _, stderr = _run([*python, "-X", "importtime", "-m", "planner", *args], env)
            imported, heavy = _imports(stderr)
            print(f"{label:<34} median {wall:6.2f} s   start-up (imports) {imported:5.2f} s")
            print(" " * 36 + "heaviest: " + ", ".join(f"{n} {s:.2f}" for s, n in heavy))


if __name__ == "__main__":
    main()
