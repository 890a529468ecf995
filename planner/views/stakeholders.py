"""The stakeholders' table of the Criteria & weights page, and the plain words of its changes.

One row per stakeholder: `stakeholder`, `role`, then one weight column per criterion (0-100,
only the proportions count). The table starts from the stakeholders the workbook lists (none
when it lists none); nothing is made up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from planner.core.models import Stakeholder
from planner.score.criteria import column_key

STAKEHOLDER, ROLE = "stakeholder", "role"
SAME = 1e-6  # normalized weights closer than this are the same weights


def _given(person: Stakeholder, name: str) -> float | None:
    key = column_key(name)
    return next((w for n, w in person.weights.items() if column_key(n) == key), None)


def stakeholder_frame(stakeholders: Iterable[Stakeholder], names: Sequence[str]
                      ) -> pd.DataFrame:
    """The stakeholders as the page's table (an empty table when there are none)."""
    rows = [{STAKEHOLDER: p.name, ROLE: p.role or "",
             **{n: _given(p, n) for n in names}} for p in stakeholders]
    frame = pd.DataFrame(rows, columns=[STAKEHOLDER, ROLE, *names])
    frame[list(names)] = frame[list(names)].astype(float)
    frame[[STAKEHOLDER, ROLE]] = frame[[STAKEHOLDER, ROLE]].astype(object)
    frame.index = pd.Index(range(1, len(frame) + 1), name="row")
    return frame


def criteria_of(table: pd.DataFrame) -> list[str]:
    """The weight columns of a stakeholders' table."""
    return [c for c in table.columns if c not in (STAKEHOLDER, ROLE)]


def add_stakeholder(table: pd.DataFrame, name: str, weights: Mapping[str, float],
                    role: str = "") -> pd.DataFrame:
    """The table with one more stakeholder, starting from the given weights."""
    row = {STAKEHOLDER: name.strip(), ROLE: role.strip(),
           **{n: float(weights.get(n, 0.0)) for n in criteria_of(table)}}
    label = int(table.index.max()) + 1 if len(table) else 1
    added = pd.DataFrame([row], index=pd.Index([label], name="row"), columns=table.columns)
    return pd.concat([table, added]) if len(table) else added.astype(table.dtypes.to_dict())


def fill_blank_weights(table: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    """A row added with blank weights starts from the given (current) weights."""
    names = criteria_of(table)
    filled = table.copy()
    blank = filled[names].isna().all(axis=1)
    for name in names:
        filled.loc[blank, name] = float(weights.get(name, 0.0))
    return filled


def table_stakeholders(table: pd.DataFrame) -> tuple[Stakeholder, ...]:
    """The named rows with a positive weight for every criterion, as Stakeholder records."""
    people = []
    for _, row in table.iterrows():
        name = "" if pd.isna(row[STAKEHOLDER]) else str(row[STAKEHOLDER]).strip()
        weights = {n: float(row[n]) for n in criteria_of(table) if not pd.isna(row[n])}
        if name and weights and all(w > 0 for w in weights.values()):
            role = "" if pd.isna(row[ROLE]) else str(row[ROLE]).strip()
            people.append(Stakeholder(name=name, role=role or None, weights=weights))
    return tuple(people)


def _label(row: pd.Series, number: Any) -> str:
    name = row[STAKEHOLDER]
    return str(name).strip() if not pd.isna(name) and str(name).strip() else f"row {number}"


def _number(value: Any) -> str:
    return "—" if value is None or pd.isna(value) else f"{float(value):g}"


def stakeholder_changes(before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """Each change between two versions of the table, in plain words, keyed by row."""
    changes = [f"Removed stakeholder {_label(before.loc[k], k)}"
               for k in before.index if k not in after.index]
    for key, row in after.iterrows():
        if key not in before.index:
            changes.append(f"Added stakeholder {_label(row, key)}")
            continue
        old = before.loc[key]
        for column in after.columns:
            was, now = old.get(column), row[column]
            if (pd.isna(was) and pd.isna(now)) or was == now:
                continue
            words = (f"'{was}' → '{now}'" if column in (STAKEHOLDER, ROLE)
                     else f"{_number(was)} → {_number(now)}")
            changes.append(f"Stakeholder {_label(old, key)}, {column}: {words}")
    return changes


def same_weights(a: Mapping[str, float] | None, b: Mapping[str, float] | None) -> bool:
    """True when two sets of weights have the same proportions."""
    if not a or not b or set(a) != set(b):
        return False
    total_a, total_b = sum(a.values()), sum(b.values())
    if total_a <= 0 or total_b <= 0:
        return False
    return all(abs(a[n] / total_a - b[n] / total_b) <= SAME for n in a)
