"""Optimizer benchmark: the sample city, generated portfolios, Chu & Beasley mknapcb1.

Prints, for each case, time, status, gap and the value captured relative to rank-and-cut
and greedy. Targets: the sample city proven optimal in under a second; 1,000 candidates
within 0.5% gap in under 10 s; every mknapcb1 instance within 0.5% of its optimum in 10 s.
20,000 candidates (over planner.plan.solver.LARGE_COLUMNS model columns) are solved from
their LP relaxation: the line says so, and the CPU time (`time.process_time`) is printed
beside the wall time, which a busy shared machine stretches.

Quick mode (`python -m bench.bench_optimize --quick`, or BENCH_QUICK=1) skips the 5,000
and 20,000 candidate portfolios and runs 5 of the 30 mknapcb1 instances.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

from planner.core.models import Portfolio
from planner.core.plans import Plan
from planner.plan.baselines import greedy, rank_and_cut
from planner.plan.optimize import optimize
from planner.samples.orlib import instance_portfolio, known_optima, mknap_folder, read_mknap

ROOT = Path(__file__).resolve().parents[1]


def _ratio(plan: Plan, base: Plan) -> str:
    if base.is_infeasible or base.objective <= 0:
        return "   n/a"
    return f"{plan.objective / base.objective - 1:+6.1%}"


def _row(label: str, plan: Plan, rc: Plan, gr: Plan, seconds: float, cpu: float) -> None:
    gap = "  n/a" if plan.gap is None else f"{plan.gap:.3%}"
    print(f"{label:<34} {seconds:7.2f} s (cpu {cpu:6.2f} s)  {plan.status.value:<10} gap "
          f"{gap:>7}  vs rank-and-cut {_ratio(plan, rc)}  vs greedy {_ratio(plan, gr)}",
          flush=True)


def _run(label: str, portfolio: Portfolio, values: dict[str, float], *, time_limit: float,
         gap: float) -> Plan:
    started = time.perf_counter()
    rc = rank_and_cut(portfolio, values)
    gr = greedy(portfolio, values)
    base_seconds = time.perf_counter() - started
    start = max((p for p in (rc, gr) if not p.is_infeasible), key=lambda p: p.objective,
                default=None)
    began, cpu = time.perf_counter(), time.process_time()
    plan = optimize(portfolio, values, time_limit=time_limit, gap=gap, start=start)
    _row(label, plan, rc, gr, time.perf_counter() - began, time.process_time() - cpu)
    print(f"{'':<34} baselines {base_seconds:.2f} s; funded {len(plan.funded)} of "
          f"{len(portfolio.candidates)}", flush=True)
    return plan


def sample_city() -> None:
    """The sample city workbook, scored with its own settings."""
    path = ROOT / "data" / "sample_city.xlsx"
    if not path.exists():
        print("sample city: data/sample_city.xlsx not found (make sample)")
        return
    from planner.score.scoring import score_portfolio
    from planner.service import load_paths

    portfolio = load_paths([path]).portfolio
    values = score_portfolio(portfolio).value.to_dict()
    for gap in (portfolio.settings.mip_gap, 0.0):
        _run(f"sample city (gap {gap:g})", portfolio, values, time_limit=10, gap=gap)


def generated(quick: bool) -> None:
    """Random portfolios with dependencies, alternatives, mandatory items and 3 funds."""
    from tests.factories import make_portfolio

    for n in (200, 1000) if quick else (200, 1000, 5000, 20000):
        portfolio = make_portfolio(n=n, seed=n, years=5, with_mandatory=True)
        rng = random.Random(n)
        values = {cid: rng.uniform(0.1, 1.0) for cid in portfolio.candidates}
        large = " (from its LP)" if n >= 20000 else ""
        _run(f"generated n={n} (gap 0.5%){large}", portfolio, values,
             time_limit=10 if n <= 1000 else 30 if n <= 5000 else 600, gap=0.005)


def mknapcb(quick: bool) -> None:
    """Chu & Beasley 5 x 100 instances, 10 s each, against their known optima."""
    folder = mknap_folder()
    if folder is None or not (folder / "mknapcb1.txt").exists():
        print("mknapcb1: benchmark folder not found (../shared/benchmarks/mknap)")
        return
    instances = read_mknap(folder / "mknapcb1.txt")
    optima = known_optima(folder)["mknapcb1"]
    chosen = list(zip(instances, optima, strict=True))[: 5 if quick else None]
    worst = 0.0
    proven = 0
    for instance, optimum in chosen:
        portfolio, values = instance_portfolio(instance)
        began = time.perf_counter()
        plan = optimize(portfolio, values, time_limit=10, gap=0.0)
        seconds = time.perf_counter() - began
        short = 1 - plan.objective / optimum
        worst = max(worst, short)
        proven += plan.is_proven_optimal
        gap = "n/a" if plan.gap is None else f"{plan.gap:.3%}"
        print(f"mknapcb1 #{instance.name:<3} {seconds:6.2f} s  {plan.status.value:<10} "
              f"value {plan.objective:>8.0f} / optimum {optimum:>6.0f} "
              f"({short:.3%} short)  gap {gap}", flush=True)
    print(f"mknapcb1: {len(chosen)} instances, {proven} proven optimal, worst "
          f"{worst:.3%} below the known optimum", flush=True)


def main(quick: bool | None = None) -> None:
    """Run the optimizer benchmarks and print their figures."""
    if quick is None:
        quick = "--quick" in sys.argv or os.environ.get("BENCH_QUICK", "") not in ("", "0")
    sample_city()
    generated(quick)
    mknapcb(quick)


if __name__ == "__main__":
    main()
