"""Whole-plan benchmark: the plan with everything it explains, against the solve alone.

For each case prints the median of 3 runs of the whole plan (scores, both baselines, the
optimized plan, every "value it would need" re-solve, the budget frontier and the JSON
document) and of the plan's own solve alone, and the ratio of the two; then each stage's
median wall and CPU time (`time.process_time`, which a busy shared machine disturbs less)
and its ratio to the solve alone:
- the sample city through the installed `planner plan data/sample_city.xlsx --format json`
  in its own process (start-up and reading the workbook included);
- generated portfolios of 1,000, 5,000 and 20,000 candidates (tests.factories) through
  `plan_portfolio`, with the peak memory of this process;
- funding robustness at 1,000 candidates x 200 weight samples.
The last stage, `run_plan`, is the stages before it in one call, with the frontier on a
thread of its own beside the "value it would need" re-solves. Targets (issue 16, on a 2-core
machine): sample city <= 3 s; 1,000 <= 15 s with a proven gap <= 0.5%; 5,000 <= 60 s;
20,000 <= 5 minutes; robustness 1,000 x 200 <= 40 s. The machine is
shared, so figures vary from run to run; medians damp that, they do not remove it.

Quick mode (`--quick` or BENCH_QUICK=1): one run each, the 5,000 and 20,000 cases skipped.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import timed_median

ROOT = Path(__file__).resolve().parents[1]
PLANNER = Path(sys.executable).with_name("planner")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stages(portfolio: Any, repeats: int) -> None:
    """Each stage of the whole plan, timed on its own: median wall and CPU seconds."""
    from planner.explain.frontier import efficient_frontier
    from planner.explain.what_it_takes import add_value_needed
    from planner.plan.baselines import greedy, rank_and_cut
    from planner.plan.optimize import solve_plan
    from planner.score.scoring import score_portfolio
    from planner.service import run_plan

    runs: dict[str, list[tuple[float, float]]] = {}

    def timed(name: str, step: Callable[[], Any]) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        out = step()
        runs.setdefault(name, []).append((time.perf_counter() - wall, time.process_time() - cpu))
        return out

    for _ in range(repeats):
        values = timed("score", lambda: score_portfolio(portfolio).value.to_dict())
        base = timed("baselines", lambda v=values: [rank_and_cut(portfolio, v),
                                                    greedy(portfolio, v)])
        start = max((b for b in base if not b.is_infeasible), key=lambda b: b.objective,
                    default=None)
        solved = timed("solve", lambda v=values, s=start: solve_plan(portfolio, v, start=s))
        timed("value it would need", lambda s=solved: add_value_needed(s))
        timed("frontier", lambda v=values, s=solved: efficient_frontier(portfolio, v,
                                                                        known=s.plan))
        # the stages above in one call, the frontier beside the 'value it would need'
        timed("run_plan (all, side by side)", lambda v=values: run_plan(portfolio, v))
    solve = statistics.median(w for w, _ in runs["solve"])
    solve_cpu = statistics.median(c for _, c in runs["solve"])
    for name, figures in runs.items():
        wall = statistics.median(w for w, _ in figures)
        cpu = statistics.median(c for _, c in figures)
        print(f"    {name:<28} wall {wall:6.2f} s ({wall / solve:4.1f}x the solve)  "
              f"cpu {cpu:6.2f} s ({cpu / solve_cpu:4.1f}x)", flush=True)


def _line(label: str, whole: float, solve: float, extra: str) -> None:
    ratio = whole / solve if solve > 0 else float("nan")
    print(f"{label:<30} whole {whole:7.1f} s  solve alone {solve:6.2f} s  ratio {ratio:5.1f}x"
          f"  {extra}", flush=True)


def _solve_alone(portfolio: Any, values: dict[str, float], repeats: int) -> tuple[float, Any]:
    from planner.plan.optimize import solve_plan

    return timed_median(lambda: solve_plan(portfolio, values).plan, repeats)


def sample_city(repeats: int) -> None:
    """The installed command on the sample city, each run in its own process."""
    from planner.score.scoring import score_portfolio
    from planner.service import load_paths

    path = ROOT / "data" / "sample_city.xlsx"
    command = [str(PLANNER), "plan", str(path), "--format", "json"]
    whole, done = timed_median(lambda: subprocess.run(command, capture_output=True, cwd=ROOT,
                                                      stdin=subprocess.DEVNULL), repeats)
    portfolio = load_paths([path]).portfolio
    values = score_portfolio(portfolio).value.to_dict()
    solve, plan = _solve_alone(portfolio, values, repeats)
    _line("sample city (command)", whole, solve,
          f"exit {done.returncode}, {plan.status.value}, {len(plan.unfunded)} unfunded")
    _stages(portfolio, repeats)


def generated(n: int, repeats: int) -> None:
    """plan_portfolio on a generated portfolio of n candidates, then its JSON document."""
    from planner.service import plan_portfolio

    sys.path.insert(0, str(ROOT))
    from tests.factories import make_portfolio

    portfolio = make_portfolio(n=n, seed=n, with_mandatory=True)
    whole, roadmap = timed_median(lambda: (r := plan_portfolio(portfolio), r.as_dict())[0],
                                  repeats)
    solve, plan = _solve_alone(portfolio, dict(roadmap.result.values), repeats)
    gap = "n/a" if plan.gap is None else f"{plan.gap:.3%}"
    notes = " ".join(roadmap.result.notes)
    _line(f"generated n={n:,}", whole, solve,
          f"{plan.status.value}, gap {gap}, peak {_peak_mb():,.0f} MB. {notes}".strip())
    if n <= 5000:  # at 20,000 the stages would only repeat the whole run
        _stages(portfolio, repeats)


def robustness(repeats: int) -> None:
    """Funding robustness, 200 weight samples on 1,000 candidates (processes as chosen)."""
    from planner.explain.robustness import funding_robustness
    from planner.score.scoring import score_portfolio

    sys.path.insert(0, str(ROOT))
    from tests.factories import make_portfolio

    portfolio = make_portfolio(n=1000)
    scores = score_portfolio(portfolio)
    whole, found = timed_median(lambda: funding_robustness(portfolio, scores, samples=200),
                                repeats)
    solve, _ = _solve_alone(portfolio, scores.value.to_dict(), repeats)
    _line("robustness 1,000 x 200", whole, solve,
          f"{found.solves} solves, {found.certified} certified, {found.stopped_early} "
          f"stopped at the work limit, {found.workers} process(es)")


def main(quick: bool | None = None) -> None:
    """Print the figures; `ONLY` words after the module name pick cases (city, 1000, ...)."""
    if quick is None:
        quick = "--quick" in sys.argv or os.environ.get("BENCH_QUICK", "") not in ("", "0")
    repeats = 1 if quick else 3
    cases = os.environ.get("BENCH_PLAN_CASES", "city,1000,5000,20000,robustness").split(",")
    if quick:
        cases = [c for c in cases if c not in ("5000", "20000")]
    print(f"medians of {repeats} run(s); the machine is shared, figures are noisy "
          f"(load average {os.getloadavg()[0]:.2f} at the start)", flush=True)
    for case in cases:
        if case == "city":
            sample_city(repeats)
        elif case == "robustness":
            robustness(repeats)
        else:
            generated(int(case), repeats)


if __name__ == "__main__":
    main()
