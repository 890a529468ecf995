"""Budget sensitivity: what a little more money in one fiscal year and fund would buy.

Re-solves, not LP duals. The plan is a choice of whole projects, so the value of "one more
dollar" is zero almost everywhere and jumps when the extra money lets a project in; the dual
of a capital row in the LP relaxation prices a fraction of a project instead, and is zero
for a year the relaxation leaves slack even when a whole project would fit with a little
more. So each capital cap is raised by a step (a share of that cap), the same live model is
re-solved from the current plan (still feasible with more money), and the value gained per
dollar and the projects that would enter (or be swapped out) are reported. When a step buys
nothing, a larger one is tried; the first that does is narrowed down by bisection towards
the smallest raise that changes the plan.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.words import fy, money
from planner.errors import InputError
from planner.explain.sensitivity import RESOLVE_NODES, Progress, Resolver, eta
from planner.plan.solver import NO_LIMIT_S

STEPS = (0.25, 1.0, 3.0)  # shares of a cap tried in turn until the extra money changes the plan
REFINE = 2  # bisection steps towards the smallest raise that changes the plan
PER = 1_000_000.0  # value is reported per million dollars
NEARLY_USED = 0.95  # a limit counts as binding when the plan uses this share of it
LIMITS = {"staff": "IT staff", "operating": "new operating cost"}


@dataclass(frozen=True)
class BudgetLineSensitivity:
    """One fiscal year and fund: the step tried, the value it buys and what would change."""

    fiscal_year: int
    fund: str
    cap: float
    step: float  # dollars added to this cap in the re-solve that is reported
    value_gain: float
    enters: tuple[str, ...] = ()
    leaves: tuple[str, ...] = ()
    note: str = ""

    @property
    def value_per_million(self) -> float:
        """Value gained per extra million dollars (over the step)."""
        return self.value_gain / self.step * PER if self.step > 0 else 0.0

    def sentence(self) -> str:
        """The line in plain words: how much more, and what it would fund."""
        head = f"{fy(self.fiscal_year)} {self.fund}: "
        if self.note:
            return head + self.note
        step = money(self.step)
        if not self.enters:
            return head + f"{step} more would fund nothing new."
        text = head + (f"{step} more would fund {', '.join(self.enters)} (value "
                       f"+{self.value_gain:.3g}, {self.value_per_million:.3g} per $1M)")
        if self.leaves:
            text += f", in place of {', '.join(self.leaves)}"
        return text + "."


@dataclass(frozen=True)
class BudgetSensitivity:
    """Per fiscal year and fund, what a step more capital would buy."""

    lines: tuple[BudgetLineSensitivity, ...]
    steps: tuple[float, ...]
    gap: float
    solves: int
    seconds: float
    notes: tuple[str, ...] = ()

    def table(self) -> pd.DataFrame:
        """One row per fiscal year and fund, in budget order."""
        rows = [{"fiscal_year": line.fiscal_year, "fund": line.fund, "capital_budget": line.cap,
                 "extra_dollars": line.step, "value_gain": line.value_gain,
                 "value_per_million": line.value_per_million,
                 "would_fund": ", ".join(line.enters), "would_drop": ", ".join(line.leaves),
                 "note": line.note} for line in self.lines]
        return pd.DataFrame(rows, columns=["fiscal_year", "fund", "capital_budget",
                                           "extra_dollars", "value_gain", "value_per_million",
                                           "would_fund", "would_drop", "note"])

    def sentences(self) -> list[str]:
        """Each line in plain words, the best use of money first."""
        order = sorted(self.lines, key=lambda line: -line.value_per_million)
        useful = [line.sentence() for line in order if line.enters]
        idle = [line for line in self.lines if not line.enters and not line.note]
        if idle:
            most = max(self.steps)
            useful.append(f"In the other {len(idle)} fiscal years and funds, {most:.0%} more "
                          "capital would fund nothing new." if useful else
                          f"In no fiscal year and fund would {most:.0%} more capital fund "
                          "anything new.")
        return [*useful, *self.notes]


def binding_limits(resolver: Resolver) -> list[str]:
    """The staff and operating limits the plan nearly uses up, in words (why money may not help)."""
    model = resolver.model
    used = model.matrix @ resolver.x0
    found: dict[str, list[int]] = {}
    for row, kind in enumerate(model.row_kind):
        upper = model.row_upper[row]
        if kind in LIMITS and upper > 0 and used[row] >= NEARLY_USED * upper:
            found.setdefault(LIMITS[kind], []).append(int(model.row_key[row][0]))
    return [f"{name} in {', '.join(fy(y) for y in sorted(years))}"
            for name, years in found.items()]


def budget_sensitivity(portfolio: Portfolio, values: Mapping[str, float], *,
                       overrides: Overrides | None = None,
                       steps: Sequence[float] = STEPS, refine: int = REFINE,
                       gap: float | None = None,
                       time_limit: float | None = None, progress: Progress | None = None,
                       resolver: Resolver | None = None) -> BudgetSensitivity:
    """For each fiscal year and fund, re-solve with its cap raised by a step.

    Steps are shares of the cap (a fund with no money that year uses the average cap), tried
    in turn; the first that changes the funded set is narrowed by `refine` bisections towards
    the smallest raise that does, and reported. Each re-solve stops at `gap` (default: the
    portfolio's) or at `RESOLVE_NODES` branch-and-bound nodes, so the figures are the same in
    every run; `time_limit` (seconds per re-solve, none by default) is for interactive use.
    """
    if not steps or min(steps) <= 0:
        raise InputError("Give at least one positive step (a share of the cap, e.g. 0.1).")
    began = time.perf_counter()
    settings = portfolio.settings
    rel_gap = float(settings.mip_gap if gap is None else gap)
    limit = float(time_limit) if time_limit is not None else NO_LIMIT_S
    resolver = resolver or Resolver(portfolio, values, overrides=overrides)
    model = resolver.model
    rows = {model.row_key[row]: row for row in model.rows_of("capital")}
    caps = {(line.fiscal_year, line.fund): 0.0 for line in portfolio.budget}
    for key in caps:
        caps[key] = portfolio.capital_cap(*key)
    positive = [cap for cap in caps.values() if cap > 0]
    typical = sum(positive) / len(positive) if positive else 0.0
    lines: list[BudgetLineSensitivity] = []
    base = float(resolver.nominal_cost @ resolver.x0)
    solves = 0
    keys = [key for key in caps if key[0] in portfolio.fiscal_years]
    for done, (year, fund) in enumerate(keys, start=1):
        cap = caps[(year, fund)]
        row = rows.get((year, fund))
        reference = cap if cap > 0 else typical
        if row is None or reference <= 0:
            lines.append(BudgetLineSensitivity(
                year, fund, cap, 0.0, 0.0,
                note="no candidate can draw on this fund in this year."))
        else:
            (step, objective, funded), used = _smallest_raise(
                resolver, row, reference, steps, refine, limit, rel_gap)
            solves += used
            lines.append(BudgetLineSensitivity(
                year, fund, cap, step, max(0.0, objective - base),
                enters=tuple(sorted(funded - resolver.funded0)),
                leaves=tuple(sorted(resolver.funded0 - funded))))
        if progress is not None:
            progress(done, len(keys), eta(began, done, len(keys)))
    if progress is not None:
        progress(len(keys), len(keys), 0.0)
    notes = []
    limits = binding_limits(resolver)
    if limits and not any(line.enters for line in lines):
        notes.append("More capital alone funds nothing new: other limits are nearly used up "
                     f"({'; '.join(limits)}).")
    elif limits:
        notes.append(f"Other limits are nearly used up too ({'; '.join(limits)}).")
    return BudgetSensitivity(lines=tuple(lines), steps=tuple(steps), gap=rel_gap,
                             solves=solves, seconds=time.perf_counter() - began,
                             notes=tuple(notes))


def _smallest_raise(resolver: Resolver, row: int, reference: float, steps: Sequence[float],
                    refine: int, limit: float, gap: float) -> tuple[tuple, int]:
    """((raise, objective, funded set), solves): the first step of `reference` that changes
    the funded set, narrowed by `refine` bisections (the last step tried when none does)."""
    model, solver, cost = resolver.model, resolver.solver, resolver.nominal_cost
    upper = model.row_upper[row]
    solves = 0

    def raised(extra: float) -> tuple:
        nonlocal solves
        solver.set_row_bounds(row, model.row_lower[row], upper + extra / model.money_scale)
        result = resolver.solve(cost, time_limit=limit, gap=gap, nodes=RESOLVE_NODES)
        solves += 1
        return extra, result.objective, frozenset(resolver.starts(result.x))

    try:
        below, found = 0.0, None
        for share in steps:
            found = raised(share * reference)
            if found[2] != resolver.funded0:
                break
            below = found[0]
        if found[2] != resolver.funded0:
            for _ in range(refine):  # narrow down the smallest raise that does it
                trial = raised((below + found[0]) / 2)
                if trial[2] != resolver.funded0:
                    found = trial
                else:
                    below = trial[0]
    finally:
        solver.set_row_bounds(row, model.row_lower[row], upper)
    return found, solves
