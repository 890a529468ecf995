"""The plan's sheets: Roadmap timeline, By Fiscal Year live totals, Funded and Unfunded tables."""

from __future__ import annotations

import io

import pytest

from planner.export import styles as xs
from planner.export.plan_sheets import write_by_year, write_funded, write_unfunded
from tests.export.exported import (
    OUR_FORMULA,
    blank_sheet,
    exported_workbook,
    sheet_rows,
    small_context,
)


@pytest.fixture(scope="module")
def exported() -> tuple:
    return exported_workbook()


def test_roadmap_has_one_row_per_funded_project_and_a_timeline_of_fills(exported) -> None:
    workbook, _, plan, _, _ = exported
    sheet = workbook["Roadmap"]
    table = sheet.tables["Roadmap"]
    header = [c.value for c in sheet[table.ref][0]]
    assert header[:2] == ["Candidate", "Project"]
    assert [h for h in header if h.startswith("FY")] == [f"FY{y}" for y in range(2027, 2032)]
    rows = list(sheet[table.ref])[1:]
    assert sorted(r[0].value for r in rows) == sorted(plan.funded_ids)
    bars = [c for r in rows for c in r if c.style == xs.GANTT_BAR]
    assert bars and all(c.fill.fgColor.rgb.endswith(xs.BLUE) for c in bars)
    assert all(isinstance(c.value, int | float) and c.value > 0 for c in bars)
    assert sheet.freeze_panes == f"C{rows[0][0].row}"


def test_by_fiscal_year_totals_are_live_formulas_over_our_own_cells(exported) -> None:
    workbook, _, plan, portfolio, _ = exported
    sheet = workbook["By Fiscal Year"]
    formulas = [c.value for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas and all(OUR_FORMULA.match(f) for f in formulas)
    labels = [c.value for c in sheet["A"]]
    assert labels.count("Total") == 4
    first = next(c.row for c in sheet["A"] if c.value == "FY2027")  # the spend block
    funds = [sheet.cell(row=first - 1, column=col).value
             for col in range(2, 2 + len(portfolio.funds))]
    assert funds == portfolio.funds
    spend = plan.spend_by_year_fund()
    for col, fund in enumerate(funds, start=2):
        expected = float(spend[fund].get(2027, 0.0)) if fund in spend else 0.0
        assert sheet.cell(row=first, column=col).value == pytest.approx(expected)


def test_unfunded_lists_reasons_and_what_it_would_take(exported) -> None:
    workbook, _, plan, _, _ = exported
    sheet = workbook["Unfunded"]
    rows = list(sheet[sheet.tables["Unfunded"].ref])
    header = [c.value for c in rows[0]]
    reasons = header.index("Why not funded")
    take = header.index("What it would take")
    assert len(rows) - 1 == len(plan.unfunded)
    assert all(r[reasons].value and r[take].value.startswith("About $") for r in rows[1:])


def test_by_fiscal_year_writes_the_spend_the_chart_ranges_point_to() -> None:
    ctx = small_context()
    ws = blank_sheet("By Fiscal Year")
    ranges = write_by_year(ws, ctx, set())
    funds = [ws.cell(ranges.header_row, c).value
             for c in range(ranges.first_fund_col, ranges.last_fund_col + 1)]
    assert funds == ctx.funds
    for row in range(ranges.first_row, ranges.last_row + 1):
        year = int(ws.cell(row, ranges.label_col).value.removeprefix("FY"))
        for col, fund in enumerate(funds, start=ranges.first_fund_col):
            assert ws.cell(row, col).value == pytest.approx(ctx.spend.get((year, fund), 0.0))
    assert ws.cell(ranges.budget_header_row, ranges.budget_total_col).value == "All funds"


def test_the_funded_sheet_lists_every_funded_project_with_its_total_spend() -> None:
    ctx = small_context()
    ws = blank_sheet("Funded")
    write_funded(ws, ctx, set())
    rows = sheet_rows(ws)
    header = list(rows[2])
    body = {r[0]: r for r in rows[3:]}
    assert rows[0][0] == f"Funded projects ({len(ctx.plan.funded)})"
    assert set(body) == set(ctx.plan.funded_ids)
    spend = header.index("Total spend")
    assert sum(r[spend] for r in body.values()) == pytest.approx(ctx.total_spend)
    item = ctx.plan.funded[0]
    assert body[item.candidate_id][header.index("Start")] == item.start_year


def test_the_unfunded_sheet_is_sorted_by_rank_with_reasons_in_words() -> None:
    ctx = small_context()
    ws = blank_sheet("Unfunded")
    write_unfunded(ws, ctx, set())
    rows = sheet_rows(ws)
    header = list(rows[2])
    ranks = [r[header.index("Rank")] for r in rows[3:]]
    assert ranks == sorted(ranks) and len(ranks) == len(ctx.plan.unfunded)
    assert all(r[header.index("Why not funded")] for r in rows[3:])


def _carry_over_sheet(carry: bool = True):
    from openpyxl import load_workbook

    from planner.export.workbook import export_workbook
    from tests.export.carry_over import carry_over_plan

    portfolio, plan, scores = carry_over_plan(carry)
    data = export_workbook(portfolio, plan, scores=scores)
    return load_workbook(io.BytesIO(data))["By Fiscal Year"]


def _block(sheet, title: str) -> dict[str, list]:
    """A year block of the By Fiscal Year sheet: fiscal-year label -> its row of cells."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == title)
    block = {}
    for row in rows[start + 2:]:
        if not row[0]:
            break
        block[row[0]] = list(row[1:])
    return block


def test_with_carry_over_the_money_carried_in_and_available_are_shown_per_year() -> None:
    sheet = _carry_over_sheet()
    carried = _block(sheet, "Carried in from earlier years (carry-over)")
    assert list(carried) == ["FY2027", "FY2028", "FY2029"]  # no total: it would count twice
    assert [row[0] for row in carried.values()] == [0, 890_000, 190_000]
    budget = _block(sheet, "Capital budget")
    assert budget["FY2028"][0] == 200_000
    spend = _block(sheet, "Planned spend")
    assert spend["FY2028"][0] == 900_000  # above its own cap ...
    available = _block(sheet, "Money available (budget plus carried in)")
    assert list(available) == ["FY2027", "FY2028", "FY2029"]
    formulas = [str(row[0]) for row in available.values()]
    assert all(OUR_FORMULA.match(f.replace("+", "-")) for f in formulas), formulas
    assert all("+" in f for f in formulas)
    remaining = _block(sheet, "Remaining money available (money available minus spend)")
    assert list(remaining) == ["FY2027", "FY2028", "FY2029"]
    assert "Share of money available used" in [r[0] for r in sheet.iter_rows(values_only=True)]
    notes = [r[0] for r in sheet.iter_rows(max_row=3, values_only=True) if r[0]]
    assert any("Carry-over is on" in str(n) for n in notes)


def test_without_carry_over_the_sheet_has_no_carried_money() -> None:
    sheet = _carry_over_sheet(carry=False)
    labels = [r[0] for r in sheet.iter_rows(values_only=True)]
    assert "Carried in from earlier years (carry-over)" not in labels
    assert "Remaining budget (budget minus spend)" in labels
    assert "Total" in _block(sheet, "Remaining budget (budget minus spend)")
