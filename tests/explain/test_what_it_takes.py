"""What it would take to fund an unfunded candidate: the value it would need, or why none would."""

from __future__ import annotations

import pytest

from planner.core.plans import Overrides
from planner.explain.what_it_takes import add_value_needed
from planner.plan.optimize import solve_plan
from tests.plan.support import cand, portfolio

ONE_YEAR = {2027: {"General": 100.0}}


def test_the_value_needed_is_what_the_best_plan_with_it_forgoes() -> None:
    # With A in, only A fits (worth 10); the plan funds B and C (worth 14), so A needs 14.
    solved = solve_plan(portfolio([cand("A", 60), cand("B", 50), cand("C", 50)], ONE_YEAR),
                        {"A": 10, "B": 7, "C": 7})
    plan, explained, eligible = add_value_needed(solved, workers=1)
    assert (explained, eligible) == (1, 1)
    item = plan.unfunded_item("A")
    assert item.value_needed == pytest.approx(14)
    assert item.what_it_would_take.startswith("a value of 14 or more (now 10)")
    assert plan.funded_ids == solved.plan.funded_ids


def test_a_candidate_no_value_could_fund_is_told_the_room_it_needs() -> None:
    solved = solve_plan(portfolio([cand("M", 80, mandatory=True), cand("A", 50)], ONE_YEAR),
                        {"M": 1, "A": 5})
    plan, explained, _ = add_value_needed(solved, workers=1)
    assert explained == 1
    text = plan.unfunded_item("A").what_it_would_take
    assert text.startswith("no value would do within today's limits")
    assert plan.unfunded_item("A").value_needed is None


def test_forced_out_candidates_are_not_re_solved() -> None:
    solved = solve_plan(portfolio([cand("A", 10), cand("B", 10)], ONE_YEAR), {"A": 1, "B": 1},
                        overrides=Overrides(force_out=frozenset({"B"})))
    plan, explained, eligible = add_value_needed(solved)
    assert (explained, eligible) == (0, 0)
    assert plan.unfunded_item("B") == solved.plan.unfunded_item("B")


def test_a_plan_with_nothing_unfunded_is_returned_as_it_is() -> None:
    solved = solve_plan(portfolio([cand("A", 10)], ONE_YEAR), {"A": 1})
    assert add_value_needed(solved) == (solved.plan, 0, 0)


def test_two_workers_find_the_same_values_as_one() -> None:
    book = portfolio([cand(c, 40 + i) for i, c in enumerate("ABCDE")], ONE_YEAR)
    values = {c: 1.0 + i for i, c in enumerate("ABCDE")}
    one, _, _ = add_value_needed(solve_plan(book, values), workers=1)
    two, _, _ = add_value_needed(solve_plan(book, values), workers=2)
    assert [u.value_needed for u in one.unfunded] == \
        pytest.approx([u.value_needed for u in two.unfunded])
