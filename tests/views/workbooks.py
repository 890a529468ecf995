"""Workbooks the workspace tests edit: a clerk's wide budget, its transpose, a long one."""

from __future__ import annotations

from tests.factories import workbook_bytes

YEARS = (2027, 2028, 2029, 2030, 2031)
GENERAL = [500_000, 500_000, 500_000, 500_000, 500_000]
GRANT = [150_000, 200_000, "-", 150_000, 150_000]  # FY2029 written as a dash


def inventory_sheets() -> dict[str, list[list[object]]]:
    """Systems (a ServiceNow-style criticality whose direction cannot be told, O&M in $K)
    and one candidate."""
    return {
        "Systems": [["system_id", "name", "Business Criticality", "O&M ($K)"],
                    ["S-001", "Finance ERP", 1, 12], ["S-002", "Utility billing", 3, 5],
                    ["S-003", "Permits", 4, 8]],
        "Candidates": [["candidate_id", "name", "one_time_cost"],
                       ["C-001", "Replace the ERP", 400_000],
                       ["C-002", "Permits online", 120_000]],
    }


def wide_budget_book() -> bytes:
    """Funds as rows, fiscal years as columns: Federal Grant's FY2029 is a dash."""
    return workbook_bytes({**inventory_sheets(), "Budget": [
        ["Fund", *[f"FY{y}" for y in YEARS]],
        ["General Fund", *GENERAL], ["Federal Grant", *GRANT]]})


def transposed_budget_book() -> bytes:
    """Fiscal years as rows, funds as columns."""
    rows = [["Fiscal year", "General Fund", "Federal Grant"]]
    rows += [[f"FY{y}", g, f] for y, g, f in zip(YEARS, GENERAL, GRANT, strict=True)]
    return workbook_bytes({**inventory_sheets(), "Budget": rows})


def long_budget_book() -> bytes:
    """One row per (fiscal year, fund)."""
    rows: list[list[object]] = [["fiscal_year", "fund", "capital_budget"]]
    for year, general, grant in zip(YEARS, GENERAL, GRANT, strict=True):
        rows += [[year, "General Fund", general], [year, "Grants", grant]]
    return workbook_bytes({**inventory_sheets(), "Budget": rows})
