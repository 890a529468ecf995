"""The room a plan leaves: capital per fiscal year and fund, IT staff, new operating cost.

Which fund pays for what is a flow problem (each candidate may draw only on its eligible
funds). Rather than fixing a split as spreadsheets do, the ledger keeps Hall-type "cut"
conditions that are necessary and sufficient for a split to exist: for every group of funds,
the demand of candidates that can only use funds in that group must fit in that group's
money. Without carry-over there is one cut per year and union of eligibility sets. With
carry-over a cut picks, for each fund, the last year whose money it may count, so money
flows forward but never back. This makes "does this candidate still fit?" a few vector
operations, exact, with no solver call; the baselines ask it thousands of times.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from planner.core.models import Portfolio
from planner.plan.schedule import StartOption, eligible_funds_of

TOL = 1e-6
MAX_CARRY_CUTS = 200_000  # beyond this the carry-over cuts are replaced by per-year ones


@dataclass(frozen=True)
class Cut:
    """A group of funds and, per fund, the last fiscal year index whose money counts."""

    last: tuple[int, ...]  # per fund: year index, or -1 when the fund is not in the group


@dataclass(frozen=True)
class Shortfall:
    """What one option lacks: money per year, staff FTE per year, operating room."""

    money: dict[int, float]
    staff: dict[int, float]
    operating: float
    operating_year: int | None = None

    @property
    def total_money(self) -> float:
        """All missing money."""
        return sum(self.money.values())

    @property
    def fits(self) -> bool:
        """True when nothing is missing."""
        return not self.money and not self.staff and self.operating <= TOL


class Ledger:
    """Running commitments of a plan and exact fit checks for one more candidate."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.portfolio = portfolio
        self.years = portfolio.fiscal_years
        self.funds = portfolio.funds
        self.n_years = len(self.years)
        self.year_index = {y: i for i, y in enumerate(self.years)}
        self.classes: list[frozenset[int]] = []
        self.class_of: dict[str, int] = {}
        for cid, funds in eligible_funds_of(portfolio).items():
            eligible = frozenset(self.funds.index(f) for f in funds)
            if eligible not in self.classes:
                self.classes.append(eligible)
            self.class_of[cid] = self.classes.index(eligible)
        self.caps = np.array([[portfolio.capital_cap(y, f) for y in self.years]
                              for f in self.funds]).reshape(len(self.funds), self.n_years)
        self.carry = bool(portfolio.settings.carry_over)
        self.cuts, self.mask, supply = self._build_cuts()
        self.slack = supply
        staff = [portfolio.staff_capacity(y) for y in self.years]
        self.staff_free = np.array([np.inf if s is None else s for s in staff], dtype=float)
        caps = [portfolio.operating_cap(y) for y in self.years]
        cumulative = np.cumsum([c or 0.0 for c in caps])
        self.op_room = np.where([c is None for c in caps], np.inf, cumulative)

    # -- cuts ---------------------------------------------------------------------------
    def _build_cuts(self) -> tuple[list[Cut], np.ndarray, np.ndarray]:
        n_funds, n_years = len(self.funds), self.n_years
        self.carry_cuts = False
        if not n_funds or not n_years or not self.classes:
            return [], np.zeros((0, len(self.classes) * n_years), bool), np.zeros(0)
        self.carry_cuts = self.carry and (n_years + 1) ** n_funds <= MAX_CARRY_CUTS
        if self.carry_cuts:
            lasts = np.array(list(itertools.product(range(-1, n_years), repeat=n_funds)))
        else:
            # per year, only unions of eligibility sets can bind; when carry-over is on but
            # has too many cuts, ignoring it here keeps every fit check safe (sufficient)
            unions: set[frozenset[int]] = set()
            for cls in self.classes:
                unions |= {u | cls for u in unions} | {cls}
            rows = [[t if f in group else -1 for f in range(n_funds)]
                    for t in range(n_years) for group in unions]
            lasts = np.array(rows, dtype=int).reshape(-1, n_funds)
        lasts = lasts[(lasts >= 0).any(axis=1)]
        if not len(lasts):  # no class may use any fund (blank lists, every fund restricted)
            return [], np.zeros((0, len(self.classes) * n_years), bool), np.zeros(0)
        # a class's demand in year t counts when every fund it may use is open through t
        reach = np.stack([
            lasts[:, sorted(cls)].min(axis=1) if cls else np.full(len(lasts), -1)
            for cls in self.classes
        ], axis=1)
        years = np.arange(n_years)
        mask = (years[None, None, :] <= reach[:, :, None]).reshape(len(lasts), -1)
        if not self.carry_cuts:
            own = lasts.max(axis=1)
            mask &= np.tile(years, len(self.classes))[None, :] == own[:, None]
        cum = np.cumsum(self.caps, axis=1) if self.carry_cuts else self.caps
        supply = np.zeros(len(lasts))
        for f in range(n_funds):
            has = lasts[:, f] >= 0
            supply[has] += cum[f, lasts[has, f]]
        keep = mask.any(axis=1)
        lasts, mask, supply = lasts[keep], mask[keep], supply[keep]
        return [Cut(tuple(int(v) for v in row)) for row in lasts], mask, supply

    def _columns(self, cid: str, option: StartOption) -> tuple[np.ndarray, np.ndarray]:
        k = self.class_of[cid]
        cols, amounts = [], []
        for year, amount in option.spend.items():
            if amount > 0 and year in self.year_index:
                cols.append(k * self.n_years + self.year_index[year])
                amounts.append(amount)
        return np.array(cols, dtype=int), np.array(amounts, dtype=float)

    # -- queries ------------------------------------------------------------------------
    def shortfall(self, cid: str, option: StartOption) -> Shortfall:
        """What adding this option would lack, given what is already committed."""
        cand = self.portfolio.candidates[cid]
        money: dict[int, float] = {}
        cols, amounts = self._columns(cid, option)
        if len(cols):
            slack = self.slack.copy()
            for col, amount in sorted(zip(cols, amounts, strict=True)):
                covering = self.mask[:, col]
                room = max(0.0, float(slack[covering].min())) if covering.any() else 0.0
                take = min(amount, room)
                if amount - take > TOL * max(1.0, amount):
                    money[self.years[col % self.n_years]] = amount - take
                slack[covering] -= take
        staff: dict[int, float] = {}
        fte = cand.staff_fte or 0.0
        if fte:
            for year in range(option.start, option.end + 1):
                t = self.year_index[year]
                if fte > self.staff_free[t] + TOL:
                    staff[year] = fte - max(0.0, float(self.staff_free[t]))
        operating, op_year = 0.0, None
        cost = cand.annual_operating_cost or 0.0
        if cost:
            rooms = self.op_room[self.year_index[option.end]:]
            worst = int(np.argmin(rooms))
            if cost > rooms[worst] + TOL:
                operating = cost - max(0.0, float(rooms[worst]))
                op_year = self.years[self.year_index[option.end] + worst]
        return Shortfall(money, staff, operating, op_year)

    def fits(self, cid: str, option: StartOption) -> bool:
        """True when the option fits the room left in every year, fund, staff and operating."""
        cand = self.portfolio.candidates[cid]
        cols, amounts = self._columns(cid, option)
        if len(cols) and (self.slack - self.mask[:, cols] @ amounts < -TOL * (
                1.0 + np.abs(self.slack))).any():
            return False
        fte = cand.staff_fte or 0.0
        if fte:
            ts = [self.year_index[y] for y in range(option.start, option.end + 1)]
            if (self.staff_free[ts] < fte - TOL).any():
                return False
        cost = cand.annual_operating_cost or 0.0
        return not (cost and self.op_room[self.year_index[option.end]:].min() < cost - TOL)

    def add_spend(self, cid: str, spend: dict[int, float]) -> None:
        """Commit money only (used for spend every schedule of a candidate must make)."""
        self.add_money(cid, StartOption(min(spend), max(spend), spend) if spend else None)

    def add_money(self, cid: str, option: StartOption | None) -> None:
        """Commit an option's money to the cuts."""
        if option is None:
            return
        cols, amounts = self._columns(cid, option)
        if len(cols):
            self.slack = self.slack - self.mask[:, cols] @ amounts

    def add(self, cid: str, option: StartOption) -> None:
        """Commit the option (callers check `fits` first when they must stay feasible)."""
        cand = self.portfolio.candidates[cid]
        self.add_money(cid, option)
        fte = cand.staff_fte or 0.0
        if fte:
            for year in range(option.start, option.end + 1):
                self.staff_free[self.year_index[year]] -= fte
        cost = cand.annual_operating_cost or 0.0
        if cost:
            self.op_room[self.year_index[option.end]:] -= cost

    def violated_cuts(self) -> list[tuple[Cut, float]]:
        """Cuts whose committed demand exceeds their money, worst first, with the deficit."""
        bad = np.flatnonzero(self.slack < -TOL * (1.0 + np.abs(self.slack)))
        order = bad[np.argsort(self.slack[bad])]
        return [(self.cuts[i], float(-self.slack[i])) for i in order]

    def cut_supply(self, cut: Cut) -> float:
        """The money a cut's funds hold over its years."""
        cum = np.cumsum(self.caps, axis=1) if self.carry_cuts else self.caps
        return float(sum(cum[f, t] for f, t in enumerate(cut.last) if t >= 0))

    def cut_covers(self, cut: Cut, cid: str, year: int) -> bool:
        """True when a candidate's spend in that year counts against the cut."""
        k = self.classes[self.class_of[cid]]
        t = self.year_index[year]
        reach = min((cut.last[f] for f in k), default=-1)
        return t <= reach if self.carry_cuts else reach == t
