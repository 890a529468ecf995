"""The service: run_plan (the optimized plan beside both baselines, in the command's JSON
shape), plan_portfolio (scores, plans and robustness in one call) and council_workbook."""

from __future__ import annotations

import io
import json

import openpyxl

from planner import (
    IssueLog,
    Portfolio,
    Roadmap,
    Validated,
    council_workbook,
    load_files,
    plan_portfolio,
    score_portfolio,
)
from planner.core.plans import PlanResult
from planner.service import run_plan
from tests.factories import make_portfolio
from tests.plan.support import cand, portfolio


def test_the_result_shows_all_three_plans_and_the_value_gained() -> None:
    p = portfolio([cand("A", 60), cand("B", 50), cand("C", 50)], {2027: {"General": 100.0}})
    result = run_plan(p, {"A": 10, "B": 7, "C": 7}, frontier=False)
    assert isinstance(result, PlanResult)
    assert set(result.plans) == {"optimized", "rank_and_cut", "greedy"}
    assert result.gain_over("rank_and_cut") == 4
    assert result.gains()["rank_and_cut"] == {"value": 4, "percent": 40.0}


def test_as_dict_has_the_command_line_contract() -> None:
    p = make_portfolio(n=25, seed=5, with_mandatory=True, with_staff=True)
    values = {c: 1 + (i % 7) for i, c in enumerate(p.candidates)}
    data = json.loads(json.dumps(run_plan(p, values, explain_seconds=2).as_dict(),
                                 allow_nan=False))
    assert {"status", "objective", "bound", "gap", "funded", "unfunded", "baselines", "message",
            "gain", "frontier"} <= set(data)
    funded = data["funded"][0]
    assert {"id", "start_year", "end_year", "spend"} <= set(funded)
    year, by_fund = next(iter(funded["spend"].items()))
    assert int(year) in p.fiscal_years and set(by_fund) <= set(p.funds)
    assert all({"id", "reasons"} <= set(u) and u["reasons"] for u in data["unfunded"])
    for name in ("rank_and_cut", "greedy"):
        assert {"objective", "funded"} <= set(data["baselines"][name])
    assert data["frontier"] and {"scale", "optimized"} <= set(data["frontier"][0])


def test_an_infeasible_result_carries_its_reasons_and_no_frontier() -> None:
    p = portfolio([cand("M", 200, mandatory=True)], {2027: {"General": 100.0}})
    result = run_plan(p, {"M": 1})
    data = result.as_dict()
    assert data["status"] == "infeasible" and data["reasons"] and "frontier" not in data


def test_plan_portfolio_scores_then_plans_with_those_scores() -> None:
    p = make_portfolio(n=15, seed=3)
    roadmap = plan_portfolio(p, method="topsis", frontier=False, explain=False)
    assert isinstance(roadmap, Roadmap) and roadmap.robustness is None
    scores = score_portfolio(p, method="topsis")
    assert roadmap.scores.method == "topsis"
    assert roadmap.scores.value.equals(scores.value)
    alone = run_plan(p, scores.value, frontier=False, explain=False)
    assert roadmap.plan is roadmap.result.optimized
    assert roadmap.plan.funded_ids == alone.optimized.funded_ids
    data = roadmap.as_dict()
    assert data["scoring"] == {"method": "topsis"} and "robustness" not in data


def test_plan_portfolio_tests_funding_robustness_when_asked() -> None:
    p = make_portfolio(n=12, seed=4)
    roadmap = plan_portfolio(p, frontier=False, explain=False, robustness=6, seed=2)
    assert roadmap.robustness is not None and roadmap.robustness.samples == 6
    assert roadmap.as_dict()["robustness"] == roadmap.robustness.as_dict()


def test_plan_portfolio_skips_robustness_when_no_plan_keeps_the_rules() -> None:
    p = make_portfolio(n=12, seed=4, with_mandatory=True, budget_share=0.02)
    roadmap = plan_portfolio(p, robustness=5, frontier=False, explain=False)
    assert roadmap.plan.is_infeasible and roadmap.robustness is None


def _validated(p: Portfolio) -> Validated:
    """A portfolio as an import without issues would give it."""
    return Validated(portfolio=p, log=IssueLog(), files={"city.xlsx": "0" * 64})


def test_council_workbook_reads_back_as_the_portfolio_that_was_planned() -> None:
    p = make_portfolio(n=10, seed=6)
    roadmap = plan_portfolio(p, frontier=False, explain=False)
    validated = load_files([("city.xlsx", council_workbook(roadmap, _validated(p), "Draft"))])
    assert set(validated.portfolio.candidates) == set(p.candidates)
    book = openpyxl.load_workbook(io.BytesIO(council_workbook(roadmap, _validated(p))))
    assert {"Summary", "Roadmap", "Robustness", "Decision Record"} <= set(book.sheetnames)


def test_the_frontier_beside_the_value_needed_gives_what_each_gives_alone() -> None:
    import pandas as pd

    from planner.explain.frontier import efficient_frontier
    from planner.explain.what_it_takes import add_value_needed
    from planner.plan.baselines import greedy, rank_and_cut
    from planner.plan.optimize import solve_plan

    p = make_portfolio(n=16, seed=11, budget_share=0.35)
    values = {c: 1 + (i * 0.618034 % 1.0) for i, c in enumerate(p.candidates)}
    together = run_plan(p, values)
    start = max((b for b in (rank_and_cut(p, values), greedy(p, values))
                 if not b.is_infeasible), key=lambda b: b.objective)
    solved = solve_plan(p, values, start=start)
    alone, _, _ = add_value_needed(solved)
    assert together.optimized.unfunded and any(
        u.value_needed is not None for u in together.optimized.unfunded)
    assert [(u.candidate_id, u.what_it_would_take) for u in together.optimized.unfunded] == [
        (u.candidate_id, u.what_it_would_take) for u in alone.unfunded]
    pd.testing.assert_frame_equal(together.frontier,
                                  efficient_frontier(p, values, known=solved.plan))
