"""run_plan: the optimized plan beside both baselines, in the command's JSON shape."""

from __future__ import annotations

import json

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
