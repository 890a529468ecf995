"""The council workbook writes a Rules sheet that imports back to the same rules and plan."""

from __future__ import annotations

import io
from functools import cache

from openpyxl import load_workbook

from planner.core.balance import BalanceRule, RuleKind
from planner.export.rules_sheet import limit_text, scope_text, standing
from planner.service import council_workbook, load_files, plan_portfolio
from tests.plan.support import violations
from tests.validate.test_rules import HEADER, sample_with

RULES = [HEADER,
         ["Police at most 15%", "department", "Police", "max share", "15%", "all years"],
         ["Fire floor", "department", "Fire", "min share", "5%", None],
         ["Replace within $6M a year", "approach", "replace", "max amount", "$6M", "each year"],
         ["One ERP", "alternative_group", "ERP", "exactly one", None, None]]


@cache
def exported() -> tuple[object, bytes]:
    validated = load_files([("city.xlsx", sample_with("Rules", RULES))])
    roadmap = plan_portfolio(validated.portfolio, explain=False, frontier=False)
    return roadmap, council_workbook(roadmap, validated)


def test_the_sheet_lists_each_rule_as_imported_and_how_the_plan_stands() -> None:
    roadmap, data = exported()
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(data))["Rules"]
            .iter_rows()]
    assert rows[0][0] == "Balance rules"
    header = rows.index(["rule", "column", "value", "kind", "limit", "scope", "in this plan",
                         "binds"])
    body = rows[header + 1:]
    assert [r[:4] for r in body] == [[r[0], r[1], r[2], r[3]] for r in RULES[1:]]
    assert [r[4] for r in body] == ["15%", "5%", "$6,000,000", None]
    police = body[0]
    assert police[6].endswith("%") and float(police[6][:-1]) <= 15.0 + 1e-6
    assert police[7] == "yes"  # without the rule the sample gives police 22%
    assert "bind" in rows[1][0]
    report = roadmap.plan.rules[0]
    assert report.binds and abs(report.actual - 0.15) < 0.005


def test_reimporting_gives_the_same_rules_and_plan_without_notes() -> None:
    roadmap, data = exported()
    again = load_files([("roadmap.xlsx", data)])
    assert again.portfolio.rules == roadmap.portfolio.rules
    assert not [i for i in again.log.items if i.sheet == "Rules"
                and i.code.value != "skipped-row"]
    replanned = plan_portfolio(again.portfolio, explain=False, frontier=False).plan
    assert not replanned.is_infeasible and violations(again.portfolio, replanned) == []
    assert [r.name for r in replanned.rules] == [r.name for r in roadmap.plan.rules]


def test_limits_and_scopes_are_written_as_the_importer_reads_them() -> None:
    share = BalanceRule(name="x", column="c", value="v", kind=RuleKind.MIN_SHARE,
                        limit=1 / 3, fiscal_year=2028)
    assert limit_text(share) == "33.3333333333%" and scope_text(share) == "FY2028"
    amount = BalanceRule(name="x", column="c", value="v", kind=RuleKind.MAX_AMOUNT,
                         limit=1234.5, each_year=True)
    assert limit_text(amount) == "$1,234.50" and scope_text(amount) == "each year"
    assert standing(amount, None) == ("", "no plan")
