"""What callers pass to the planner: values over every candidate, overrides that name real ones."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from planner.core.plans import Overrides
from planner.errors import InputError
from planner.plan.values_input import check_overrides, clean_values
from tests.plan.support import cand, portfolio

BOOK = portfolio([cand("C1", 10.0), cand("C2", 10.0)], {2027: {"General": 100.0}})


def test_values_become_floats_over_every_candidate_with_missing_ones_zero() -> None:
    assert clean_values(BOOK, {"C1": 3, "other": 9}) == {"C1": 3.0, "C2": 0.0}
    assert clean_values(BOOK, pd.Series({"C1": 1.5, "C2": "2"})) == {"C1": 1.5, "C2": 2.0}


@pytest.mark.parametrize("bad", [math.nan, math.inf, "lots", None])
def test_a_value_that_is_not_a_finite_number_names_its_candidate(bad: object) -> None:
    with pytest.raises(InputError, match="not for C2"):
        clean_values(BOOK, {"C1": 1.0, "C2": bad})


def test_many_bad_values_are_counted_after_the_first_five() -> None:
    book = portfolio([cand(f"C{i}", 1.0) for i in range(8)], {2027: {"General": 10.0}})
    with pytest.raises(InputError, match="and 3 more"):
        clean_values(book, {f"C{i}": math.nan for i in range(8)})


def test_overrides_may_name_only_candidates_of_the_portfolio() -> None:
    check_overrides(BOOK, Overrides(frozenset({"C1"}), frozenset({"C2"}), {"C1": 2027}))
    with pytest.raises(InputError, match="not in the portfolio: C9, Z1"):
        check_overrides(BOOK, Overrides(force_in=frozenset({"Z1"}), force_out=frozenset({"C9"})))


def test_a_pinned_start_must_be_a_year() -> None:
    with pytest.raises(InputError, match="pinned start of C1 must be a fiscal year"):
        check_overrides(BOOK, Overrides(pin_start={"C1": "2028"}))
    with pytest.raises(InputError):
        check_overrides(BOOK, Overrides(pin_start={"C1": True}))
