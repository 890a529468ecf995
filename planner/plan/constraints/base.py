"""What every constraint kind shares: the model while it is built, and the kind's record.

A kind is one hard rule of the plan. It holds the rows it adds to the MILP (`add_rows`, given
the `Draft` with the start columns already in place), its check in the independent plan
checker (`check`, which re-derives the rule from the portfolio and a plan's funded items, not
from the model), and the reason code `planner.plan.reasons` gives a candidate the rule
leaves out (None when the rule never leaves one out: breaking it makes the plan infeasible).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from planner.core.models import Portfolio
from planner.core.plans import FundedItem, Overrides
from planner.core.reasons import ReasonCode
from planner.plan.schedule import StartOption, Window

INF = math.inf
TOL = 1e-6  # relative tolerance of the plan checks

Entries = list[tuple[int, float]]  # (column, coefficient) of one row
Funded = Mapping[str, FundedItem]  # a plan's funded items by candidate id
Check = Callable[[Portfolio, Funded, Overrides], list[str]]


def scale_of(values: list[float]) -> float:
    """The power of ten below the largest positive value (1 when there is none)."""
    top = max((v for v in values if v > 0), default=1.0)
    return 10.0 ** math.floor(math.log10(top))


@dataclass
class Draft:
    """The MILP while it is built: columns, rows as sparse triplets, and the bookkeeping."""

    portfolio: Portfolio
    overrides: Overrides
    windows: dict[str, Window]
    elastic: bool = False
    cost: list[float] = field(default_factory=list)
    col_lower: list[float] = field(default_factory=list)
    col_upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    x_cols: list[tuple[str, StartOption]] = field(default_factory=list)
    cols_of: dict[str, list[int]] = field(default_factory=dict)
    entry_rows: list[int] = field(default_factory=list)
    entry_cols: list[int] = field(default_factory=list)
    entry_vals: list[float] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    row_kind: list[str] = field(default_factory=list)
    row_key: list[tuple] = field(default_factory=list)
    assign_row: dict[str, int] = field(default_factory=dict)
    w_cols: dict[tuple[frozenset[str], int, str], int] = field(default_factory=dict)
    carry_cols: dict[tuple[int, str], int] = field(default_factory=dict)  # (year, fund)
    money_scale: float = 1.0
    op_scale: float = 1.0

    @property
    def years(self) -> list[int]:
        """The plan's fiscal years."""
        return self.portfolio.fiscal_years

    def column(self, obj: float, lo: float, hi: float, is_int: bool) -> int:
        """Add a column; returns its index."""
        self.cost.append(obj)
        self.col_lower.append(lo)
        self.col_upper.append(hi)
        self.integer.append(is_int)
        return len(self.cost) - 1

    def add_row(self, kind: str, key: tuple, entries: Entries, lo: float, hi: float) -> int:
        """Add a row of group `kind` (its key names it for explanations); returns its index."""
        index = len(self.row_lower)
        for col, val in entries:
            self.add_entry(index, col, val)
        self.row_lower.append(lo)
        self.row_upper.append(hi)
        self.row_kind.append(kind)
        self.row_key.append(key)
        return index

    def add_entry(self, row: int, col: int, val: float) -> None:
        """Put one coefficient into an existing row."""
        self.entry_rows.append(row)
        self.entry_cols.append(col)
        self.entry_vals.append(val)

    def x_entries(self, coefficient: Callable[[str, StartOption], float]) -> Entries:
        """(column, coefficient) of every start column whose coefficient is positive."""
        entries = [(col, coefficient(cid, option))
                   for col, (cid, option) in enumerate(self.x_cols)]
        return [e for e in entries if e[1] > 0]


def no_rows(draft: Draft) -> None:
    """For a rule the start columns already carry: it adds no rows."""


@dataclass(frozen=True)
class ConstraintKind:
    """One hard rule: its model rows, its independent check and its reason code."""

    name: str
    reason: ReasonCode | None
    add_rows: Callable[[Draft], None]
    check: Check
    row_groups: tuple[str, ...] = ()  # the row groups it adds, in the order it adds them
    elastic_groups: frozenset[str] = frozenset()  # groups that get a slack in elastic mode
