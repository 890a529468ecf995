"""Proposal assumptions: defaults, reading from Settings, writing back, documentation."""

from __future__ import annotations

from pathlib import Path

from planner.core.models import Approach, Settings
from planner.propose.assumptions import (
    PREFIX,
    Assumptions,
    assumptions_frame,
    assumptions_from_frame,
    read_assumptions,
)
from planner.service import load_files
from tests.factories import workbook_bytes

DOCS = Path(__file__).resolve().parents[2] / "docs" / "proposals.md"


def test_every_assumption_has_a_default_and_a_description() -> None:
    frame = assumptions_frame(Assumptions())
    assert frame["key"].str.startswith(PREFIX).all()
    assert frame["description"].str.len().gt(10).all()
    assert (frame["value"] == frame["default"]).all()


def test_every_assumption_is_documented_in_plain_words() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [key for key, _ in Assumptions().to_settings_rows() if f"`{key}`" not in text]
    assert missing == []


def test_settings_values_are_read_with_natural_spellings() -> None:
    settings = Settings(assume_replace_cost_multiple="4", assume_replace_cost_floor="$300,000",
                        assume_mandatory_budget_share="60%", assume_eos_near_years="2.0",
                        assume_repurchase_operating_share="120%")
    assumptions, issues = read_assumptions(settings)
    assert issues == []
    assert assumptions.replace_cost_multiple == 4.0
    assert assumptions.replace_cost_floor == 300_000
    assert assumptions.mandatory_budget_share == 0.6
    assert assumptions.eos_near_years == 2
    assert assumptions.repurchase_operating_share == 1.2


def test_a_bad_value_keeps_the_default_and_says_so() -> None:
    settings = Settings(assume_rehost_months="soon", assume_default_rating=9)
    assumptions, issues = read_assumptions(settings)
    assert assumptions.rehost_months == Assumptions().rehost_months
    assert assumptions.default_rating == 3
    assert {i.column for i in issues} == {"assume_rehost_months", "assume_default_rating"}
    assert all("default" in i.message for i in issues)


def test_a_misspelled_key_is_reported_with_a_suggestion() -> None:
    _, issues = read_assumptions(Settings(assume_replace_cost_multipel=4))
    assert len(issues) == 1
    assert "assume_replace_cost_multiple" in issues[0].message


def test_changed_lists_only_what_differs_from_the_defaults() -> None:
    assumptions = Assumptions(replace_cost_multiple=6)
    assert assumptions.changed() == {"assume_replace_cost_multiple": 6}
    assert Assumptions().changed() == {}


def test_approach_drivers_come_from_the_approach_keys() -> None:
    drivers = Assumptions(replatform_months=15).approach(Approach.REPLATFORM)
    assert drivers.months == 15
    assert drivers.cost_multiple == Assumptions().replatform_cost_multiple


def test_apply_to_writes_assumptions_and_keeps_other_settings() -> None:
    settings = Settings(city_name="Riverton", assume_unheard_of=1, assume_rehost_months=3)
    written = Assumptions(replace_months=30).apply_to(settings)
    assert written.city_name == "Riverton"
    assert written.extras["assume_unheard_of"] == 1
    assert written.extras["assume_replace_months"] == 30
    assert written.extras["assume_rehost_months"] == Assumptions().rehost_months


def test_settings_rows_round_trip_through_the_importer() -> None:
    edited = Assumptions(replace_cost_multiple=6.5, digitize_time_reduction=0.3,
                         eos_near_years=2)
    rows = [["key", "value"], ["first_fiscal_year", 2027], *map(list, edited.to_settings_rows())]
    result = load_files([("s.xlsx", workbook_bytes({"Settings": rows}))])
    assert not [i for i in result.log.items if i.code == "unknown-setting"]
    read, issues = read_assumptions(result.portfolio.settings)
    assert issues == []
    assert read == edited


def test_an_edited_assumptions_table_reads_back() -> None:
    frame = assumptions_frame(Assumptions()).astype({"value": object})
    frame.loc[frame["key"] == "assume_replace_months", "value"] = 30
    frame.loc[frame["key"] == "assume_rehost_months", "value"] = "never"
    assumptions, issues = assumptions_from_frame(frame)
    assert assumptions.replace_months == 30
    assert assumptions.rehost_months == Assumptions().rehost_months
    assert [i.column for i in issues] == ["assume_rehost_months"]
