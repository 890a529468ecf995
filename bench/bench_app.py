"""How fast the app reacts to a weight change on the sample city, measured in process.

AppTest runs the real pages: move a weight slider on the Criteria & weights page (new values
each time, so nothing is served from the cache), run, and time it; then open the Roadmap with
a changed weight. Prints the median and the spread of several runs.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
RUNS = 7
SLIDER = "w_weight_legacy_risk"


def _timed(at: AppTest) -> float:
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return elapsed


def _report(label: str, seconds: list[float]) -> dict[str, float]:
    median = statistics.median(seconds)
    print(f"{label:<52} median {median:5.2f} s   min {min(seconds):5.2f}   "
          f"max {max(seconds):5.2f}   (n={len(seconds)})")
    return {"median": median, "min": min(seconds), "max": max(seconds)}


def measure(runs: int = RUNS) -> dict[str, dict[str, float]]:
    """Median seconds of each rerun path (the first, warm-up run is not counted)."""
    at = AppTest.from_file(APP, default_timeout=300)
    started = time.perf_counter()
    at.run()  # opens the sample city and plans it (the Roadmap is the front page)
    first = time.perf_counter() - started
    print(f"{'first open: sample city planned (cold caches)':<52} {first:5.2f} s")
    at.switch_page("app_pages/weights.py")
    at.run()
    weight_change, unchanged, roadmap = [], [], []
    for i in range(runs):
        at.slider(key=SLIDER).set_value(float(40 + 7 * i))
        weight_change.append(_timed(at))
        unchanged.append(_timed(at))
    for i in range(runs):
        at.switch_page("app_pages/weights.py")
        at.run()
        at.slider(key=SLIDER).set_value(float(41 + 7 * i))
        at.run()
        at.switch_page("app_pages/roadmap.py")
        roadmap.append(_timed(at))
    return {
        "weight_change": _report("weight change: new ranking + quick plan (weights page)",
                                 weight_change),
        "rerun_unchanged": _report("rerun with nothing changed (weights page)", unchanged),
        "roadmap_after_change": _report("roadmap page after a weight change (quick + exact)",
                                        roadmap),
    }


def main() -> None:
    """Print the figures."""
    measure()


if __name__ == "__main__":
    main()
