"""Presets and resolving a workbook's criteria to metric columns."""

from __future__ import annotations

import pytest

from planner.core.models import Criterion, Settings
from planner.errors import ScoringError
from planner.score.criteria import (
    PRESETS,
    criterion_named,
    preset_for,
    resolve_column,
    resolve_criteria,
)
from planner.score.metrics import METRIC_COLUMNS
from tests.factories import make_portfolio

AVAILABLE = [*METRIC_COLUMNS, "Equity score"]


def test_the_four_presets_exist_with_labels_and_weights_summing_to_one() -> None:
    assert set(PRESETS) == {"balanced", "legacy_risk_first", "resident_services_first",
                            "fiscal_stewardship"}
    assert PRESETS["legacy_risk_first"].label == "Legacy risk first (GAO)"
    for preset in PRESETS.values():
        assert sum(preset.weights.values()) == pytest.approx(1.0)
        assert all(c.column in METRIC_COLUMNS for c in preset.criteria)


def test_one_time_cost_is_not_a_default_criterion() -> None:
    for preset in PRESETS.values():
        assert "one_time_cost" not in {c.column for c in preset.criteria}


def test_each_preset_leads_with_its_own_concern() -> None:
    def top(key: str) -> str:
        return max(PRESETS[key].criteria, key=lambda c: c.weight).column

    assert top("legacy_risk_first") == "legacy_risk"
    assert top("resident_services_first") == "resident_impact"
    assert top("fiscal_stewardship") == "net_annual_savings"


@pytest.mark.parametrize("name", ["balanced", "Balanced", "Legacy risk first (GAO)",
                                  "legacy-risk-first", "FISCAL STEWARDSHIP"])
def test_presets_are_found_by_key_or_label(name: str) -> None:
    assert preset_for(name).key in PRESETS


def test_an_unknown_preset_lists_the_choices() -> None:
    with pytest.raises(ScoringError, match="balanced"):
        preset_for("cheapest first")


@pytest.mark.parametrize("text, column", [
    ("legacy_risk", "legacy_risk"), ("Legacy Risk", "legacy_risk"), ("payback", "payback_years"),
    ("Net annual savings ($/yr)", "net_annual_savings"), ("cost", "one_time_cost"),
    ("equity_score", "Equity score"), ("Strategic fit", "strategic_alignment"),
])
def test_criterion_columns_are_matched_forgivingly(text: str, column: str) -> None:
    assert resolve_column(text, AVAILABLE) == column


def test_an_unknown_column_names_what_is_available() -> None:
    with pytest.raises(ScoringError, match="legacy_risk"):
        resolve_column("colour", AVAILABLE)


def test_the_criteria_sheet_wins_over_the_settings_preset() -> None:
    sheet = (Criterion(criterion="Risk", column="Legacy risk", weight=2),
             Criterion(criterion="Cost", column="cost", direction="min", weight=1))
    portfolio = make_portfolio(n=10).replace(criteria=sheet)
    criteria, source = resolve_criteria(portfolio, available=AVAILABLE)
    assert [c.column for c in criteria] == ["legacy_risk", "one_time_cost"]
    assert source == "the Criteria sheet"


def test_an_explicit_preset_wins_over_the_criteria_sheet() -> None:
    sheet = (Criterion(criterion="Risk", column="legacy_risk"),)
    portfolio = make_portfolio(n=10).replace(criteria=sheet)
    criteria, source = resolve_criteria(portfolio, "fiscal_stewardship")
    assert "Fiscal stewardship" in source and len(criteria) == 6


def test_settings_preset_is_used_without_a_criteria_sheet() -> None:
    portfolio = make_portfolio(n=10).replace(
        settings=Settings(preset="resident_services_first"))
    _, source = resolve_criteria(portfolio)
    assert "Resident services first" in source


def test_repeated_criterion_names_are_refused() -> None:
    sheet = (Criterion(criterion="Risk", column="legacy_risk"),
             Criterion(criterion="Risk", column="delivery_risk"))
    with pytest.raises(ScoringError, match="Risk"):
        resolve_criteria(make_portfolio(n=5).replace(criteria=sheet))


def test_criterion_named_accepts_the_name_or_the_column() -> None:
    criteria = PRESETS["balanced"].criteria
    assert criterion_named(criteria, "legacy_risk").criterion == "Legacy risk"
    assert criterion_named(criteria, "delivery risk").criterion == "Delivery risk"
    with pytest.raises(ScoringError, match="Legacy risk"):
        criterion_named(criteria, "nope")
