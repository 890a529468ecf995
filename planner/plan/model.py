"""Build the roadmap MILP: which candidates to fund, when, and from which funds.

Columns
- x[c,s] binary: candidate c is funded and starts in year s (one per feasible start).
- then whatever the constraint kinds add: the fund split w[k,t,f] and carry-over r[f,t]
  (planner.plan.constraints.budget), and in elastic mode one slack per capacity row.

Rows come from the constraint kinds (planner.plan.constraints), one module per hard rule, in
the registry's order: assign, demand, capital, staff, operating, requires, alternative. Each
row is tagged with its group and a key, so that an infeasible model can be explained.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.plan.constraints import ELASTIC_GROUPS, KINDS
from planner.plan.constraints.base import INF, Draft
from planner.plan.schedule import (
    StartOption,
    Window,
    eligible_funds_of,
    option_discount,
    option_weight,
    windows,
)


@dataclass
class PlanModel:
    """The MILP in column form, with the bookkeeping needed to read and explain a solution."""

    portfolio: Portfolio
    windows: dict[str, Window]
    cost: np.ndarray
    col_lower: np.ndarray
    col_upper: np.ndarray
    integer: np.ndarray  # bool per column
    matrix: sparse.csc_matrix
    row_lower: np.ndarray
    row_upper: np.ndarray
    x_cols: list[tuple[str, StartOption]]  # the first len(x_cols) columns
    cols_of: dict[str, list[int]]
    assign_row: dict[str, int]
    row_kind: list[str]
    row_key: list[tuple]
    slack_cols: dict[int, int] = field(default_factory=dict)  # row -> slack column (elastic)
    w_cols: dict[tuple[frozenset[str], int, str], int] = field(default_factory=dict)
    carry_cols: dict[tuple[int, str], int] = field(default_factory=dict)  # (year, fund)
    money_scale: float = 1.0
    op_scale: float = 1.0

    @property
    def n_x(self) -> int:
        """Number of start-year binaries."""
        return len(self.x_cols)

    def rows_of(self, kind: str) -> list[int]:
        """Indices of the rows in one group."""
        return [i for i, k in enumerate(self.row_kind) if k == kind]

    def chosen(self, x: np.ndarray) -> dict[str, StartOption]:
        """Funded candidates and their start option, read from a solution vector."""
        picked = np.flatnonzero(x[: self.n_x] > 0.5)
        return {self.x_cols[i][0]: self.x_cols[i][1] for i in picked}

    def start_vector(self, chosen: Mapping[str, int],
                     spend: Mapping[str, Mapping[int, Mapping[str, float]]]) -> np.ndarray:
        """A full column vector for a feasible plan: starts, fund split and carry-over."""
        vector = np.zeros(len(self.cost))
        vector[: self.n_x] = self.x_vector(chosen)
        used: dict[tuple[int, str], float] = {}
        funds_of = eligible_funds_of(self.portfolio)
        for cid, by_year in spend.items():
            eligible = frozenset(funds_of[cid])
            for year, by_fund in by_year.items():
                for fund, amount in by_fund.items():
                    col = self.w_cols.get((eligible, year, fund))
                    if col is not None:
                        vector[col] += amount / self.money_scale
                    used[(year, fund)] = used.get((year, fund), 0.0) + amount
        for fund in self.portfolio.funds:
            balance = 0.0
            for year in self.portfolio.fiscal_years:
                balance += self.portfolio.capital_cap(year, fund) - used.get((year, fund), 0.0)
                col = self.carry_cols.get((year, fund))
                if col is not None:
                    vector[col] = max(0.0, balance) / self.money_scale
        return vector

    def objective_for(self, values: Mapping[str, float]) -> np.ndarray:
        """Objective coefficients for other candidate values (same rules, same columns)."""
        cost = np.zeros(len(self.cost))
        years, settings = self.portfolio.fiscal_years, self.portfolio.settings
        for col, (cid, option) in enumerate(self.x_cols):
            cost[col] = float(values.get(cid, 0.0)) * option_weight(option, years, settings)
        return cost

    def schedule_costs(self, values: Mapping[str, float]) -> np.ndarray:
        """Objective coefficients that value each start by its delivery discount (step two:
        the schedule of a funded set fixed by step one)."""
        cost = np.zeros(len(self.cost))
        years, settings = self.portfolio.fiscal_years, self.portfolio.settings
        for col, (cid, option) in enumerate(self.x_cols):
            cost[col] = float(values.get(cid, 0.0)) * option_discount(option, years, settings)
        return cost

    def x_vector(self, chosen: Mapping[str, int]) -> np.ndarray:
        """0/1 values of the start binaries for {candidate: start year}."""
        x = np.zeros(self.n_x)
        for cid, start in chosen.items():
            for col in self.cols_of.get(cid, []):
                if self.x_cols[col][1].start == start:
                    x[col] = 1.0
        return x


def _start_columns(draft: Draft, values: Mapping[str, float]) -> None:
    """One binary per candidate and feasible start, valued by its delivery weight."""
    years, settings = draft.years, draft.portfolio.settings
    for cid in draft.portfolio.candidates:
        for option in draft.windows[cid].options:
            weight = option_weight(option, years, settings)
            value = 0.0 if draft.elastic else float(values.get(cid, 0.0)) * weight
            col = draft.column(value, 0.0, 1.0, True)
            draft.x_cols.append((cid, option))
            draft.cols_of.setdefault(cid, []).append(col)


def _slack_columns(draft: Draft) -> dict[int, int]:
    """In elastic mode, a slack on every capacity row; the objective is minus their sum."""
    slack_cols: dict[int, int] = {}
    if draft.elastic:
        for row, group in enumerate(draft.row_kind):
            if group in ELASTIC_GROUPS:
                slack_cols[row] = draft.column(-1.0, 0.0, INF, False)
                draft.add_entry(row, slack_cols[row], -1.0)
    return slack_cols


def build_model(
    portfolio: Portfolio,
    values: Mapping[str, float],
    overrides: Overrides | None = None,
    *,
    elastic: bool = False,
    wins: dict[str, Window] | None = None,
) -> PlanModel:
    """The MILP for a portfolio and candidate values (elastic: capacity rows get slacks)."""
    over = overrides or Overrides()
    wins = wins if wins is not None else windows(portfolio, over)
    draft = Draft(portfolio, over, wins, elastic=elastic)
    _start_columns(draft, values)
    for kind in KINDS:
        kind.add_rows(draft)
    slack_cols = _slack_columns(draft)
    shape = (len(draft.row_lower), len(draft.cost))
    matrix = sparse.csc_matrix((draft.entry_vals, (draft.entry_rows, draft.entry_cols)),
                               shape=shape)
    return PlanModel(
        portfolio=portfolio, windows=wins, cost=np.array(draft.cost),
        col_lower=np.array(draft.col_lower), col_upper=np.array(draft.col_upper),
        integer=np.array(draft.integer, dtype=bool), matrix=matrix,
        row_lower=np.array(draft.row_lower), row_upper=np.array(draft.row_upper),
        x_cols=draft.x_cols, cols_of=draft.cols_of, assign_row=draft.assign_row,
        row_kind=draft.row_kind, row_key=draft.row_key, slack_cols=slack_cols,
        money_scale=draft.money_scale, op_scale=draft.op_scale, w_cols=draft.w_cols,
        carry_cols=draft.carry_cols,
    )
