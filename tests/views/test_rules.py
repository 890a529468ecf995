"""The app's rules: edited as the workspace's Rules sheet, re-validated with every table."""

from __future__ import annotations

from planner.core.balance import RuleKind
from planner.core.plans import Plan, PlanStatus
from planner.views.rules import (
    RULE_KINDS,
    edit_rules,
    group_columns,
    group_values,
    rules_standing,
    rules_table,
)
from planner.views.workspace import read_workspace, validate_workspace
from tests.factories import SAMPLE
from tests.validate.test_rules import HEADER, sample_with


def test_a_rule_added_to_a_file_without_rules_is_read_by_the_importer() -> None:
    ws = read_workspace([("city.xlsx", SAMPLE.read_bytes())])
    table = rules_table(ws)
    assert list(table.columns) == ["rule", "column", "value", "kind", "limit", "scope"]
    assert table.empty and "Rules" not in ws.frames
    added = {"added_rows": [{"rule": "Police at most 15%", "column": "department",
                             "value": "Police", "kind": "max share", "limit": "15%"}]}
    new, change = edit_rules(ws, added, [])
    assert change is not None and "Police at most 15%" in change
    (rule,) = validate_workspace(new).portfolio.rules
    assert rule.kind is RuleKind.MAX_SHARE and rule.limit == 0.15
    # a bad edit is reported on the Rules sheet's row, under its header
    bad, _ = edit_rules(new, {"edited_rows": {0: {"limit": "140%"}}}, [2])
    issues = validate_workspace(bad).issues
    rows = issues[issues["sheet"] == "Rules"]
    assert list(rows[["row", "column", "code"]].itertuples(index=False, name=None)) == [
        (2, "limit", "out-of-range")]


def test_an_uploaded_rules_sheet_keeps_its_own_headers() -> None:
    data = sample_with("Rules", [HEADER, ["Cap", "department", "Police", "max share", "15%",
                                          None]])
    ws = read_workspace([("city.xlsx", data)])
    assert list(rules_table(ws).columns) == HEADER
    new, _ = edit_rules(ws, {"edited_rows": {0: {"Limit": "20%"}}}, [2])
    assert validate_workspace(new).portfolio.rules[0].limit == 0.2


def test_group_choices_and_the_standing_of_each_rule() -> None:
    ws = read_workspace([("city.xlsx", sample_with("Rules", [
        HEADER, ["Cap", "department", "Police", "max share", "15%", None]]))])
    portfolio = validate_workspace(ws).portfolio
    assert group_columns(portfolio)[:3] == ["department", "approach", "alternative_group"]
    assert "Police" in group_values(portfolio, "department")
    assert RULE_KINDS[0] == "min share"
    none = rules_standing(portfolio, Plan("optimized", PlanStatus.INFEASIBLE, 0.0))
    assert none.to_dict("records") == [{"rule": "Cap", "group": "department = Police",
                                        "kind": "max share", "limit": "15% over all years",
                                        "in this plan": "", "binds": "no plan"}]
    empty = rules_standing(portfolio, Plan("optimized", PlanStatus.OPTIMAL, 0.0))
    assert empty["in this plan"].tolist() == ["0%"] and empty["binds"].tolist() == ["no"]
