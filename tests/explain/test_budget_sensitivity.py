"""Budget sensitivity: what a little more money in one fiscal year and fund would buy, in words."""

from __future__ import annotations

import pytest

from planner.errors import InputError
from planner.explain.budget_sensitivity import (
    BudgetLineSensitivity,
    BudgetSensitivity,
    budget_sensitivity,
)
from planner.explain.sensitivity import Resolver
from tests.plan.support import cand, portfolio, record_solve_limits

# A (60, worth 10) is funded; B (50, worth 7) would join with 10 more dollars in FY2027.
TWO_PROJECTS = portfolio([cand("A", 60.0), cand("B", 50.0)],
                         {2027: {"General": 100.0}, 2028: {"General": 0.0}})
VALUES = {"A": 10.0, "B": 7.0}


@pytest.fixture(scope="module")
def result() -> BudgetSensitivity:
    return budget_sensitivity(TWO_PROJECTS, VALUES, steps=(0.25,), refine=2, gap=0.0)


def test_the_smallest_raise_found_names_the_project_that_would_enter(result) -> None:
    line = next(x for x in result.lines if x.fiscal_year == 2027)
    assert line.enters == ("B",) and line.leaves == ()
    assert line.value_gain == pytest.approx(7.0)
    assert 10.0 <= line.step <= 25.0  # bisected down from a quarter of the cap
    assert line.value_per_million == pytest.approx(7.0 / line.step * 1e6)
    assert result.solves >= 2


def test_every_year_and_fund_gets_a_row_of_the_table(result) -> None:
    table = result.table()
    assert table[["fiscal_year", "fund"]].values.tolist() == [[2027, "General"],
                                                             [2028, "General"]]
    assert table.loc[0, "would_fund"] == "B"


def test_the_sentences_put_the_best_use_of_money_first() -> None:
    lines = (BudgetLineSensitivity(2027, "General", 100.0, 20.0, 2.0, enters=("C",)),
             BudgetLineSensitivity(2028, "General", 100.0, 10.0, 5.0, enters=("B",),
                                   leaves=("D",)),
             BudgetLineSensitivity(2029, "General", 100.0, 25.0, 0.0),
             BudgetLineSensitivity(2030, "Grant", 0.0, 0.0, 0.0,
                                   note="no candidate can draw on this fund in this year."))
    found = BudgetSensitivity(lines, steps=(0.25, 1.0), gap=0.0, solves=4, seconds=0.1,
                              notes=("Other limits are nearly used up too (IT staff in FY2028).",))
    sentences = found.sentences()
    assert sentences[0].startswith("FY2028 General: ") and "in place of D" in sentences[0]
    assert sentences[1].startswith("FY2027 General: ") and "fund C" in sentences[1]
    assert sentences[2] == ("In the other 1 fiscal years and funds, 100% more capital would "
                            "fund nothing new.")
    assert sentences[3].startswith("Other limits")
    assert lines[3].sentence() == "FY2030 Grant: no candidate can draw on this fund in this year."
    assert lines[2].value_per_million == 0.0 and lines[3].value_per_million == 0.0


def test_steps_must_be_positive_shares() -> None:
    with pytest.raises(InputError, match="positive step"):
        budget_sensitivity(TWO_PROJECTS, VALUES, steps=(0.0,))


def test_every_re_solve_stops_at_a_node_limit_not_at_the_clock(monkeypatch) -> None:
    from planner.plan.solver import NO_LIMIT_S

    limits = record_solve_limits(monkeypatch)
    resolver = Resolver(TWO_PROJECTS, VALUES, gap=0.0)
    before = len(limits)  # the plan's own solves come first
    first = budget_sensitivity(TWO_PROJECTS, VALUES, steps=(0.25,), refine=2, gap=0.0,
                               resolver=resolver)
    re_solves = limits[before:]
    assert len(re_solves) == first.solves > 0
    assert all(t == NO_LIMIT_S and n for t, n in re_solves)
    assert budget_sensitivity(TWO_PROJECTS, VALUES, steps=(0.25,), refine=2,
                              gap=0.0).lines == first.lines
