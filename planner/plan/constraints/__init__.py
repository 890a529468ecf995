"""The plan's hard rules, one module per kind, in the order the model adds their rows.

Adding a kind: its module (rows, check, reason code), its test in tests/plan/constraints,
its line here (and its name in the import), and the words of a new reason code in
planner.core.reasons. The model (planner.plan.model) adds the rows and the independent plan
checker (planner.plan.check) runs the checks, both by walking KINDS.
"""

from __future__ import annotations

from planner.plan.constraints import (
    alternative,
    balance,
    budget,
    deadline,
    forced_out,
    group,
    horizon,
    operating,
    pinned,
    prerequisite,
    required,
    staff,
)
from planner.plan.constraints.base import ConstraintKind, Draft

KINDS: tuple[ConstraintKind, ...] = (
    horizon.KIND,
    deadline.KIND,
    required.KIND,
    pinned.KIND,
    forced_out.KIND,
    budget.KIND,
    staff.KIND,
    operating.KIND,
    prerequisite.KIND,
    alternative.KIND,
    balance.KIND,
    group.KIND,
)

ELASTIC_GROUPS: frozenset[str] = frozenset().union(*(k.elastic_groups for k in KINDS))


def kind(name: str) -> ConstraintKind:
    """The registered kind of that name (KeyError when there is none)."""
    return {k.name: k for k in KINDS}[name]


__all__ = ["ELASTIC_GROUPS", "KINDS", "ConstraintKind", "Draft", "kind"]
