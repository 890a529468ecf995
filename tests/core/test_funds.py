"""Kinds of fund in a city's own words, and which are restricted."""

from __future__ import annotations

import pytest

from planner.core.funds import FundKind, fund_kinds, is_restricted, read_fund_kind, restricted_funds
from planner.core.models import BudgetLine


@pytest.mark.parametrize(("text", "kind"), [
    ("General", FundKind.GENERAL), ("general fund", FundKind.GENERAL),
    ("Enterprise Fund", FundKind.ENTERPRISE), ("Water & Sewer utility", FundKind.ENTERPRISE),
    ("Federal grant", FundKind.GRANT), ("ARPA", FundKind.GRANT),
    ("Capital reserve", FundKind.RESERVE), ("GO Bond proceeds", FundKind.BOND),
    ("general obligation bond", FundKind.BOND), ("", None), ("special thing", None),
])
def test_a_fund_kind_is_read_in_the_citys_own_words(text: str, kind: FundKind | None) -> None:
    assert read_fund_kind(text) == kind


def test_all_kinds_but_general_are_restricted_unless_an_explicit_answer_says_otherwise() -> None:
    assert [k for k in FundKind if is_restricted(k, None)] == [
        FundKind.ENTERPRISE, FundKind.GRANT, FundKind.RESERVE, FundKind.BOND]
    assert not is_restricted(None, None)
    assert not is_restricted(FundKind.RESERVE, False)
    assert is_restricted(FundKind.GENERAL, True)


def test_a_funds_kind_and_restriction_come_from_the_first_line_that_gives_them() -> None:
    lines = [BudgetLine(fiscal_year=2027, fund="GF", capital_budget=1.0),
             BudgetLine(fiscal_year=2027, fund="Water", capital_budget=1.0,
                        fund_kind="Enterprise"),
             BudgetLine(fiscal_year=2028, fund="GF", capital_budget=1.0, fund_kind="general"),
             BudgetLine(fiscal_year=2027, fund="Reserve", capital_budget=1.0,
                        fund_kind="reserve", restricted=False),
             BudgetLine(fiscal_year=2027, fund="Gift", capital_budget=1.0, restricted=True)]
    assert fund_kinds(lines) == {"GF": (FundKind.GENERAL, None),
                                 "Water": (FundKind.ENTERPRISE, None),
                                 "Reserve": (FundKind.RESERVE, False), "Gift": (None, True)}
    assert restricted_funds(lines) == ["Water", "Gift"]
