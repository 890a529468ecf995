"""The export context: one plan's figures gathered once, adding up as every sheet shows them."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from planner.core.plans import FundedItem, Overrides, Plan, PlanStatus
from planner.export.workbook import build_context
from tests.export.exported import issue_table, small_context
from tests.factories import make_portfolio


def test_spend_per_year_and_fund_adds_up_to_the_funded_projects_costs() -> None:
    ctx = small_context()
    assert ctx.total_spend == pytest.approx(sum(i.total_cost for i in ctx.plan.funded))
    by_year = ctx.plan.spend_by_year_fund()
    for (year, fund), amount in ctx.spend.items():
        assert amount == pytest.approx(by_year.loc[year, fund])
    assert ctx.total_budget == pytest.approx(sum(b.capital_budget for b in ctx.portfolio.budget))


def test_years_and_funds_widen_to_whatever_the_plan_spends_on() -> None:
    portfolio = make_portfolio(n=6, seed=2)
    late = FundedItem("C0000", 2032, 2032, {2032: {"Bond": 10.0}})
    ctx = build_context(portfolio, Plan("optimized", PlanStatus.OPTIMAL, 1.0, funded=(late,)))
    assert ctx.fiscal_years[-1] == 2032 and ctx.fiscal_years[0] == 2027
    assert ctx.funds[-1] == "Bond" and ctx.funds[:-1] == portfolio.funds


def test_names_scores_and_ranks_fall_back_gracefully() -> None:
    ctx = small_context()
    top = ctx.scores.ranks.idxmin()
    assert ctx.rank(top) == 1 and ctx.score(top) == pytest.approx(ctx.scores.scores.max())
    assert ctx.name("C0001") == "Candidate 1" and ctx.name("unknown") == "unknown"
    bare = small_context(with_scores=False)
    assert bare.score("C0001") is None and bare.rank("C0001") is None


def test_issue_counts_come_from_the_import_table() -> None:
    ctx = small_context(issues=issue_table())
    assert (ctx.issue_count("error"), ctx.issue_count("warning"), ctx.issue_count("info")) == \
        (1, 1, 0)
    assert small_context().issue_count("error") == 0
    assert small_context().issue_table.empty


def test_the_record_is_json_that_names_the_plan_and_the_overrides() -> None:
    ctx = small_context(overrides=Overrides(force_in=frozenset({"C0001"})),
                        files={"city.xlsx": "ab" * 32}, scenario="Lean years")
    record = json.loads(json.dumps(ctx.record(), default=str))
    assert record["scenario"] == "Lean years" and record["city"] == ctx.city
    assert record["funded"] == ctx.plan.funded_ids
    assert record["overrides"]["force_in"] == ["C0001"]
    assert record["input_files"] == {"city.xlsx": "ab" * 32}
    assert record["weights"] == pytest.approx(dict(ctx.scores.weights))


def test_the_export_time_is_kept_in_utc() -> None:
    eastern = dt.timezone(dt.timedelta(hours=-5))
    ctx = small_context(timestamp=dt.datetime(2026, 3, 2, 4, 30, tzinfo=eastern))
    assert ctx.timestamp == dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def test_a_frontier_table_given_to_the_export_is_kept() -> None:
    frontier = pd.DataFrame({"scale": [1.0], "optimized": [5.0]})
    assert small_context(frontier=frontier).frontier is frontier


def test_the_record_settings_carry_the_overrides_the_settings_sheet_writes() -> None:
    from planner.core.plans import Overrides
    from tests.export.exported import small_context

    ctx = small_context()
    first = next(iter(ctx.portfolio.candidates))
    pinned = small_context(overrides=Overrides(frozenset({first}), frozenset(), {}))
    assert pinned.record()["settings"]["force_in"] == first
    assert pinned.record()["overrides"]["force_in"] == [first]
    assert ctx.record()["settings"].get("force_in", "") == ""
