"""Reading one cell by its column's plan: units, words, directions, dashes and fiscal years."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.core.schema import Kind
from planner.service import load_files
from planner.validate.columns import ColumnReading, zero_key
from planner.validate.scales import decide_scale
from planner.values.parse import CellError
from tests.factories import workbook_bytes


def test_money_in_millions_is_multiplied_unless_the_cell_says_its_own_size() -> None:
    reading = ColumnReading("Cost ($M)", "one_time_cost", Kind.MONEY, factor=1e6,
                            scale_factor=1e6)
    assert reading.read(3.5).value == 3_500_000
    assert reading.read("1,200").value == 1_200_000_000
    assert reading.read("$1.2M").value == 1_200_000
    assert reading.read("250K").value == 250_000


def test_a_monthly_column_with_a_cell_in_thousands_keeps_the_period() -> None:
    reading = ColumnReading("Monthly cost", "annual_om_cost", Kind.MONEY, factor=12)
    assert reading.read(100).value == 1_200
    assert reading.read("2K").value == 24_000
    assert reading.read("$50/mo").value == 600


def test_minutes_from_hours_in_the_cell() -> None:
    reading = ColumnReading("Handling time", "minutes_per_transaction", Kind.NUMBER)
    assert reading.read("2 hrs").value == 120 and reading.read(15).value == 15


def test_ratings_read_words_labels_and_renumbered_numbers() -> None:
    scale = decide_scale("Business Criticality", "criticality",
                         ["1 - most critical", "4 - not critical", 3])
    reading = ColumnReading("Business Criticality", "criticality", Kind.SCALE_1_5, scale=scale)
    assert [reading.read(v).value for v in ("1 - most critical", "4 - not critical", 3,
                                            "missionCritical", "High")] == [5, 1, 2, 5, 4]
    with pytest.raises(CellError, match="not a 1-5 rating"):
        reading.read("call vendor")
    with pytest.raises(CellError, match="outside the 1-5 scale"):
        reading.read(7)


def test_percentages_as_whole_numbers_or_fractions_by_column() -> None:
    points = ColumnReading("Error %", "error_rate", Kind.PERCENT, percent_points=True)
    fractions = ColumnReading("Error rate", "error_rate", Kind.PERCENT)
    assert points.read(0.5).value == 0.005 and points.read(15).value == 0.15
    assert fractions.read(0.5).value == 0.5 and fractions.read("15%").value == 0.15
    with pytest.raises(CellError):
        points.read("lots")


def test_dashes_are_zero_only_where_the_column_says_so() -> None:
    budget = ColumnReading("Amount", "capital_budget", Kind.MONEY, zero_dashes=True)
    upkeep = ColumnReading("O&M", "annual_om_cost", Kind.MONEY)
    assert [budget.read(d).value for d in ("-", "—", "n/a", "nil")] == [0, 0, 0, 0]
    assert upkeep.read("-").value is None
    assert zero_key(" — ") == "—" and zero_key("TBD") is None


def test_fiscal_years_from_dates_use_the_start_month() -> None:
    october = ColumnReading("Start", "earliest_start", Kind.FISCAL_YEAR, start_month=10)
    july = ColumnReading("Start", "earliest_start", Kind.FISCAL_YEAR, start_month=7)
    assert october.read(dt.datetime(2011, 10, 1)).value == 2012
    assert july.read("2011-06-30").value == 2011 and july.read("FY2030").value == 2030
    with pytest.raises(CellError):
        july.read("00:00.0")


def test_excel_errors_are_unreadable_in_every_kind() -> None:
    for kind in (Kind.MONEY, Kind.SCALE_1_5, Kind.FISCAL_YEAR, Kind.TEXT):
        with pytest.raises(CellError, match="Excel error"):
            ColumnReading("x", "notes", kind).read("#REF!")


def test_amounts_beyond_any_city_are_refused_on_their_row() -> None:
    data = workbook_bytes({
        "Candidates": [["candidate_id", "name", "one_time_cost", "annual_savings"],
                       ["C1", "ERP", 1e300, 5], ["C2", "Portal", 5_000, 1e25],
                       ["C3", "GIS", 123456789012345678901234567890, 1]],
        "Budget": [["fiscal_year", "fund", "capital_budget"], [2027, "General", 1e25],
                   [2028, "General", 5_000_000]]})
    validated = load_files([("absurd.xlsx", data)])
    assert list(validated.portfolio.candidates) == ["C2"]
    assert validated.portfolio.candidates["C2"].annual_savings is None
    assert [line.fiscal_year for line in validated.portfolio.budget] == [2028]
    refused = {(i.sheet, i.row, i.column, i.severity.value) for i in validated.log.items
               if "not a plausible amount" in i.message}
    assert refused == {("Candidates", 2, "one_time_cost", "error"),
                       ("Candidates", 3, "annual_savings", "warning"),
                       ("Candidates", 4, "one_time_cost", "error"),
                       ("Budget", 2, "capital_budget", "error")}
