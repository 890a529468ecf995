"""OR-Library multidimensional knapsack instances as portfolios (a check on the optimizer).

Each item becomes a candidate with a fixed spend in each of the m "fiscal years" equal to its
weights, each constraint a year's cap in one fund, and the profit the candidate's value.
With the pure sum-of-values objective, the optimizer's best plan is the instance's optimum.
The files live outside the repository (../shared/benchmarks/mknap, or PLANNER_MKNAP_DIR).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from planner.core.models import BudgetLine, Candidate, Portfolio, Settings

FIRST_YEAR = 2001
ENV = "PLANNER_MKNAP_DIR"


@dataclass(frozen=True)
class MknapInstance:
    """One instance: profits p(j), weights v(i, j), capacities b(i), optimum if known."""

    name: str
    profits: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]
    capacities: tuple[float, ...]
    optimum: float | None


def mknap_folder() -> Path | None:
    """The benchmark folder: $PLANNER_MKNAP_DIR, else ../shared/benchmarks/mknap; None if absent."""
    given = os.environ.get(ENV)
    folder = Path(given) if given else \
        Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "mknap"
    return folder if folder.is_dir() else None


def read_mknap(path: str | Path, prefix: str = "") -> list[MknapInstance]:
    """Every instance in an OR-Library mknap file (format: orlib_mknap_file_format.txt)."""
    tokens = Path(path).read_text().split()
    pos = 0

    def take(count: int) -> list[float]:
        nonlocal pos
        out = [float(t) for t in tokens[pos:pos + count]]
        if len(out) < count:
            raise ValueError(f"{path}: the file ends in the middle of an instance")
        pos += count
        return out

    instances = []
    for k in range(int(take(1)[0])):
        n, m, optimum = take(3)
        n, m = int(n), int(m)
        profits = tuple(take(n))
        weights = tuple(tuple(take(n)) for _ in range(m))
        capacities = tuple(take(m))
        instances.append(MknapInstance(f"{prefix}{k}", profits, weights, capacities,
                                       optimum or None))
    return instances


def known_optima(folder: Path) -> dict[str, list[float]]:
    """Known optimum per file stem, in instance order (known_optima.json)."""
    data = json.loads((folder / "known_optima.json").read_text())
    return {Path(entry["file"]).stem: [i["optimum"] for i in entry["instances"]]
            for entry in data.values()}


def instance_portfolio(instance: MknapInstance) -> tuple[Portfolio, dict[str, float]]:
    """The instance as a portfolio over m fiscal years with one fund, and its values."""
    m = len(instance.capacities)
    candidates = []
    values = {}
    for j, profit in enumerate(instance.profits):
        cid = f"I{j:03d}"
        profile = {FIRST_YEAR + i: instance.weights[i][j] for i in range(m)
                   if instance.weights[i][j] > 0}
        candidates.append(Candidate(candidate_id=cid, name=f"Item {j}", one_time_cost=0.0,
                                    spend_profile=profile))
        values[cid] = profit
    budget = [BudgetLine(fiscal_year=FIRST_YEAR + i, fund="Capital", capital_budget=cap)
              for i, cap in enumerate(instance.capacities)]
    settings = Settings(first_fiscal_year=FIRST_YEAR, horizon_years=m, mip_gap=0.0,
                        delivery_discount=0.0)  # the plain sum of profits
    return Portfolio.build(candidates=candidates, budget=budget, settings=settings), values
