"""Build the roadmap MILP: which candidates to fund, when, and from which funds.

Variables
- x[c,s] binary: candidate c is funded and starts in year s (one per feasible start).
- w[k,t,f] >= 0: money from fund f in year t paying for candidates of eligibility class k
  (candidates that may draw on exactly the same funds). Splitting per class instead of per
  candidate is exact, because candidates of one class are interchangeable for the split, and
  keeps the model small; the per-candidate split is recovered afterwards (allocation.py).
- r[f,t] >= 0 (carry-over only): money of fund f left at the end of year t for year t+1.

Rows (each tagged with a group, so that an infeasible model can be explained)
- assign: sum_s x[c,s] <= 1, and >= 1 when the candidate is mandatory, forced in or pinned.
- demand: sum over class k of spend(c,s,t) x[c,s] = sum_f w[k,t,f].
- capital: sum_k w[k,t,f] (+ r[f,t] - r[f,t-1]) <= cap[t,f].
- staff: FTE of candidates running in year t <= capacity.
- operating: new annual operating cost of candidates that finished by year t <= the sum of the
  operating increases allowed through t (the increase is permanent, so unused room carries).
- requires: x[A,s] <= sum of x[B,t] over the starts t of B that finish before s. One row per
  (dependent, start year, prerequisite): much tighter than an aggregated big-M row.
- alternative: at most one funded per either/or group.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.plan.schedule import StartOption, Window, required_ids, time_weight, windows

INF = math.inf


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
        for cid, by_year in spend.items():
            eligible = frozenset(self.portfolio.eligible_funds(cid))
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
        years = self.portfolio.fiscal_years
        weighted = self.portfolio.settings.time_weighting
        for col, (cid, option) in enumerate(self.x_cols):
            weight = time_weight(option, years) if weighted else 1.0
            cost[col] = float(values.get(cid, 0.0)) * weight
        return cost

    def x_vector(self, chosen: Mapping[str, int]) -> np.ndarray:
        """0/1 values of the start binaries for {candidate: start year}."""
        x = np.zeros(self.n_x)
        for cid, start in chosen.items():
            for col in self.cols_of.get(cid, []):
                if self.x_cols[col][1].start == start:
                    x[col] = 1.0
        return x


def _scale(values: list[float]) -> float:
    top = max((v for v in values if v > 0), default=1.0)
    return 10.0 ** math.floor(math.log10(top))


class _Rows:
    """Accumulates sparse rows as triplets."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.kind: list[str] = []
        self.key: list[tuple] = []

    def add(self, kind: str, key: tuple, entries: list[tuple[int, float]], lo: float,
            hi: float) -> int:
        index = len(self.lower)
        for col, val in entries:
            self.rows.append(index)
            self.cols.append(col)
            self.vals.append(val)
        self.lower.append(lo)
        self.upper.append(hi)
        self.kind.append(kind)
        self.key.append(key)
        return index


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
    years, funds = portfolio.fiscal_years, portfolio.funds
    ty = {y: i for i, y in enumerate(years)}
    settings = portfolio.settings
    caps = {(y, f): portfolio.capital_cap(y, f) for y in years for f in funds}
    money = _scale(list(caps.values()))
    op_costs = [c.annual_operating_cost or 0.0 for c in portfolio.candidates.values()]
    op_scale = _scale(op_costs)
    required = required_ids(portfolio, over)

    cost: list[float] = []
    lower: list[float] = []
    upper: list[float] = []
    integer: list[bool] = []

    def column(obj: float, lo: float, hi: float, is_int: bool) -> int:
        cost.append(obj)
        lower.append(lo)
        upper.append(hi)
        integer.append(is_int)
        return len(cost) - 1

    x_cols: list[tuple[str, StartOption]] = []
    cols_of: dict[str, list[int]] = {}
    for cid in portfolio.candidates:
        blocked = cid in over.force_out
        for option in wins[cid].options:
            weight = time_weight(option, years) if settings.time_weighting else 1.0
            value = 0.0 if elastic else float(values.get(cid, 0.0)) * weight
            col = column(value, 0.0, 0.0 if blocked else 1.0, True)
            x_cols.append((cid, option))
            cols_of.setdefault(cid, []).append(col)

    rows = _Rows()
    assign_row: dict[str, int] = {}
    for cid, cols in cols_of.items():
        lo = 1.0 if cid in required else 0.0
        assign_row[cid] = rows.add("assign", (cid,), [(c, 1.0) for c in cols], lo, 1.0)

    # demand per eligibility class and year, paid by that class's funds
    class_of: dict[frozenset[str], int] = {}
    demand: dict[tuple[int, int], list[tuple[int, float]]] = {}
    class_funds: list[list[str]] = []
    for col, (cid, option) in enumerate(x_cols):
        eligible = frozenset(portfolio.eligible_funds(cid))
        if eligible not in class_of:
            class_of[eligible] = len(class_funds)
            class_funds.append([f for f in funds if f in eligible])
        k = class_of[eligible]
        for year, amount in option.spend.items():
            if amount > 0:
                demand.setdefault((k, ty[year]), []).append((col, amount / money))
    fund_entries: dict[tuple[int, str], list[tuple[int, float]]] = {}
    w_cols: dict[tuple[frozenset[str], int, str], int] = {}
    class_key = {k: key for key, k in class_of.items()}
    for (k, t), entries in sorted(demand.items()):
        w_entries = []
        for f in class_funds[k]:
            w = column(0.0, 0.0, INF, False)
            w_cols[(class_key[k], years[t], f)] = w
            w_entries.append((w, -1.0))
            fund_entries.setdefault((t, f), []).append((w, 1.0))
        rows.add("demand", (k, years[t]), entries + w_entries, 0.0, 0.0)
    carry: dict[tuple[int, str], int] = {}
    if settings.carry_over:
        for t in range(len(years) - 1):
            for f in funds:
                carry[(t, f)] = column(0.0, 0.0, INF, False)
    for t, year in enumerate(years):
        for f in funds:
            entries = list(fund_entries.get((t, f), []))
            if (t, f) in carry:
                entries.append((carry[(t, f)], 1.0))
            if (t - 1, f) in carry:
                entries.append((carry[(t - 1, f)], -1.0))
            if entries:
                rows.add("capital", (year, f), entries, -INF, caps[(year, f)] / money)

    for year in years:
        capacity = portfolio.staff_capacity(year)
        if capacity is None:
            continue
        entries = [(col, portfolio.candidates[cid].staff_fte or 0.0)
                   for col, (cid, option) in enumerate(x_cols) if option.runs_in(year)]
        entries = [e for e in entries if e[1] > 0]
        if entries:
            rows.add("staff", (year,), entries, -INF, capacity)

    op_caps = [portfolio.operating_cap(y) for y in years]
    cumulative = 0.0
    for t, year in enumerate(years):
        cumulative += op_caps[t] or 0.0
        if op_caps[t] is None:
            continue
        entries = []
        for col, (cid, option) in enumerate(x_cols):
            op = portfolio.candidates[cid].annual_operating_cost or 0.0
            if op > 0 and option.end <= year:
                entries.append((col, op / op_scale))
        if entries:
            rows.add("operating", (year,), entries, -INF, cumulative / op_scale)

    for cid, cand in portfolio.candidates.items():
        for req in cand.requires:
            for col in cols_of.get(cid, []):
                start = x_cols[col][1].start
                before = [(b, -1.0) for b in cols_of.get(req, []) if x_cols[b][1].end < start]
                rows.add("requires", (cid, start, req), [(col, 1.0)] + before, -INF, 0.0)

    for label, members in portfolio.alternative_groups.items():
        entries = [(c, 1.0) for cid in members for c in cols_of.get(cid, [])]
        if len(entries) > 1:
            rows.add("alternative", (label,), entries, -INF, 1.0)

    slack_cols: dict[int, int] = {}
    if elastic:
        for row, kind in enumerate(rows.kind):
            if kind in ("capital", "staff", "operating"):
                slack = column(-1.0, 0.0, INF, False)
                slack_cols[row] = slack
                rows.rows.append(row)
                rows.cols.append(slack)
                rows.vals.append(-1.0)

    shape = (len(rows.lower), len(cost))
    matrix = sparse.csc_matrix((rows.vals, (rows.rows, rows.cols)), shape=shape)
    return PlanModel(
        portfolio=portfolio, windows=wins, cost=np.array(cost), col_lower=np.array(lower),
        col_upper=np.array(upper), integer=np.array(integer, dtype=bool), matrix=matrix,
        row_lower=np.array(rows.lower), row_upper=np.array(rows.upper), x_cols=x_cols,
        cols_of=cols_of, assign_row=assign_row, row_kind=rows.kind, row_key=rows.key,
        slack_cols=slack_cols, money_scale=money, op_scale=op_scale, w_cols=w_cols,
        carry_cols={(years[t], f): col for (t, f), col in carry.items()},
    )
