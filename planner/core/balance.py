"""Balance rules: how capital is shared between departments, approaches or any candidate column.

A rule names a group of candidates by one column's value ("department = Public Safety",
"approach = replace") and a limit on that group:

- min share / max share: the group's spend as a share (0-1) of all the plan's spend;
- min amount / max amount: the group's spend in dollars;
- at least one / exactly one: how many of the group are funded (over the horizon).

A money rule counts the spend of one fiscal year, of each fiscal year separately, or of the
whole horizon (`fiscal_year`, `each_year`). A share rule is linear: group spend >= share x
all spend, so a plan that spends nothing in its scope keeps a minimum share trivially.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

if TYPE_CHECKING:
    from planner.core.models import Candidate, Portfolio


class RuleKind(StrEnum):
    """What a balance rule limits."""

    MIN_SHARE = "min share"
    MAX_SHARE = "max share"
    MIN_AMOUNT = "min amount"
    MAX_AMOUNT = "max amount"
    AT_LEAST_ONE = "at least one"
    EXACTLY_ONE = "exactly one"

    @property
    def is_share(self) -> bool:
        """True for a share of capital (limit 0-1)."""
        return self in (RuleKind.MIN_SHARE, RuleKind.MAX_SHARE)

    @property
    def is_count(self) -> bool:
        """True for a count of funded candidates (no limit)."""
        return self in (RuleKind.AT_LEAST_ONE, RuleKind.EXACTLY_ONE)

    @property
    def is_min(self) -> bool:
        """True for a lower limit (share or amount)."""
        return self in (RuleKind.MIN_SHARE, RuleKind.MIN_AMOUNT)

    @classmethod
    def from_text(cls, text: object) -> RuleKind:
        """A kind from its natural spellings ('min_share', 'Minimum share', 'at most $')."""
        key = " ".join(str(text).replace("_", " ").replace("-", " ").lower().split())
        key = key.replace("minimum", "min").replace("maximum", "max")
        key = {"min %": "min share", "max %": "max share", "min $": "min amount",
               "max $": "max amount", "exactly 1": "exactly one", "at least 1": "at least one",
               "one of": "exactly one"}.get(key, key)
        for member in cls:
            if key == member.value:
                return member
        raise ValueError(f"'{text}' is not one of: {', '.join(m.value for m in cls)}")


class BalanceRule(BaseModel):
    """One balance rule (a row of the Rules sheet)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1)
    column: str = Field(min_length=1)
    value: str = Field(min_length=1)
    kind: RuleKind
    limit: float | None = None  # a share 0-1, or dollars; None for a count rule
    fiscal_year: int | None = Field(default=None, ge=1990, le=2200)
    each_year: bool = False  # the limit holds in every fiscal year separately

    @model_validator(mode="after")
    def _limit(self) -> BalanceRule:
        if self.kind.is_count:
            return self
        if self.limit is None:
            raise ValueError(f"a {self.kind.value} rule needs a limit")
        if self.kind.is_share and not 0 <= self.limit <= 1:
            raise ValueError("a share is between 0% and 100%")
        if self.limit < 0:
            raise ValueError("an amount cannot be negative")
        return self

    @property
    def group(self) -> str:
        """The group in words: 'department = Public Safety'."""
        return f"{self.column} = {self.value}"

    def scopes(self, years: list[int]) -> list[tuple[int, ...]]:
        """The sets of fiscal years whose spend the rule limits, one set per limit."""
        if self.kind.is_count:
            return [tuple(years)]
        if self.fiscal_year is not None:
            return [(self.fiscal_year,)]
        return [(y,) for y in years] if self.each_year else [tuple(years)]

    @property
    def scope_words(self) -> str:
        """'in FY2028', 'each year' or 'over all years'."""
        if self.fiscal_year is not None:
            return f"in FY{self.fiscal_year}"
        return "each year" if self.each_year else "over all years"


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, tuple | list | frozenset | set):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return [str(getattr(value, "value", value))]


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").casefold().split())


def candidate_values(portfolio: Portfolio, cid: str, column: str) -> list[str]:
    """The values a candidate has in a column: its own field or custom column, and for
    `department` (unless it has its own) the departments of the systems and processes it
    modernizes (a candidate whose targets span departments belongs to each)."""
    cand: Candidate = portfolio.candidates[cid]
    key = _key(column)
    fields = {_key(name): name for name in type(cand).model_fields if name != "extra"}
    if key in fields:
        return _texts(getattr(cand, fields[key]))
    extra = {_key(name): v for name, v in cand.extra.items()}
    if key in extra:
        return _texts(extra[key])
    if key == "department":
        targets = [*portfolio.target_systems(cid), *portfolio.target_processes(cid)]
        return list(dict.fromkeys(t.department for t in targets if t.department))
    return []


def known_column(portfolio: Portfolio, column: str) -> bool:
    """True when some candidate has the column (a field, a custom column or department)."""
    from planner.core.models import Candidate

    key = _key(column)
    if key == "department" or key in {_key(n) for n in Candidate.model_fields if n != "extra"}:
        return True
    return any(key in {_key(n) for n in c.extra} for c in portfolio.candidates.values())


# The groups of the last few portfolios (frozen, so their groups never change), each kept
# with its portfolio so that a reused id is never mistaken for it.
_GROUPS: dict[int, tuple[Portfolio, dict[tuple[str, str], frozenset[str]]]] = {}
_KEEP = 8


def members(portfolio: Portfolio, rule: BalanceRule) -> frozenset[str]:
    """The candidates in a rule's group (values compared without case)."""
    entry = _GROUPS.get(id(portfolio))
    if entry is None or entry[0] is not portfolio:
        if len(_GROUPS) >= _KEEP:
            _GROUPS.clear()
        entry = _GROUPS[id(portfolio)] = (portfolio, {})
    key = (_key(rule.column), _key(rule.value))
    if key not in entry[1]:
        entry[1][key] = frozenset(
            cid for cid in portfolio.candidates
            if key[1] in {_key(v) for v in candidate_values(portfolio, cid, rule.column)})
    return entry[1][key]


def column_values(portfolio: Portfolio, column: str) -> list[str]:
    """Every value the candidates have in a column, in order of first appearance."""
    return list(dict.fromkeys(v for cid in portfolio.candidates
                              for v in candidate_values(portfolio, cid, column)))


REPORT_HEADERS = ("in this plan", "binds")  # the council workbook's report beside each rule


@dataclass(frozen=True)
class RuleReport:
    """How a plan stands against one rule: the limit, the actual figure, whether it binds.

    For a share, limit and actual are shares (0-1); for an amount, dollars; for a count, the
    number funded. A rule that holds each year reports its tightest year.
    """

    name: str
    kind: RuleKind
    group: str
    scope: str
    limit: float | None
    actual: float
    binds: bool
    kept: bool = True
    year: int | None = None  # the fiscal year reported, for a rule of each year

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"name": self.name, "kind": self.kind.value, "group": self.group,
                "scope": self.scope, "limit": self.limit, "actual": self.actual,
                "binds": self.binds, "kept": self.kept, "year": self.year}


def spend_in(spend: Iterable[tuple[int, float]], years: tuple[int, ...]) -> float:
    """The part of (year, amount) pairs that falls in the given years."""
    return sum(amount for year, amount in spend if year in years)
