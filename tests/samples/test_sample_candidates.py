"""The sample city's candidates, fixed schedules, budget and settings, as data."""

from __future__ import annotations

from planner.samples.sample_candidates import (
    CANDIDATE_ROWS,
    CAPITAL_BUDGET,
    EXPLICIT_SPEND,
    SETTING_ROWS,
    STAFF_FTE_CAPACITY,
    _cand,
)
from planner.samples.sample_data import (
    CANDIDATE_COLUMNS,
    FISCAL_YEARS,
    FUNDS,
    PROCESS_ROWS,
    SPEND_COLUMNS,
    SYSTEM_ROWS,
)


def test_a_candidate_row_lists_targets_and_prerequisites_as_the_sheet_writes_them() -> None:
    row = _cand("C-900", "Test", "S-001 P-002", "replace", 1_000, 6, 10, 20, 0.5, 2, 3,
                requires="C-001 C-002", mandatory=True)
    assert row["targets"] == "S-001; P-002"
    assert row["requires"] == "C-001; C-002"
    assert row["mandatory"] == "yes"
    assert _cand("C-901", "T", "S-001", "retire", 0, 1, 0, 0, 0, 1, 1)["requires"] is None


def test_every_candidate_row_fills_the_candidates_sheet_but_its_spend_columns() -> None:
    expected = [c for c in CANDIDATE_COLUMNS if c not in SPEND_COLUMNS]
    assert all(list(row) == expected for row in CANDIDATE_ROWS)
    ids = [row["candidate_id"] for row in CANDIDATE_ROWS]
    assert len(ids) == len(set(ids))


def test_every_target_is_a_system_or_process_of_the_city() -> None:
    known = {row[0] for row in SYSTEM_ROWS} | {row[0] for row in PROCESS_ROWS}
    targets = {t for row in CANDIDATE_ROWS for t in row["targets"].split("; ")}
    assert targets <= known


def test_fixed_schedules_name_real_candidates_and_years_of_the_plan() -> None:
    ids = {row["candidate_id"] for row in CANDIDATE_ROWS}
    assert set(EXPLICIT_SPEND) <= ids
    assert {year for spend in EXPLICIT_SPEND.values() for year in spend} <= set(FISCAL_YEARS)
    assert all(amount > 0 for spend in EXPLICIT_SPEND.values() for amount in spend.values())


def test_the_budget_has_one_figure_per_fund_and_year() -> None:
    assert set(CAPITAL_BUDGET) == set(FUNDS)
    assert all(len(caps) == len(FISCAL_YEARS) for caps in CAPITAL_BUDGET.values())
    assert len(STAFF_FTE_CAPACITY) == len(FISCAL_YEARS)


def test_settings_keys_are_unique_and_start_the_plan_in_the_first_fiscal_year() -> None:
    settings = dict(SETTING_ROWS)
    assert len(settings) == len(SETTING_ROWS)
    assert settings["first_fiscal_year"] == FISCAL_YEARS[0]
    assert settings["horizon_years"] == len(FISCAL_YEARS)
