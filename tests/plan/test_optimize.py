"""The optimizer on small hand-built portfolios whose best plan is known."""

from __future__ import annotations

import math

import pytest

from planner.core.plans import Overrides, PlanStatus
from planner.errors import InputError
from planner.plan.optimize import optimize
from tests.factories import make_portfolio
from tests.plan.support import cand, portfolio, violations

ONE_YEAR = {2027: {"General": 100.0}}


def test_picks_the_best_combination_not_the_biggest_value() -> None:
    p = portfolio([cand("A", 60), cand("B", 50), cand("C", 50)], ONE_YEAR)
    plan = optimize(p, {"A": 10, "B": 7, "C": 7})
    assert sorted(plan.funded_ids) == ["B", "C"]
    assert plan.objective == pytest.approx(14)
    assert plan.status is PlanStatus.OPTIMAL and plan.gap == 0.0
    assert plan.bound == pytest.approx(14)
    assert "Proven optimal" in plan.message
    assert violations(p, plan, values={"A": 10, "B": 7, "C": 7}) == []


def test_spreads_one_time_cost_evenly_over_its_duration() -> None:
    caps = {2027: {"General": 50.0}, 2028: {"General": 50.0}}
    p = portfolio([cand("A", 100, duration_months=24)], caps)
    item = optimize(p, {"A": 1}).funded[0]
    assert (item.start_year, item.end_year) == (2027, 2028)
    assert item.spend == {2027: {"General": 50.0}, 2028: {"General": 50.0}}


def test_an_explicit_profile_is_funded_exactly_on_its_years_or_not_at_all() -> None:
    caps = {2027: {"General": 10.0}, 2028: {"General": 100.0}, 2029: {"General": 100.0}}
    fixed = cand("F", 0, spend_profile={2028: 30.0, 2029: 60.0})
    too_big = cand("G", 0, spend_profile={2027: 20.0})
    plan = optimize(portfolio([fixed, too_big], caps), {"F": 1, "G": 5})
    assert plan.funded_ids == ["F"]
    assert plan.funded[0].spend == {2028: {"General": 30.0}, 2029: {"General": 60.0}}
    assert "over budget in FY2027 by $10" in plan.unfunded_item("G").reasons[0]


def test_a_restricted_candidate_uses_the_grant_and_frees_the_general_fund() -> None:
    caps = {2027: {"General": 100.0, "Grant": 100.0}}
    grant_only = cand("G", 100, funding_sources=("Grant",))
    anywhere = cand("A", 100)
    plan = optimize(portfolio([grant_only, anywhere], caps), {"G": 1, "A": 1})
    spend = {i.candidate_id: i.spend for i in plan.funded}
    assert spend == {"G": {2027: {"Grant": 100.0}}, "A": {2027: {"General": 100.0}}}


def test_the_split_between_eligible_funds_is_a_decision() -> None:
    caps = {2027: {"General": 60.0, "Reserve": 60.0}}
    plan = optimize(portfolio([cand("A", 100)], caps), {"A": 1})
    split = plan.funded[0].spend[2027]
    assert sum(split.values()) == pytest.approx(100)
    assert set(split) == {"General", "Reserve"}


def test_carry_over_lets_unspent_money_pay_next_year() -> None:
    caps = {2027: {"General": 50.0}, 2028: {"General": 50.0}}
    late = cand("A", 100, earliest_start=2028)
    without = optimize(portfolio([late], caps), {"A": 1})
    with_carry = optimize(portfolio([late], caps, carry_over=True), {"A": 1})
    assert without.funded_ids == [] and with_carry.funded_ids == ["A"]
    assert with_carry.funded[0].spend == {2028: {"General": 100.0}}


def test_a_dependent_starts_only_after_its_prerequisite_finishes() -> None:
    caps = {y: {"General": 100.0} for y in (2027, 2028, 2029)}
    base = cand("B", 50, duration_months=24)
    dependent = cand("A", 50, requires=("B",))
    plan = optimize(portfolio([base, dependent], caps), {"A": 5, "B": 1})
    items = {i.candidate_id: i for i in plan.funded}
    assert items["B"].end_year < items["A"].start_year == 2029


def test_a_dependent_whose_prerequisite_cannot_finish_in_time_is_not_funded() -> None:
    caps = {y: {"General": 100.0} for y in (2027, 2028)}
    p = portfolio([cand("B", 10, duration_months=24), cand("A", 10, requires=("B",))], caps)
    plan = optimize(p, {"A": 5, "B": 1})
    assert plan.funded_ids == ["B"]
    assert "cannot all finish early enough" in plan.unfunded_item("A").reasons[0]


def test_at_most_one_candidate_of_an_either_or_group() -> None:
    p = portfolio([cand("A", 10, alternative_group="ERP"), cand("B", 10, alternative_group="ERP")],
                  ONE_YEAR)
    plan = optimize(p, {"A": 1, "B": 2})
    assert plan.funded_ids == ["B"]
    assert plan.unfunded_item("A").codes == ("alternative",)


def test_a_mandatory_candidate_is_funded_even_when_worth_little() -> None:
    p = portfolio([cand("M", 60, mandatory=True), cand("A", 60)], ONE_YEAR)
    assert optimize(p, {"M": 0.1, "A": 10}).funded_ids == ["M"]


def test_overrides_force_in_force_out_and_pin() -> None:
    caps = {y: {"General": 100.0} for y in (2027, 2028, 2029)}
    p = portfolio([cand("A", 60), cand("B", 60), cand("C", 60)], caps)
    values = {"A": 3, "B": 2, "C": 1}
    over = Overrides(force_out=frozenset({"A"}), pin_start={"C": 2029})
    plan = optimize(p, values, overrides=over)
    starts = {i.candidate_id: i.start_year for i in plan.funded}
    assert "A" not in starts and starts["C"] == 2029
    assert plan.unfunded_item("A").reasons == ("forced out by the user",)
    assert violations(p, plan, over) == []


def test_staff_capacity_limits_what_runs_at_once() -> None:
    caps = {y: {"General": 1000.0} for y in (2027, 2028)}
    team = [cand(c, 10, staff_fte=2.0) for c in "ABC"]
    plan = optimize(portfolio(team, caps, staff={2027: 3.0, 2028: 3.0}), dict.fromkeys("ABC", 1))
    assert len(plan.funded) == 2
    assert {i.start_year for i in plan.funded} == {2027, 2028}
    assert plan.unfunded_item(next(c for c in "ABC" if c not in plan.funded_ids)).codes == (
        "staff",)


def test_the_operating_increase_is_cumulative_and_counts_from_the_finish_year() -> None:
    caps = {y: {"General": 1000.0} for y in (2027, 2028, 2029)}
    cands = [cand(c, 10, annual_operating_cost=100.0) for c in "ABC"]
    p = portfolio(cands, caps, operating={2027: 100.0, 2028: 100.0, 2029: 0.0})
    plan = optimize(p, dict.fromkeys("ABC", 1))
    # room 100 by FY2027, 200 by FY2028 and FY2029: two go live, one in each of the first years
    assert len(plan.funded) == 2
    assert violations(p, plan) == []
    assert plan.unfunded_item(next(c for c in "ABC" if c not in plan.funded_ids)).codes == (
        "operating",)


def test_deadlines_bound_the_start_year() -> None:
    caps = {y: {"General": 100.0} for y in (2027, 2028, 2029)}
    p = portfolio([cand("A", 10, duration_months=24, earliest_start=2028, must_finish_by=2029)],
                  caps)
    item = optimize(p, {"A": 1}).funded[0]
    assert (item.start_year, item.end_year) == (2028, 2029)


def test_time_weighting_counts_value_per_year_in_service() -> None:
    caps = {y: {"General": 100.0} for y in (2027, 2028, 2029, 2030)}
    p = portfolio([cand("A", 100)], caps, time_weighting=True)
    plan = optimize(p, {"A": 8})
    assert plan.funded[0].start_year == 2027
    assert plan.objective == pytest.approx(8)  # in service all four years
    late = portfolio([cand("A", 100, earliest_start=2030)], caps, time_weighting=True)
    assert optimize(late, {"A": 8}).objective == pytest.approx(2)  # only FY2030


def test_never_claims_optimal_when_stopped_by_the_time_limit() -> None:
    p = make_portfolio(n=1500, seed=2, budget_share=0.3)
    plan = optimize(p, {c: 1 + (i * 7919 % 100) for i, c in enumerate(p.candidates)},
                    time_limit=0.05, gap=0.0)
    assert plan.status is PlanStatus.TIME_LIMIT
    assert "Stopped at the solver's limit" in plan.message
    if plan.funded:
        assert plan.bound is not None and plan.bound >= plan.objective


def test_a_requested_gap_gives_feasible_or_optimal_never_more() -> None:
    p = make_portfolio(n=60, seed=4)
    plan = optimize(p, {c: 1 + (i % 17) for i, c in enumerate(p.candidates)}, gap=0.05)
    assert plan.status in (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE)
    if plan.status is PlanStatus.FEASIBLE:
        assert 0 < plan.gap <= 0.05 + 1e-9


def test_bad_values_and_unknown_override_ids_are_input_errors() -> None:
    p = portfolio([cand("A", 10)], ONE_YEAR)
    with pytest.raises(InputError, match="finite"):
        optimize(p, {"A": math.nan})
    with pytest.raises(InputError, match="not in the portfolio"):
        optimize(p, {"A": 1}, overrides=Overrides(force_in=frozenset({"Z"})))


def test_missing_values_count_as_zero_and_a_series_is_accepted() -> None:
    import pandas as pd

    p = portfolio([cand("A", 60), cand("B", 60)], ONE_YEAR)
    assert optimize(p, pd.Series({"B": 2.0})).funded_ids == ["B"]


def test_an_empty_portfolio_is_an_empty_optimal_plan() -> None:
    plan = optimize(portfolio([], ONE_YEAR), {})
    assert plan.status is PlanStatus.OPTIMAL and plan.funded == () and plan.objective == 0


def test_a_starting_plan_is_never_beaten_by_a_worse_answer() -> None:
    from planner.plan.baselines import greedy

    p = make_portfolio(n=1500, seed=7)
    values = {c: 1 + (i * 31 % 50) for i, c in enumerate(p.candidates)}
    start = greedy(p, values)
    plan = optimize(p, values, time_limit=0.05, start=start)
    assert plan.objective >= start.objective - 1e-6
    assert violations(p, plan) == []


def test_reoptimize_changes_only_the_objective_of_the_loaded_model() -> None:
    from planner.plan.optimize import reoptimize, solve_plan

    p = portfolio([cand("A", 60), cand("B", 50), cand("C", 50)], ONE_YEAR)
    solved = solve_plan(p, {"A": 10, "B": 7, "C": 7})
    assert sorted(solved.chosen) == ["B", "C"]
    chosen, result = reoptimize(solved, {"A": 20, "B": 7, "C": 7})
    assert list(chosen) == ["A"] and result.objective == pytest.approx(20)


def test_of_two_plans_of_the_same_value_the_one_delivering_earlier_wins() -> None:
    caps = {y: {"General": 100.0} for y in (2027, 2028, 2029)}
    # A fits in any year; B only in the last (earliest start 2029): A could go anywhere
    p = portfolio([cand("A", 100), cand("B", 100, earliest_start=2029)], caps)
    plan = optimize(p, {"A": 5, "B": 5})
    assert {i.candidate_id: i.start_year for i in plan.funded} == {"A": 2027, "B": 2029}
    assert plan.objective == pytest.approx(10)  # the value captured: the plain sum
    plain = portfolio([cand("A", 100), cand("B", 100, earliest_start=2029)], caps,
                      delivery_discount=0.0)
    assert optimize(plain, {"A": 5, "B": 5}).objective == pytest.approx(10)


def test_the_delivery_discount_never_trades_value_for_an_earlier_go_live() -> None:
    caps = {y: {"General": 100.0} for y in (2027, 2028, 2029)}
    # either X, worth 5 but only possible in FY2029, or Y, worth 4.95 in any year: discounted
    # jointly Y would win (4.95 against 5 / 1.03^2 = 4.71); the plan keeps the value first
    p = portfolio([cand("X", 100, earliest_start=2029, alternative_group="one"),
                   cand("Y", 100, alternative_group="one"), cand("Z", 100)], caps)
    plan = optimize(p, {"X": 5.0, "Y": 4.95, "Z": 1.0})
    starts = {i.candidate_id: i.start_year for i in plan.funded}
    assert starts == {"X": 2029, "Z": 2027}  # then Z goes live as early as it can
    assert plan.objective == pytest.approx(6.0) and plan.status is PlanStatus.OPTIMAL
    assert violations(p, plan, values={"X": 5.0, "Y": 4.95, "Z": 1.0}) == []


def test_with_escalation_deferring_costs_more_and_the_caps_see_the_escalated_spend() -> None:
    caps = {2027: {"General": 100.0}, 2028: {"General": 104.0}}
    p = portfolio([cand("A", 100, earliest_start=2028)], caps, cost_escalation=0.05)
    plan = optimize(p, {"A": 1})
    assert plan.funded == ()  # $100 in FY2027 dollars is $105 in FY2028: over its cap
    assert "over budget in FY2028 by $1" in plan.unfunded[0].reasons[0]
    roomy = portfolio([cand("A", 100, earliest_start=2028)],
                      {2027: {"General": 100.0}, 2028: {"General": 105.0}},
                      cost_escalation=0.05)
    funded = optimize(roomy, {"A": 1}).funded[0]
    assert funded.spend == {2028: {"General": 105.0}}
    assert violations(roomy, optimize(roomy, {"A": 1}), values={"A": 1}) == []


def test_a_very_large_portfolio_is_planned_from_its_relaxation_and_says_so(
        monkeypatch) -> None:
    from planner.plan import solver as solver_module
    from planner.plan.baselines import greedy

    p = make_portfolio(n=80, seed=9, with_mandatory=True)
    values = {c: 1 + (i * 13 % 23) for i, c in enumerate(p.candidates)}
    exact = optimize(p, values, gap=0.0)
    start = greedy(p, values)
    monkeypatch.setattr(solver_module, "LARGE_COLUMNS", 10)  # every model counts as large
    plans = [optimize(p, values, start=start) for _ in range(2)]
    plan = plans[0]
    assert plan.funded == plans[1].funded and plan.objective == plans[1].objective
    assert violations(p, plan) == []
    assert start.objective - 1e-6 <= plan.objective <= exact.objective + 1e-6
    assert plan.bound is not None and plan.bound >= exact.objective - 1e-6
    assert "linear relaxation leaves undecided" in plan.message
    if plan.status is PlanStatus.OPTIMAL:
        assert plan.objective == pytest.approx(exact.objective)
    else:
        assert plan.gap is not None and plan.gap > 0


def test_a_large_plan_s_schedule_from_its_relaxation_keeps_the_funded_set_and_value(
        monkeypatch) -> None:
    from planner.plan import optimize as optimize_module
    from planner.plan.timing import schedule_weight

    p = make_portfolio(n=120, seed=11, with_mandatory=True)
    values = {c: 1 + (i * 7 % 19) for i, c in enumerate(p.candidates)}
    years = p.fiscal_years

    def discounted(plan) -> float:
        return sum(values[i.candidate_id] * schedule_weight(i.end_year, years, p.settings)
                   for i in plan.funded)

    searched = optimize(p, values)
    monkeypatch.setattr(optimize_module, "SCHEDULE_RELAXED_COLUMNS", 0)
    relaxed = optimize(p, values)
    assert set(relaxed.funded_ids) == set(searched.funded_ids)
    assert relaxed.objective == pytest.approx(searched.objective)
    assert (relaxed.bound, relaxed.gap, relaxed.status) == (searched.bound, searched.gap,
                                                            searched.status)
    assert violations(p, relaxed) == []
    assert discounted(relaxed) >= discounted(searched) * (1 - p.settings.mip_gap) - 1e-9
