"""Bounds for "the value it would need" that stay cheap on large portfolios.

On a large portfolio a re-solve of the whole model for every unfunded candidate costs as
much as the plan itself. Two cheaper figures bracket the answer instead, each valid on its
own and each a fixed amount of work (no clock):

- **A ceiling from the LP relaxation** (one solve for every candidate). With the relaxation's
  value Z and the reduced cost d of a start column that the relaxation leaves at 0, no plan
  that starts the candidate there is worth more than Z - |d| (LP duality: every other term
  can only lower it). The best of a candidate's starts caps V_c, the best plan funding it,
  so the value it needs is at least its value + (V* - ceiling).
- **A plan found on the plan's margin.** The forced-in re-solve keeps the funded candidates of
  highest value per dollar funded and the unfunded ones of lowest value per dollar out, and
  frees only the `BAND` on each side of the margin (with the candidate's prerequisites and
  its either/or group). That small model solves quickly; its plan keeps every rule of the
  whole model, so its worth is a true V_c from below, and the value it needs is at most its
  value + (bound - that worth).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import numpy as np

from planner.core.plans import Plan
from planner.plan.baselines import total_cost
from planner.plan.model import PlanModel
from planner.plan.schedule import prerequisite_chain
from planner.plan.solver import Solver

BAND = 20  # candidates freed on each side of the plan's margin in a forced-in re-solve
MARGIN_SOLVES = 100  # forced-in re-solves on a large portfolio (a work limit, not a time)
DUAL_TOLERANCE = 1e-7  # relative slack on a ceiling (LP tolerances)


def banded(model: PlanModel) -> bool:
    """Whether the portfolio is large enough for margin re-solves to be worth it."""
    return len(model.assign_row) > 4 * BAND


def lp_ceilings(solver: Solver) -> dict[str, float]:
    """For each candidate with a start column, no plan funding it is worth more than this."""
    model = solver.model
    relaxed = solver.relaxation()
    if relaxed is None:
        return {}
    value, x, dual = relaxed
    slack = DUAL_TOLERANCE * max(1.0, abs(value))
    ceilings: dict[str, float] = {}
    for cid, cols in model.cols_of.items():
        best = -math.inf
        for col in cols:
            penalty = abs(float(dual[col])) if x[col] <= 1e-9 else 0.0
            best = max(best, value - penalty)
        ceilings[cid] = best + slack
    return ceilings


def _density(model: PlanModel, values: Mapping[str, float], cid: str) -> float:
    cost = total_cost(model.portfolio, cid)
    return float(values.get(cid, 0.0)) / cost if cost > 0 else math.inf


def funded_by_density(model: PlanModel, plan: Plan, values: Mapping[str, float]) -> list[str]:
    """The plan's funded candidates, lowest value per dollar first."""
    funded = set(plan.funded_ids)
    return sorted((c for c in model.assign_row if c in funded),
                  key=lambda c: (_density(model, values, c), c))


def margin_free(model: PlanModel, plan: Plan, values: Mapping[str, float]) -> set[str]:
    """The candidates on the plan's margin: the BAND funded and the BAND unfunded ones whose
    value per dollar is closest to the line between them."""
    funded = set(plan.funded_ids)
    inside = funded_by_density(model, plan, values)
    outside = sorted((c for c in model.assign_row if c not in funded),
                     key=lambda c: (-_density(model, values, c), c))
    return set(inside[:BAND]) | set(outside[:BAND])


def free_for(model: PlanModel, cid: str, margin: set[str], inside: list[str] | None = None
             ) -> set[str]:
    """What a forced-in re-solve of `cid` may change: the margin, `cid`, its prerequisites,
    the other members of its either/or group, the candidates requiring any of these and, from
    `inside` (funded, lowest value per dollar first), the first 2 x BAND that may draw on one
    of its funds (money it could use)."""
    portfolio = model.portfolio
    group = portfolio.candidates[cid].alternative_group
    rivals = {c for c, cand in portfolio.candidates.items()
              if group and cand.alternative_group == group}
    funds = set(portfolio.eligible_funds(cid))
    sharing = [c for c in inside or () if funds & set(portfolio.eligible_funds(c))][:2 * BAND]
    moved = {cid} | set(prerequisite_chain(portfolio, cid)) | rivals
    # a funded candidate that requires one of them may have to make way too
    dependents = {c for c, cand in portfolio.candidates.items() if moved & set(cand.requires)}
    return margin | moved | dependents | set(sharing)


@contextmanager
def fixed_outside(solver: Solver, starts: Mapping[str, int], free: set[str]) -> Iterator[None]:
    """Keep every candidate outside `free` as the plan has it, start year included, for the
    duration (its start columns fixed at 1 or 0)."""
    model = solver.model
    cols, on = [], []
    for cid, columns in model.cols_of.items():
        if cid in free:
            continue
        for col in columns:
            cols.append(col)
            on.append(float(model.x_cols[col][1].start == starts.get(cid)))
    index = np.array(cols, dtype=np.int32)
    fixed = np.array(on)
    if len(index):
        solver.highs.changeColsBounds(len(index), index, fixed, fixed)
    try:
        yield
    finally:
        if len(index):
            solver.highs.changeColsBounds(len(index), index, model.col_lower[index],
                                          model.col_upper[index])
