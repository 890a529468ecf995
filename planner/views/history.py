"""The session's history: snapshots of everything that shapes a plan, for undo and redo.

A `History` holds a starting point and the states after each change, every one with what
changed in plain words ("FY2029 Federal Grant: — → $0"). Undo and redo move along that
list and give back a stored state exactly; a new change after an undo drops the changes
that were undone. The history is bounded: past `limit` changes the oldest is forgotten and
the state after it becomes the starting point.

The states are opaque here (the app stores a dict of its session values); nothing in this
module imports Streamlit. The wording helpers below build the descriptions the pages pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.core.words import fy, money

MAX_CHANGES = 100  # changes a session can undo, oldest forgotten first
BLANK = "—"  # how an empty value reads in a change ("— → $0")
ARROW = "→"


@dataclass(frozen=True)
class Step:
    """One state of the session and the change that led to it ("" for the starting point)."""

    change: str
    state: Any


@dataclass
class History:
    """A bounded list of states with a position: the current one, undone ones after it."""

    steps: list[Step] = field(default_factory=list)
    position: int = 0
    limit: int = MAX_CHANGES

    @classmethod
    def start(cls, state: Any, limit: int = MAX_CHANGES) -> History:
        """A history whose starting point is `state`, with nothing to undo."""
        if limit < 1:
            raise ValueError("a history must keep at least one change")
        return cls([Step("", state)], 0, limit)

    @property
    def current(self) -> Any:
        """The state the session is in."""
        return self.steps[self.position].state

    @property
    def can_undo(self) -> bool:
        """True when a change can be undone."""
        return self.position > 0

    @property
    def can_redo(self) -> bool:
        """True when an undone change can be made again."""
        return self.position < len(self.steps) - 1

    def push(self, state: Any, change: str) -> None:
        """Record `state` as the result of `change`; undone changes are dropped."""
        del self.steps[self.position + 1:]
        self.steps.append(Step(change, state))
        self.position += 1
        overflow = len(self.steps) - 1 - self.limit
        if overflow > 0:  # the state after the oldest kept change becomes the start
            self.steps = [Step("", self.steps[overflow].state), *self.steps[overflow + 1:]]
            self.position -= overflow

    def amend(self, state: Any) -> None:
        """Replace the current state without recording a change (values derived from it)."""
        self.steps[self.position] = Step(self.steps[self.position].change, state)

    def undo(self) -> Step | None:
        """Step back: returns the step undone (its change), or None; `current` is then the
        state before it."""
        if not self.can_undo:
            return None
        self.position -= 1
        return self.steps[self.position + 1]

    def redo(self) -> Step | None:
        """Make the next undone change again: returns its step, or None."""
        if not self.can_redo:
            return None
        self.position += 1
        return self.steps[self.position]

    def changes(self) -> list[str]:
        """What was changed so far, newest first (undone changes not included)."""
        return [step.change for step in reversed(self.steps[1:self.position + 1])]

    def undone(self) -> list[str]:
        """The changes that Redo would make again, next first."""
        return [step.change for step in self.steps[self.position + 1:]]

    @property
    def next_undo(self) -> str | None:
        """The change Undo would take back."""
        return self.steps[self.position].change if self.can_undo else None

    @property
    def next_redo(self) -> str | None:
        """The change Redo would make again."""
        return self.steps[self.position + 1].change if self.can_redo else None


# --- wording ---------------------------------------------------------------------------------
def value_words(value: Any) -> str:
    """A value as a change shows it: blanks as "—", yes/no, whole numbers without ".0"."""
    if value is None or value == "" or value == [] or value == {}:
        return BLANK
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.4g}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(map(str, value))
    return str(value)


def money_words(value: Any) -> str:
    """An amount as a change shows it: "$1.2M", or "—" when blank."""
    if value is None or value == "":
        return BLANK
    try:
        return money(float(value))
    except (TypeError, ValueError):
        return str(value)


def change_words(label: str, before: Any, after: Any, *, as_money: bool = False) -> str:
    """"Label: before → after", in the product's words."""
    word = money_words if as_money else value_words
    return f"{label}: {word(before)} {ARROW} {word(after)}"


def weight_changes(before: Mapping[str, float] | None, after: Mapping[str, float] | None
                   ) -> str:
    """The weights that moved, as shares of the total: "Weight of Legacy risk: 20% → 30%"."""
    old, new = _shares(before), _shares(after)
    parts = [f"{name}: {_pct(old.get(name))} {ARROW} {_pct(new.get(name))}"
             for name in dict.fromkeys([*old, *new])
             if old.get(name) is None or new.get(name) is None
             or round(old[name]) != round(new[name])]
    if not parts:
        return "Weights rescaled (the same proportions)"
    return "Weight of " + "; ".join(parts)


def _shares(weights: Mapping[str, float] | None) -> dict[str, float]:
    total = sum(float(w) for w in (weights or {}).values())
    return {str(n): 100.0 * float(w) / total for n, w in (weights or {}).items()} if total \
        else {}


def _pct(value: float | None) -> str:
    return "preset" if value is None else f"{value:.0f}%"


def set_changes(label: str, before: Iterable[str], after: Iterable[str]) -> str:
    """Ids added to or removed from a choice: "Always fund: + C-004, − C-010"."""
    old, new = set(before), set(after)
    parts = [f"+ {c}" for c in sorted(new - old)] + [f"− {c}" for c in sorted(old - new)]
    return f"{label}: " + (", ".join(parts) if parts else "unchanged")


def pin_changes(before: Mapping[str, int], after: Mapping[str, int]) -> str:
    """Pinned start years that changed: "Start of C-004: — → FY2028"."""
    parts = [f"{cid}: {_year(before.get(cid))} {ARROW} {_year(after.get(cid))}"
             for cid in sorted(set(before) | set(after)) if before.get(cid) != after.get(cid)]
    return "Start of " + "; ".join(parts) if parts else "Pinned starts unchanged"


def _year(value: int | None) -> str:
    return BLANK if value is None else fy(int(value))


def grid_changes(before: Mapping[str, Mapping[str, Any]] | None,
                 after: Mapping[str, Mapping[str, Any]] | None,
                 money_columns: Iterable[str] = ()) -> list[str]:
    """Each cell of a budget grid (fiscal year -> column -> amount) that changed:
    "FY2029 Federal Grant: — → $0"."""
    old, new = before or {}, after or {}
    amounts = set(money_columns)
    lines = []
    for year in sorted(set(old) | set(new), key=str):
        row_a, row_b = old.get(year) or {}, new.get(year) or {}
        for column in dict.fromkeys([*row_a, *row_b]):
            if row_a.get(column) != row_b.get(column):
                lines.append(change_words(f"{fy(int(year))} {column}", row_a.get(column),
                                          row_b.get(column), as_money=column in amounts))
    return lines


def joined(lines: list[str], limit: int = 3) -> str:
    """Several changes as one line: the first few, then how many more."""
    if len(lines) <= limit:
        return "; ".join(lines)
    return "; ".join(lines[:limit]) + f"; and {len(lines) - limit} more"
