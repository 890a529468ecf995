"""The blank input template: instructions, comments, dropdowns, and it validates once filled."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from planner.core.schema import SHEETS
from planner.export.template import template_bytes
from planner.service import load_files


def test_template_has_instructions_and_one_sheet_per_table() -> None:
    workbook = load_workbook(io.BytesIO(template_bytes()))
    assert workbook.sheetnames == ["Instructions"] + [s.name for s in SHEETS]
    candidates = workbook["Candidates"]
    headers = [c.value for c in candidates[1]]
    assert headers == [c.name for c in SHEETS[2].columns]
    assert all(cell.comment is not None for cell in candidates[1])
    formulas = {dv.formula1 for dv in candidates.data_validations.dataValidation}
    assert '"yes,no"' in formulas
    assert any("repurchase" in f for f in formulas)


def test_filled_in_template_validates_cleanly() -> None:
    workbook = load_workbook(io.BytesIO(template_bytes()))
    workbook["Systems"].append(["S-1", "Utility billing", "Utilities", "Acme", "COBOL", 1994,
                                2026, 250000, 40, 60000, 5, 4, 2, 3, None])
    workbook["Candidates"].append(["C-1", "Replace billing", "S-1", "Replace", 2_500_000, 24,
                                   150000, 90000, 2, 3, 5, None, None, "yes", None, 2029,
                                   None, None])
    workbook["Budget"].append([2027, "General Fund", 2_000_000, None, 8])
    workbook["Budget"].append([2028, "General Fund", 2_000_000, None, 8])
    settings = workbook["Settings"]
    for row in settings.iter_rows(min_row=2):
        if row[0].value == "first_fiscal_year":
            row[1].value = 2027
        if row[0].value == "horizon_years":
            row[1].value = 2
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = load_files([("filled.xlsx", buffer.getvalue())])
    assert not result.log.has_errors, result.issues.to_string()
    portfolio = result.portfolio
    assert list(portfolio.candidates) == ["C-1"]
    assert portfolio.candidates["C-1"].mandatory
    assert portfolio.candidates["C-1"].targets == ("S-1",)
    assert portfolio.fiscal_years == [2027, 2028]


def test_the_budget_sheet_asks_each_funds_kind_and_whether_it_is_restricted() -> None:
    workbook = load_workbook(io.BytesIO(template_bytes()))
    budget = workbook["Budget"]
    headers = [c.value for c in budget[1]]
    assert headers[-2:] == ["fund_kind", "restricted"]
    formulas = {dv.formula1 for dv in budget.data_validations.dataValidation}
    assert '"general,enterprise,grant,reserve,bond"' in formulas and '"yes,no"' in formulas
    assert "restricted" in budget.cell(row=1, column=len(headers) - 1).comment.text
    text = " ".join(str(c.value) for c in workbook["Instructions"]["A"] if c.value)
    assert "blank funding_sources draws only on unrestricted funds" in text


def test_the_rules_sheet_offers_each_kind_of_rule_in_a_dropdown_under_its_kind_header() -> None:
    workbook = load_workbook(io.BytesIO(template_bytes()))
    rules = workbook["Rules"]
    letter = next(c.column_letter for c in rules[1] if c.value == "kind")
    kinds = [dv for dv in rules.data_validations.dataValidation
             if any(str(r).startswith(f"{letter}2") for r in dv.sqref.ranges)]
    assert [dv.formula1 for dv in kinds] == [
        '"min share,max share,min amount,max amount,at least one,exactly one"']
