"""Balance rules: kinds from natural spellings, limits checked, groups by any column."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from planner.core.balance import (
    BalanceRule,
    RuleKind,
    candidate_values,
    column_values,
    known_column,
    members,
)
from planner.core.models import Candidate, Portfolio, System


@pytest.mark.parametrize(("text", "kind"), [("Minimum share", RuleKind.MIN_SHARE),
                                             ("max_amount", RuleKind.MAX_AMOUNT),
                                             ("exactly 1", RuleKind.EXACTLY_ONE),
                                             ("At-least-one", RuleKind.AT_LEAST_ONE)])
def test_a_kind_is_read_from_its_natural_spellings(text: str, kind: RuleKind) -> None:
    assert RuleKind.from_text(text) is kind


def test_an_unknown_kind_names_the_choices() -> None:
    with pytest.raises(ValueError, match="min share, max share"):
        RuleKind.from_text("mostly")


def test_a_share_outside_0_to_1_and_a_money_rule_without_limit_are_refused() -> None:
    with pytest.raises(ValidationError, match="between 0% and 100%"):
        BalanceRule(name="x", column="approach", value="replace", kind="max share", limit=1.4)
    with pytest.raises(ValidationError, match="needs a limit"):
        BalanceRule(name="x", column="approach", value="replace", kind="min amount")
    assert BalanceRule(name="x", column="c", value="v", kind="exactly one").limit is None


def test_scopes_are_the_horizon_each_year_or_one_year() -> None:
    years = [2027, 2028]
    rule = BalanceRule(name="x", column="c", value="v", kind="max amount", limit=1)
    assert rule.scopes(years) == [(2027, 2028)] and rule.scope_words == "over all years"
    each = rule.model_copy(update={"each_year": True})
    assert each.scopes(years) == [(2027,), (2028,)] and each.scope_words == "each year"
    one = rule.model_copy(update={"fiscal_year": 2028})
    assert one.scopes(years) == [(2028,)] and one.scope_words == "in FY2028"


def test_a_group_is_read_from_a_field_a_custom_column_or_the_targets_department() -> None:
    p = Portfolio.build(
        systems=[System(system_id="S1", name="CAD", department="Police")],
        candidates=[Candidate(candidate_id="A", name="A", one_time_cost=1, targets=("S1",),
                              approach="replace"),
                    Candidate(candidate_id="B", name="B", one_time_cost=1,
                              extra={"Department": "Parks", "Ward": 3.0})])
    assert candidate_values(p, "A", "department") == ["Police"]
    assert candidate_values(p, "B", "department") == ["Parks"]
    assert candidate_values(p, "A", "Approach") == ["replace"]
    assert candidate_values(p, "B", "ward") == ["3"]
    rule = BalanceRule(name="x", column="department", value="police", kind="max share",
                       limit=0.5)
    assert members(p, rule) == {"A"}
    assert known_column(p, "ward") and not known_column(p, "colour")
    assert column_values(p, "department") == ["Police", "Parks"]
