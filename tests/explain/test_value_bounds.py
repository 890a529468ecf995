"""Cheap bounds for the value it would need: the LP ceiling and the plan's margin."""

from __future__ import annotations

import numpy as np
import pytest

from planner.core.plans import Overrides
from planner.explain.value_bounds import (
    BAND,
    banded,
    fixed_outside,
    free_for,
    lp_ceilings,
    margin_free,
)
from planner.explain.what_it_takes import add_value_needed
from planner.plan.optimize import solve_plan
from tests.factories import make_portfolio


def _book(n: int, seed: int, gap: float = 0.0) -> tuple:
    book = make_portfolio(n=n, seed=seed, budget_share=0.3)
    book = book.replace(settings=book.settings.model_copy(update={
        "delivery_discount": 0.0, "mip_gap": gap}))
    return book, {c: 0.2 + (i * 0.618034 % 1.0) for i, c in enumerate(book.candidates)}


def _best_with(book, values, cid: str) -> float | None:
    """The proven best value of a plan that funds `cid` (a whole re-solve, forced in), or
    None when it is not proven (or no plan funds it)."""
    plan = solve_plan(book, values, overrides=Overrides(force_in=frozenset({cid}))).plan
    return plan.objective if plan.status.value == "optimal" else None


def test_no_plan_funding_a_candidate_is_worth_more_than_its_lp_ceiling() -> None:
    book, values = _book(30, seed=3)
    solved = solve_plan(book, values)
    ceilings = lp_ceilings(solved.solver)
    assert set(ceilings) == set(solved.model.cols_of)
    checked = 0
    for item in solved.plan.unfunded[:8]:
        best = _best_with(book, values, item.candidate_id)
        if best is not None:
            assert best <= ceilings[item.candidate_id] + 1e-9
            checked += 1
    assert checked >= 3
    # the relaxation leaves the model a MIP again, so the plan re-solves to the same value
    again = solved.solver.solve(60.0, 0.0)
    assert again.objective == pytest.approx(solved.plan.objective)


def test_the_margin_frees_the_band_either_side_and_what_a_candidate_needs() -> None:
    book, values = _book(90, seed=5, gap=0.01)
    solved = solve_plan(book, values)
    assert banded(solved.model)
    margin = margin_free(solved.model, solved.plan, values)
    funded = set(solved.plan.funded_ids)
    assert len(margin & funded) == BAND and len(margin - funded) == BAND
    cid = next(u.candidate_id for u in solved.plan.unfunded if u.candidate_id not in margin)
    assert cid in free_for(solved.model, cid, margin)


def test_fixing_the_rest_of_the_plan_is_undone_afterwards() -> None:
    book, values = _book(90, seed=5, gap=0.01)
    solved = solve_plan(book, values)
    highs, model = solved.solver.highs, solved.model
    before = np.array(highs.getLp().col_upper_)
    starts = {item.candidate_id: item.start_year for item in solved.plan.funded}
    with fixed_outside(solved.solver, starts, set()):
        during = solved.solver.solve(60.0, 0.0)
        assert set(model.chosen(during.x)) == set(starts)  # nothing else may change
    assert np.array_equal(np.array(highs.getLp().col_upper_), before)


def test_on_a_large_portfolio_each_range_holds_the_exact_value_needed() -> None:
    book, values = _book(90, seed=5)
    solved = solve_plan(book, values)
    assert banded(solved.model)
    plan, done, eligible = add_value_needed(solved, work=3 * 1_200)
    assert done >= 1
    low_plan, high_plan = solved.plan.objective, solved.plan.bound
    checked = 0
    for item in plan.unfunded:
        if item.value_needed is None or not item.what_it_would_take.startswith("a value"):
            continue
        text = item.what_it_would_take.split(" or more")[0].removeprefix("a value of ")
        low, high = (float(t) for t in text.split(" to ")) if " to " in text else \
            (float(text), float(text))
        best = _best_with(book, values, item.candidate_id)
        if best is None:
            continue
        # the exact figure lies between value + objective - best and value + bound - best
        value = values[item.candidate_id]
        assert low <= value + high_plan - best + 1e-3  # printed to four significant digits
        assert value + low_plan - best <= high + 1e-3
        checked += 1
    assert checked >= 1
