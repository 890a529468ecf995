"""The recognized tables: custom columns, how a file writes numbers, counts and saved profiles."""

from __future__ import annotations

from planner.core.issues import IssueLog
from planner.core.schema import SYSTEMS
from planner.ingest.files import RawSheet, RawWorkbook
from planner.recognize.mapping import Suggestion
from planner.recognize.raw_tables import DataRow, RawTable, TableSet
from planner.recognize.tables import DataRow as DataRowFromTables
from planner.recognize.tables import recognize
from planner.values.cells import ReadOptions
from tests.recognize.support import sheet, tables


def systems_table(**kw: object) -> RawTable:
    """A Systems table read from headers ID, Name, Owner notes (the last one unmapped)."""
    return RawTable(SYSTEMS, "Apps", 2, ["ID", "Name", "Owner notes", ""],
                    {"ID": "system_id", "Name": "name"},
                    rows=[DataRow(3, {"ID": "S1", "Name": "One"}),
                          DataRow(4, {"ID": "S2", "Name": "Two"})], **kw)


def test_unmapped_headers_are_kept_as_custom_columns_unless_ignored() -> None:
    assert systems_table().extra_columns == ["Owner notes"]
    assert systems_table(ignored=frozenset({"Owner notes"})).extra_columns == []


def test_a_table_passes_on_how_its_file_writes_numbers_and_dates() -> None:
    table = systems_table(decimal_comma=True, text_file=True)
    assert table.parse_options == {"decimal_comma": True, "date1904": False, "text_file": True}
    assert table.read_options == ReadOptions(decimal_comma=True, text_file=True)


def test_a_table_set_counts_rows_and_shows_the_mapping_it_used() -> None:
    table = systems_table(suggestions=[Suggestion("Owner notes", "notes", 0.7)])
    result = TableSet(tables={"Systems": table})
    assert result.counts == {"Systems": 2}
    assert result.mappings == {"Systems": {"ID": "system_id", "Name": "name"}}
    assert result.suggestions == {"Systems": [Suggestion("Owner notes", "notes", 0.7)]}
    table.shown_mapping = {"ID": "system_id (shown)"}
    assert result.mappings == {"Systems": {"ID": "system_id (shown)"}}


def test_the_profile_reads_next_years_file_the_same_way() -> None:
    result = TableSet(tables={"Systems": systems_table()},
                      pairwise=RawSheet("AHP", [(1, ["", "Risk"])]))
    profile = result.profile()
    entry = profile.for_title("apps")
    assert (entry.table, entry.header_row) == ("Systems", 2)
    assert entry.columns == {"ID": "system_id", "Name": "name", "Owner notes": "custom"}
    assert profile.for_title("AHP").table == "Pairwise"
    assert profile.version == 2


def test_the_profile_tells_kept_columns_from_ignored_ones() -> None:
    table = systems_table(ignored=frozenset({"Owner notes"}),
                          reversed_scales=frozenset({"Name"}))
    entry = TableSet(tables={"Systems": table}).profile().for_title("Apps")
    assert entry.columns == {"ID": "system_id", "Name": "name", "Owner notes": None}
    assert entry.ignored == {"Owner notes"} and entry.kept == frozenset()
    assert entry.reversed_scales == ["Name"]


def test_a_saved_profile_reads_a_file_whose_header_moved_down() -> None:
    first, _ = tables(sheet("Inventory", [["Title"], ["System ID", "System Name"], ["S1", "A"]]))
    moved = sheet("Inventory", [["Title"], ["as of 2027"], ["System ID", "System Name"],
                                ["S1", "A"], ["S2", "B"]])
    log = IssueLog()
    again = recognize(RawWorkbook(sheets=[moved]), log, profile=first.profile())
    assert again.tables["Systems"].header_row == 3
    assert again.counts == {"Systems": 2}


def test_the_types_stay_importable_from_the_tables_module() -> None:
    assert DataRowFromTables is DataRow
