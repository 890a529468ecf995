"""What it would take to fund an unfunded candidate: the value it would need, or why none would."""

from __future__ import annotations

import pytest

from planner.core.plans import Overrides
from planner.explain.what_it_takes import ROUND, add_value_needed, explained_count
from planner.plan.optimize import solve_plan
from tests.factories import make_portfolio
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


def _forty() -> tuple:
    """40 candidates, a tight budget, the plain sum of values (a plan proven in a moment)."""
    book = make_portfolio(n=40, seed=7, budget_share=0.3)
    # the plan itself must be proven, never cut short by the clock on a busy machine
    book = book.replace(settings=book.settings.model_copy(update={
        "delivery_discount": 0.0, "mip_gap": 0.0, "solver_time_limit_s": 600.0}))
    return book, {c: 0.2 + (i * 0.618034 % 1.0) for i, c in enumerate(book.candidates)}


def _figures(plan) -> list[tuple[str, str | None, float | None]]:
    return [(u.candidate_id, u.what_it_would_take, u.value_needed) for u in plan.unfunded]


def test_re_solves_stopped_by_the_work_limit_give_the_same_ranges_on_one_thread_or_two() -> None:
    # one node per re-solve: most stop before their bound meets their plan, so the figures
    # are ranges; they must still be identical, to the last digit, however they are run
    book, values = _forty()
    assert solve_plan(book, values).plan.status.value == "optimal"  # the plan itself is proven
    one, done, eligible = add_value_needed(solve_plan(book, values), workers=1, nodes=1)
    two, _, _ = add_value_needed(solve_plan(book, values), workers=2, nodes=1)
    again, _, _ = add_value_needed(solve_plan(book, values), workers=2, nodes=1)
    assert done == eligible > ROUND  # more than one round
    assert any(" to " in (text or "") for _, text, _ in _figures(one)), "some are ranges"
    assert _figures(one) == _figures(two) == _figures(again)


def test_how_many_are_re_solved_is_fixed_by_the_model_not_the_clock() -> None:
    book, values = _forty()
    solved = solve_plan(book, values)
    columns = len(solved.model.cost)
    plan, done, eligible = add_value_needed(solved, work=3 * columns)
    assert explained_count(solved.model, eligible, 3 * columns) == 3
    assert done == 3 < eligible
    ranked = sorted(plan.unfunded, key=lambda u: (-values[u.candidate_id], u.candidate_id))
    touched = [u.what_it_would_take != solved.plan.unfunded_item(u.candidate_id).what_it_would_take
               for u in ranked[:4]]
    assert touched == [True, True, True, False]
