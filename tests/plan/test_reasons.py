"""Why each unfunded candidate missed out, and what would get it funded."""

from __future__ import annotations

import pytest

from planner.core.plans import Overrides
from planner.core.words import money
from planner.plan.optimize import optimize
from planner.service import run_plan
from tests.plan.support import cand, portfolio

ONE_YEAR = {2027: {"General": 100.0}}
TWO_FUNDS = {2027: {"General": 100.0, "Grant": 100.0}, 2028: {"General": 100.0, "Grant": 0.0}}


def test_money_reads_like_a_council_packet() -> None:
    assert [money(v) for v in (4_100_000, 850_000, 450, 125_000_000)] == [
        "$4.1M", "$850K", "$450", "$125M"]


def test_over_budget_names_the_year_the_amount_and_the_eligible_funds() -> None:
    p = portfolio([cand("A", 100, funding_sources=("General",)),
                   cand("B", 140, funding_sources=("General",), earliest_start=2028)],
                  TWO_FUNDS)
    plan = optimize(p, {"A": 1, "B": 1})
    item = plan.unfunded_item("B")
    assert item.reasons == ("over budget in FY2028 by $40 in its eligible funds (General)",)
    assert item.codes == ("budget",)
    assert item.what_it_would_take == "$40 more in General: $40 in FY2028"


def test_prerequisite_alternative_deadline_and_forced_out_reasons() -> None:
    caps = {y: {"General": 100.0} for y in (2027, 2028)}
    cands = [cand("P", 100, duration_months=24), cand("D", 1, requires=("P",)),
             cand("X", 1, alternative_group="G"), cand("Y", 1, alternative_group="G"),
             cand("L", 1, duration_months=36), cand("O", 1)]
    over = Overrides(force_out=frozenset({"O"}))
    plan = optimize(portfolio(cands, caps), {"P": 0.5, "D": 0.1, "X": 2, "Y": 1, "L": 1,
                                             "O": 1}, overrides=over)
    assert "P" in plan.funded_ids and plan.unfunded_item("D").codes == ("prerequisite_timing",)
    assert plan.unfunded_item("Y").reasons == (
        "its alternative X (Project X) was chosen (either/or group 'G')",)
    assert plan.unfunded_item("L").codes == ("horizon",)
    assert "run past the plan's last year FY2028" in plan.unfunded_item("L").reasons[0]
    assert plan.unfunded_item("O").what_it_would_take == "remove the force-out override"


def test_a_prerequisite_left_out_is_the_reason_for_its_dependent() -> None:
    caps = {y: {"General": 100.0} for y in (2027, 2028)}
    p = portfolio([cand("P", 200), cand("D", 10, requires=("P",))], caps)
    item = optimize(p, {"P": 1, "D": 5}).unfunded_item("D")
    assert item.reasons == ("its prerequisite P (Project P) is not funded",)
    assert item.codes == ("prerequisite",)


def test_a_missed_deadline_says_why() -> None:
    caps = {y: {"General": 100.0} for y in (2027, 2028, 2029)}
    p = portfolio([cand("A", 10, duration_months=24, earliest_start=2028,
                        must_finish_by=2028)], caps)
    item = optimize(p, {"A": 1}).unfunded_item("A")
    assert item.codes == ("deadline",)
    assert "cannot finish by its must-finish-by year FY2028" in item.reasons[0]


def test_staff_shortage_lists_the_free_staff_per_year() -> None:
    p = portfolio([cand("A", 10, staff_fte=2.0), cand("B", 10, staff_fte=1.5)], ONE_YEAR,
                  staff={2027: 2.5})
    item = optimize(p, {"A": 2, "B": 1}).unfunded_item("B")
    assert item.reasons == ("needs 1.5 IT staff FTE a year while it runs, but too few are free "
                            "(free: FY2027 0.5)",)
    assert item.what_it_would_take == "1 more IT staff FTE in FY2027"


def test_the_value_it_would_need_comes_from_a_forced_in_re_solve() -> None:
    p = portfolio([cand("A", 60), cand("B", 50), cand("C", 50)], ONE_YEAR)
    result = run_plan(p, {"A": 10, "B": 7, "C": 7}, frontier=False)
    item = result.optimized.unfunded_item("A")
    # with A in, only A fits (worth 10); the plan is worth 14, so A needs 10 + 4
    assert item.value_needed == pytest.approx(14)
    assert item.what_it_would_take.startswith("a value of 14 or more (now 10)")
    assert item.what_it_would_take.endswith("or, alongside the current plan: $60 more in any "
                                            "fund: $60 in FY2027")


def test_when_no_value_would_do_the_room_needed_is_named() -> None:
    caps = {2027: {"General": 100.0}}
    p = portfolio([cand("M", 80, mandatory=True), cand("A", 50)], caps)
    result = run_plan(p, {"M": 1, "A": 5}, frontier=False)
    text = result.optimized.unfunded_item("A").what_it_would_take
    assert text.startswith("no value would do within today's limits")
    assert "$30 more in FY2027 in General" in text


def test_the_re_solve_budget_is_bounded_and_reported(monkeypatch) -> None:
    import planner.explain.what_it_takes as what_it_takes

    monkeypatch.setattr(what_it_takes, "WORK", 1)  # room for one re-solve, whatever the clock
    p = portfolio([cand(c, 60) for c in "ABCD"], ONE_YEAR)
    result = run_plan(p, dict.fromkeys("ABCD", 1.0), frontier=False)
    assert any("computed for 1 of 3" in note for note in result.notes)
    assert sum(u.value_needed is not None for u in result.optimized.unfunded) == 1
    assert all(u.reasons for u in result.optimized.unfunded)
