"""The Rules sheet: recognized by name or headers, each problem on its row and header."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from planner.core.balance import BalanceRule, RuleKind
from planner.service import load_files
from tests.factories import SAMPLE

HEADER = ["Rule", "Column", "Value", "Kind", "Limit", "Scope"]


def sample_with(title: str, rows: list[list[object]]) -> bytes:
    """The sample city with one more sheet."""
    book = load_workbook(SAMPLE)
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def issues_on(validated, title: str) -> list[tuple]:
    return [(i.row, i.column, i.code.value, i.severity.value, i.message)
            for i in validated.log.items if i.sheet == title and i.code.value != "skipped-row"]


def test_rules_are_read_with_shares_amounts_counts_and_scopes() -> None:
    validated = load_files([("city.xlsx", sample_with("Rules", [
        HEADER,
        ["No department over 40%", "department", "Information Technology", "max share", "40%",
         None],
        ["Public safety first", "Department", "police", "Minimum share", 0.2, "all years"],
        ["Replace at most $2M a year", "approach", "replace", "max amount", "$2M", "each year"],
        ["Courts in FY2028", "department", "Municipal Court", "min amount", 100_000, "FY2028"],
        ["One ERP", "alternative_group", "ERP", "exactly one", None, None],
    ]))])
    assert issues_on(validated, "Rules") == []
    rules = validated.portfolio.rules
    assert [r.name for r in rules] == ["No department over 40%", "Public safety first",
                                      "Replace at most $2M a year", "Courts in FY2028", "One ERP"]
    assert rules[0] == BalanceRule(name="No department over 40%", column="department",
                                   value="Information Technology", kind=RuleKind.MAX_SHARE,
                                   limit=0.4)
    assert rules[1].limit == 0.2 and rules[1].kind is RuleKind.MIN_SHARE
    assert rules[2].limit == 2_000_000 and rules[2].each_year
    assert rules[3].fiscal_year == 2028 and rules[4].limit is None


def test_the_sheet_is_found_by_its_headers_under_another_title() -> None:
    validated = load_files([("city.xlsx", sample_with("Sheet9", [
        ["Rule name", "Group by", "Group value", "Rule type", "Threshold", "Applies to"],
        ["Cap IT", "department", "Information Technology", "max share", "40%", "each year"],
    ]))])
    assert [r.name for r in validated.portfolio.rules] == ["Cap IT"]


def test_each_problem_names_the_row_and_the_users_header() -> None:
    validated = load_files([("city.xlsx", sample_with("Rules", [
        HEADER,
        ["Colour", "colour", "red", "max share", "40%", None],
        ["Fire", "department", "Fire Brigade", "max share", "40%", None],
        ["Too much", "department", "Police", "max share", "140%", None],
        ["Odd kind", "department", "Police", "mostly", "40%", None],
        ["Late", "department", "Police", "max amount", "$1M", "FY2040"],
        ["No limit", "department", "Police", "min amount", None, None],
        ["Police cap", "department", "Police", "max share", "20%", None],
        ["Police floor", "department", "police", "min share", "30%", None],
        ["Police cap", "department", "Fire", "max share", "20%", None],
        [None, "department", "Fire", "max share", "20%", None],
    ]))])
    found = {(row, column, code) for row, column, code, _, _ in issues_on(validated, "Rules")}
    assert found == {(2, "Column", "unknown-reference"), (3, "Value", "unknown-reference"),
                     (4, "Limit", "out-of-range"), (5, "Kind", "invalid-choice"),
                     (6, "Scope", "outside-horizon"), (7, "Limit", "missing-value"),
                     (9, "Limit", "inconsistent-value"), (10, "Rule", "duplicate-id"),
                     (11, "Rule", "missing-value")}
    messages = {row: text for row, _, _, _, text in issues_on(validated, "Rules")}
    assert "'colour' is not a column of the Candidates sheet" in messages[2]
    assert "No candidate has department 'Fire Brigade' (values found: Finance" in messages[3]
    assert "between 0 and 100" in messages[4]
    assert ("Rule 'Police floor' asks for at least 30% of department = police, above the most "
            "that rule 'Police cap' on row 8 allows (20%)") in messages[9]
    assert all(text.endswith("This rule was not imported.") for text in messages.values())
    assert [r.name for r in validated.portfolio.rules] == ["Police cap"]


def test_a_count_rule_notes_a_limit_or_year_it_does_not_use() -> None:
    validated = load_files([("city.xlsx", sample_with("Rules", [
        HEADER, ["One ERP", "alternative_group", "ERP", "exactly one", 1, "FY2028"]]))])
    assert {(c, s) for _, c, _, s, _ in issues_on(validated, "Rules")} == {
        ("Limit", "warning"), ("Scope", "warning")}
    assert validated.portfolio.rules[0].fiscal_year is None


def test_the_rules_sheet_is_found_by_its_names_and_needs_a_name_column_value_and_kind() -> None:
    from planner.core.schema import RULES, sheet_for_name

    assert all(sheet_for_name(t) is RULES for t in ("Rules", "Balance rules", "policy rules"))
    assert RULES.required_columns == ("rule", "column", "value", "kind")
