"""The Summary sheet: the city, the scenario, the plan in sentences, the method and weights."""

from __future__ import annotations

import pytest

from planner.core.plans import Plan, PlanStatus
from planner.export.summary import write_summary
from planner.export.workbook import build_context
from tests.export.exported import (
    blank_sheet,
    exported_workbook,
    issue_table,
    sheet_rows,
    small_context,
    texts,
)
from tests.factories import make_portfolio


@pytest.fixture(scope="module")
def exported() -> tuple:
    return exported_workbook()


def test_summary_names_the_city_and_scenario_and_tells_the_plan_in_three_sentences(
        exported) -> None:
    workbook, _, plan, portfolio, scores = exported
    values = texts(workbook["Summary"])
    assert any(portfolio.settings.city_name in v for v in values)
    assert portfolio.settings.scenario_name in values
    sentences = [v for v in values if v.startswith(("The plan funds", "It captures"))]
    assert len(sentences) == 2
    assert any(f"funds {len(plan.funded)} of {len(portfolio.candidates)}" in v for v in values)
    assert any("unfunded" in v and v.endswith("would take.") for v in values)
    assert any("Weighted sum" in v for v in values)
    assert "Proven optimal (within 0.04% of the best possible value)" in values
    for name in scores.weights:
        assert name in values


def summary(ctx) -> dict:
    """The Summary sheet written for a context, as label -> value of its two-column rows."""
    ws = blank_sheet("Summary")
    write_summary(ws, ctx, set())
    return {row[0]: row[1] for row in sheet_rows(ws)}


def test_headline_figures_add_up_to_the_plan() -> None:
    ctx = small_context(issues=issue_table())
    shown = summary(ctx)
    assert shown["Projects funded"] == f"{len(ctx.plan.funded)} of {len(ctx.portfolio.candidates)}"
    assert shown["Planned capital spend"] == pytest.approx(ctx.total_spend)
    assert shown["Capital budget available"] == pytest.approx(ctx.total_budget)
    assert shown["Share of budget used"] == pytest.approx(ctx.total_spend / ctx.total_budget)
    assert shown["Value captured"] == pytest.approx(ctx.plan.objective)
    assert shown["Share of the best possible plan"] == pytest.approx(1.0)  # proven optimal
    assert shown["What a point is"].startswith("Value is counted in points")
    assert shown["Import problems"] == "1 error, 1 warning, 0 notes (see Data Issues)"


def test_the_weights_table_lists_every_criterion_with_its_direction() -> None:
    shown = summary(small_context())
    assert (shown["Strategic fit"], shown["Delivery risk"]) == (0.5, 0.2)


def test_an_infeasible_plan_is_told_as_such_on_the_summary() -> None:
    plan = Plan("optimized", PlanStatus.INFEASIBLE, 0.0, message="Mandatory projects cost more",
                reasons=("C0001 and C0002 need $3M in FY2027.",))
    ws = blank_sheet("Summary")
    write_summary(ws, build_context(make_portfolio(n=6, seed=2), plan), set())
    text = " ".join(str(v) for row in sheet_rows(ws) for v in row if v)
    assert "No plan satisfies every rule" in text


def _carry_over_summary(carry: bool) -> tuple[dict, list[str]]:
    from tests.export.carry_over import carry_over_plan

    portfolio, plan, scores = carry_over_plan(carry)
    ctx = build_context(portfolio, plan, scores=scores)
    ws = blank_sheet("Summary")
    write_summary(ws, ctx, set())
    rows = sheet_rows(ws)
    return {row[0]: row[1] for row in rows}, [str(row[0]) for row in rows if row and row[0]]


def test_the_summary_says_carry_over_is_on_and_what_went_into_which_year() -> None:
    shown, lines = _carry_over_summary(carry=True)
    assert shown["Carry-over"] == "on: a year's unspent budget carries into the next"
    assert shown["Carried in from earlier years"] == "FY2028 $890K; FY2029 $190K"
    assert ("Carry-over is on: FY2028 spends $900K, above its own budget of $200K, from the "
            "$890K carried in from earlier years' unspent budget.") in lines
    assert not any(line.startswith("Carry-over is on: FY2029") for line in lines)


def test_the_summary_says_carry_over_is_off() -> None:
    shown, lines = _carry_over_summary(carry=False)
    assert shown["Carry-over"] == "off: each year's budget is for that year only"
    assert "Carried in from earlier years" not in shown
    assert not any(line.startswith("Carry-over is on") for line in lines)
