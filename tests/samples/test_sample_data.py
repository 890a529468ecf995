"""The sample city's inventory tables: one value per column, unique ids, the city's funds."""

from __future__ import annotations

import datetime as dt

from planner.samples import sample_city
from planner.samples.sample_data import (
    CANDIDATE_COLUMNS,
    FISCAL_YEARS,
    FUNDS,
    PROCESS_COLUMNS,
    PROCESS_ROWS,
    SPEND_COLUMNS,
    SYSTEM_COLUMNS,
    SYSTEM_ROWS,
)


def test_every_system_and_process_row_has_one_value_per_column() -> None:
    assert {len(row) for row in SYSTEM_ROWS} == {len(SYSTEM_COLUMNS)}
    assert {len(row) for row in PROCESS_ROWS} == {len(PROCESS_COLUMNS)}


def test_ids_are_numbered_in_order_without_gaps() -> None:
    assert [row[0] for row in SYSTEM_ROWS] == [f"S-{i:03d}" for i in
                                                range(1, len(SYSTEM_ROWS) + 1)]
    assert [row[0] for row in PROCESS_ROWS] == [f"P-{i:03d}" for i in
                                                 range(1, len(PROCESS_ROWS) + 1)]


def test_end_of_support_is_a_year_or_a_date() -> None:
    column = SYSTEM_COLUMNS.index("end_of_support")
    kinds = {type(row[column]) for row in SYSTEM_ROWS}
    assert kinds <= {int, dt.date, type(None)}
    assert int in kinds and dt.date in kinds


def test_spend_columns_follow_the_fiscal_years_at_the_end_of_the_candidates_sheet() -> None:
    assert [f"cost_FY{fy}" for fy in FISCAL_YEARS] == SPEND_COLUMNS
    assert CANDIDATE_COLUMNS[-len(SPEND_COLUMNS):] == SPEND_COLUMNS
    assert tuple(range(FISCAL_YEARS[0], FISCAL_YEARS[0] + 5)) == FISCAL_YEARS
    assert len(set(FUNDS)) == 4


def test_the_generator_still_offers_every_name_it_did() -> None:
    assert sample_city.SYSTEM_COLUMNS is SYSTEM_COLUMNS
    assert sample_city.FUNDS is FUNDS
    assert len(sample_city.build_sample_city()["Systems"]) == len(SYSTEM_ROWS)
