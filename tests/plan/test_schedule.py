"""When each candidate could run: start options inside the horizon, and why none when none."""

from __future__ import annotations

import pytest

from planner.core.plans import Overrides
from planner.plan.schedule import (
    StartOption,
    earliest_finish,
    eligible_funds_of,
    prerequisite_chain,
    required_ids,
    time_weight,
    window,
    windows,
)
from tests.plan.support import cand, portfolio

FIVE_YEARS = {y: {"General": 1_000.0} for y in range(2027, 2032)}


def test_a_flexible_candidate_spreads_its_cost_evenly_over_each_possible_start() -> None:
    book = portfolio([cand("C1", 300.0, duration_months=36)], FIVE_YEARS)
    options = window(book, "C1").options
    assert [(o.start, o.end) for o in options] == [(2027, 2029), (2028, 2030), (2029, 2031)]
    assert options[0].spend == {2027: 100.0, 2028: 100.0, 2029: 100.0}
    assert options[1].runs_in(2030) and not options[1].runs_in(2027)


def test_earliest_start_and_must_finish_by_narrow_the_window() -> None:
    book = portfolio([cand("C1", 100.0, earliest_start=2028, must_finish_by=2030)], FIVE_YEARS)
    assert [o.start for o in window(book, "C1").options] == [2028, 2029, 2030]


def test_a_deadline_that_cannot_be_met_is_said_in_words() -> None:
    book = portfolio([cand("C1", 100.0, duration_months=36, must_finish_by=2028)], FIVE_YEARS)
    found = window(book, "C1")
    assert found.options == () and found.code.value == "deadline"
    assert found.problem == ("it takes 3 years, so starting no earlier than FY2027 it cannot "
                             "finish by its must-finish-by year FY2028")


def test_a_fixed_schedule_is_its_only_option_and_must_lie_inside_the_plan() -> None:
    inside = portfolio([cand("C1", 0.0, spend_profile={2028: 50.0, 2029: 70.0})], FIVE_YEARS)
    assert window(inside, "C1").options == (StartOption(2028, 2029, {2028: 50.0, 2029: 70.0}),)
    late = portfolio([cand("C1", 0.0, spend_profile={2031: 5.0, 2032: 5.0})], FIVE_YEARS)
    assert "past the plan's last year FY2031" in window(late, "C1").problem


def test_a_pinned_start_is_the_only_option_or_a_reason() -> None:
    book = portfolio([cand("C1", 100.0, duration_months=24)], FIVE_YEARS)
    pinned = window(book, "C1", Overrides(pin_start={"C1": 2029}))
    assert [o.start for o in pinned.options] == [2029]
    too_late = window(book, "C1", Overrides(pin_start={"C1": 2031}))
    assert too_late.code.value == "pin" and "between FY2027 and FY2030" in too_late.problem


def test_a_candidate_whose_funds_are_not_in_the_budget_cannot_run() -> None:
    book = portfolio([cand("C1", 100.0, funding_sources=("Grant",))], FIVE_YEARS)
    found = windows(book)["C1"]
    assert found.options == () and found.code.value == "funds"
    assert "(Grant)" in found.problem


def test_required_candidates_are_mandatory_forced_in_or_pinned() -> None:
    book = portfolio([cand("C1", 1.0, mandatory=True), cand("C2", 1.0), cand("C3", 1.0),
                      cand("C4", 1.0)], FIVE_YEARS)
    over = Overrides(force_in=frozenset({"C2"}), pin_start={"C3": 2028})
    assert required_ids(book, over) == {"C1", "C2", "C3"}
    assert required_ids(book) == {"C1"}


def test_time_weight_is_the_share_of_the_horizon_in_service() -> None:
    years = list(range(2027, 2032))
    assert time_weight(StartOption(2027, 2027, {}), years) == 1.0
    assert time_weight(StartOption(2028, 2031, {}), years) == 0.2


def test_prerequisites_push_the_earliest_finish_and_are_listed_nearest_first() -> None:
    book = portfolio([cand("A", 10.0, duration_months=24), cand("B", 10.0, requires=("A",)),
                      cand("C", 10.0, requires=("B",)), cand("X", 10.0, requires=("Y",))],
                     FIVE_YEARS)
    finish = earliest_finish(book, windows(book))
    assert finish == {"A": 2028, "B": 2029, "C": 2030, "X": None}
    assert prerequisite_chain(book, "C") == ["B", "A"]


def test_escalation_raises_later_years_spend_but_not_an_explicit_profile() -> None:
    book = portfolio([cand("A", 100.0, duration_months=24),
                      cand("F", 0.0, spend_profile={2029: 50.0, 2030: 50.0})],
                     FIVE_YEARS, cost_escalation=0.10)
    options = window(book, "A").options
    assert options[0].spend == {2027: 50.0, 2028: pytest.approx(55.0)}
    assert options[2].spend == {2029: pytest.approx(60.5), 2030: pytest.approx(66.55)}
    assert window(book, "F").options[0].spend == {2029: 50.0, 2030: 50.0}


def test_a_blank_funding_list_with_every_fund_restricted_says_why_it_cannot_be_paid() -> None:
    book = portfolio([cand("A", 10.0)], {2027: {"Water": 100.0}})
    book = book.replace(budget=tuple(line.model_copy(update={"fund_kind": "enterprise"})
                                     for line in book.budget))
    found = window(book, "A")
    assert found.options == ()
    assert found.problem == ("its funding_sources is blank, so it may use only unrestricted "
                             "money, but every fund in the budget is restricted (Water) to "
                             "candidates that name it")


def test_eligible_funds_of_every_candidate_match_the_portfolio_s_own_answer() -> None:
    caps = {y: {"General": 1_000.0, "Water": 500.0, "Grant": 200.0} for y in range(2027, 2030)}
    book = portfolio([cand("C1", 100.0), cand("C2", 100.0, funding_sources=("water",)),
                      cand("C3", 100.0, funding_sources=("Grant", "General")),
                      cand("C4", 100.0), cand("C5", 100.0, funding_sources=("Nowhere",))], caps)
    book = book.replace(budget=tuple(
        line.model_copy(update={"fund_kind": "enterprise"}) if line.fund == "Water" else line
        for line in book.budget))
    found = eligible_funds_of(book)
    assert found == {cid: book.eligible_funds(cid) for cid in book.candidates}
    assert found["C1"] == ["General", "Grant"] and found["C2"] == ["Water"]
    assert found["C5"] == [] and window(book, "C5").code.value == "funds"
