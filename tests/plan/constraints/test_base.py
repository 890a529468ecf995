"""The model under construction that every constraint kind writes into."""

from __future__ import annotations

from planner.core.plans import Overrides
from planner.plan.constraints.base import INF, Draft, no_rows, scale_of
from planner.plan.schedule import windows
from tests.plan.support import cand, portfolio

CAPS = {y: {"General": 100.0} for y in (2027, 2028)}


def _draft() -> Draft:
    p = portfolio([cand("A", 10, staff_fte=1.5), cand("B", 10)], CAPS)
    draft = Draft(p, Overrides(), windows(p))
    for cid in p.candidates:
        for option in draft.windows[cid].options:
            draft.x_cols.append((cid, option))
            draft.cols_of.setdefault(cid, []).append(draft.column(1.0, 0.0, 1.0, True))
    return draft


def test_columns_and_rows_are_numbered_in_the_order_they_are_added() -> None:
    draft = _draft()
    assert draft.cols_of == {"A": [0, 1], "B": [2, 3]}
    first = draft.add_row("demo", ("a",), [(0, 2.0), (3, -1.0)], -INF, 4.0)
    second = draft.add_row("demo", ("b",), [], 0.0, 0.0)
    draft.add_entry(second, 1, 5.0)
    assert (first, second) == (0, 1)
    assert list(zip(draft.entry_rows, draft.entry_cols, draft.entry_vals, strict=True)) == [
        (0, 0, 2.0), (0, 3, -1.0), (1, 1, 5.0)]
    assert draft.row_kind == ["demo", "demo"] and draft.row_key == [("a",), ("b",)]
    assert draft.row_upper == [4.0, 0.0]


def test_x_entries_keep_only_the_start_columns_with_a_positive_coefficient() -> None:
    draft = _draft()
    fte = draft.x_entries(lambda cid, option: draft.portfolio.candidates[cid].staff_fte or 0.0)
    assert fte == [(0, 1.5), (1, 1.5)]


def test_the_scale_is_the_power_of_ten_below_the_largest_value() -> None:
    assert scale_of([3_400_000.0, 12.0]) == 1_000_000.0
    assert scale_of([0.5]) == 0.1
    assert scale_of([0.0, -5.0]) == 1.0 and scale_of([]) == 1.0


def test_a_rule_the_columns_carry_adds_nothing() -> None:
    draft = _draft()
    no_rows(draft)
    assert draft.row_kind == [] and len(draft.cost) == 4
