"""Export speed: the roadmap workbook of a 5,000-candidate plan, and of the sample city."""

from __future__ import annotations

import datetime as dt
import io
import statistics
import time
from pathlib import Path

from planner.export.workbook import build_context, build_workbook, export_workbook
from planner.plan.baselines import greedy, rank_and_cut
from planner.score.scoring import score_portfolio
from planner.service import load_files, load_paths, run_plan
from tests.factories import make_portfolio

CANDIDATES = 5_000
REPEATS = 3
STAMP = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_city.xlsx"


def _large() -> None:
    portfolio = make_portfolio(n=CANDIDATES, seed=0)
    scores = score_portfolio(portfolio)
    # The optimizer is not what is measured here: a greedy plan has the same shape.
    plan = greedy(portfolio, scores.value)
    baselines = {"rank_and_cut": rank_and_cut(portfolio, scores.value), "greedy": plan}
    build, save, sizes = [], [], []
    for _ in range(REPEATS):
        started = time.perf_counter()
        ctx = build_context(portfolio, plan, scores=scores, baselines=baselines,
                            timestamp=STAMP)
        workbook = build_workbook(ctx)
        built = time.perf_counter()
        buffer = io.BytesIO()
        workbook.save(buffer)
        build.append(built - started)
        save.append(time.perf_counter() - built)
        sizes.append(len(buffer.getvalue()))
    total = [b + s for b, s in zip(build, save, strict=True)]
    print(f"{CANDIDATES:,} candidates, {len(plan.funded):,} funded: median "
          f"{statistics.median(total):.2f} s (build {statistics.median(build):.2f} s, "
          f"save {statistics.median(save):.2f} s), {sizes[0] / 1e6:.1f} MB")
    started = time.perf_counter()
    again = load_files([("roadmap.xlsx", buffer.getvalue())])
    print(f"  re-import of that workbook: {time.perf_counter() - started:.2f} s, "
          f"{len(again.portfolio.candidates):,} candidates back")


def _sample() -> None:
    loaded = load_paths([SAMPLE])
    scores = score_portfolio(loaded.portfolio)
    result = run_plan(loaded.portfolio, scores.value, explain=False, frontier=False)
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        data = export_workbook(loaded.portfolio, result, scores=scores, validated=loaded,
                               timestamp=STAMP)
        times.append(time.perf_counter() - started)
    print(f"sample city ({len(loaded.portfolio.candidates)} candidates): median "
          f"{statistics.median(times):.2f} s, {len(data) / 1e3:.0f} KB")


def main() -> None:
    """Print export timings."""
    _sample()
    _large()


if __name__ == "__main__":
    main()
