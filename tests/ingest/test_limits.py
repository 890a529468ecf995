"""Bounded work: every limit has a default and a setting, and a file past one is refused
with a message naming the limit, what the file has and the setting that raises it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.errors import UnreadableFileError
from planner.ingest.files import read_bytes, read_files
from planner.ingest.limits import LIMITS, MB, Budget, Limits, current_limits, size_words
from tests import messy_files as mf
from tests.cli.console import run_planner

README = Path(__file__).resolve().parents[2] / "README.md"


def refusal(name: str, data: bytes) -> str:
    """The message an upload of `data` named `name` is refused with."""
    with pytest.raises(UnreadableFileError) as caught:
        read_bytes(name, data)
    assert caught.value.filename == name
    return caught.value.reason


def test_every_limit_has_a_default_a_setting_and_a_field() -> None:
    defaults = Limits()
    assert [limit.field for limit in LIMITS] == list(vars(defaults))
    assert all(getattr(defaults, limit.field) == limit.default for limit in LIMITS)
    assert all(limit.setting.startswith("PLANNER_MAX_") for limit in LIMITS)
    assert len({limit.setting for limit in LIMITS}) == len(LIMITS)


def test_settings_raise_a_limit_and_sizes_are_in_megabytes() -> None:
    limits = current_limits({"PLANNER_MAX_ROWS": "250,000", "PLANNER_MAX_FILE_MB": "250",
                             "PLANNER_MAX_MERGES": " 20000 "})
    assert limits.max_rows == 250_000
    assert limits.max_file_bytes == 250 * MB
    assert limits.max_merges == 20_000
    assert limits.max_cells == Limits().max_cells
    assert current_limits({}) == Limits()


@pytest.mark.parametrize("text", ["lots", "-5", "0", "nan", "inf"])
def test_a_setting_that_is_not_a_positive_number_is_said_plainly(text: str) -> None:
    with pytest.raises(UnreadableFileError, match="PLANNER_MAX_ROWS.*not a positive number"):
        current_limits({"PLANNER_MAX_ROWS": text})


def test_the_readme_states_every_limit_with_its_default_and_setting() -> None:
    text = README.read_text(encoding="utf-8")
    stated = {setting: (what, default) for what, default, setting in re.findall(
        r"^\| ([^|]+?) \| ([^|]+?) \| `(PLANNER_MAX_\w+)` \|$", text, re.M)}
    assert stated == {limit.setting: (limit.what, limit.shown(limit.default))
                      for limit in LIMITS}


def test_sizes_are_worded_in_megabytes_or_bytes() -> None:
    assert size_words(2_000) == "2,000 bytes"
    assert size_words(2.5 * MB) == "2.5 MB"
    assert size_words(300 * MB) == "300 MB"


# --- the hostile files -------------------------------------------------------------

def test_thirty_thousand_merges_of_a_long_column_are_refused_with_their_count() -> None:
    data = mf.many_merges(30_000, "B2:B100000")
    assert len(data) < MB
    assert refusal("merges.xlsx", data) == (
        "the sheet 'Systems' has 30,000 merged ranges; the limit is 10,000 "
        "(PLANNER_MAX_MERGES). It was not read. Split the file, remove what the plan does not "
        "need, or raise the limit with PLANNER_MAX_MERGES.")


def test_one_merge_over_the_whole_sheet_is_cut_to_the_filled_area() -> None:
    sheet = read_bytes("merge.xlsx", mf.whole_sheet_merge(rows=50)).sheets[0]
    assert sheet.merged == ((2, 2, 51, 3),)  # B2:C51, the table's own rows and columns
    assert len(sheet.rows) == 51
    assert sheet.rows[-1] == (51, ["S50", "System 50", "Parks"])


def test_merges_covering_more_cells_than_the_limit_are_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_MAX_MERGED_CELLS", "1000")
    message = refusal("merges.xlsx", mf.many_merges(100, "B2:B100000", rows=50))
    assert message.startswith("the sheet 'Systems' has merged ranges covering 5,000 cells of "
                              "its filled area; the limit is 1,000 (PLANNER_MAX_MERGED_CELLS)")


def test_a_zip_of_more_csv_files_than_the_limit_is_refused_before_one_is_read() -> None:
    message = refusal("tables.zip", mf.csv_zip_of_tiny_cells(60, rows=10, columns=5))
    assert message.startswith("the zip holds 60 CSV files; the limit is 50 "
                              "(PLANNER_MAX_CSV_FILES)")


def test_the_unpacked_size_of_every_member_together_is_limited(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_MAX_UNPACKED_MB", "1")
    data = mf.csv_zip_of_tiny_cells(30, rows=1_000, columns=20)  # 30 x 40 kB, each tiny
    message = refusal("tables.zip", data)
    assert message.startswith("the file would unpack to 1.1 MB, all its parts together; the "
                              "limit is 1.0 MB (PLANNER_MAX_UNPACKED_MB)")


def test_tiny_cells_across_the_csv_files_of_a_zip_count_against_one_cell_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_MAX_CELLS", "50000")
    message = refusal("tables.zip", mf.csv_zip_of_tiny_cells(40, rows=100, columns=20))
    assert message.startswith("'table025.csv' in the zip: the upload has more than 50,000 "
                              "filled cells (counting stopped at row 1 of 'table025.csv'); the "
                              "limit is 50,000 (PLANNER_MAX_CELLS)")


def test_the_cell_limit_counts_every_uploaded_file_together(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_MAX_CELLS", "10000")
    one = mf.tiny_cells_csv(300, 20)  # 6,000 cells
    assert len(read_files([("one.csv", one)]).sheets[0].rows) == 300
    with pytest.raises(UnreadableFileError) as caught:
        read_files([("one.csv", one), ("two.csv", one)])
    assert caught.value.filename == "two.csv"
    assert "more than 10,000 filled cells" in caught.value.reason


@pytest.mark.parametrize("declare", [True, False])
def test_a_shared_strings_table_over_the_limit_is_refused(
        monkeypatch: pytest.MonkeyPatch, declare: bool) -> None:
    monkeypatch.setenv("PLANNER_MAX_SHARED_STRINGS", "1000")
    message = refusal("strings.xlsx", mf.many_shared_strings(1_500, declare=declare))
    said = "declares 1,500 texts" if declare else "has more than 1,000 texts"
    assert message.startswith(f"the workbook {said} in its shared-strings table; the limit "
                              "is 1,000 (PLANNER_MAX_SHARED_STRINGS)")


def test_the_characters_of_the_shared_strings_table_are_limited(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_MAX_SHARED_CHARS", "2000")
    message = refusal("strings.xlsx", mf.many_shared_strings(1_000))
    assert message.startswith("the workbook has more than 2,000 characters in its "
                              "shared-strings table; the limit is 2,000 "
                              "(PLANNER_MAX_SHARED_CHARS)")


def test_a_wide_csv_of_a_hundred_thousand_rows_is_refused_at_the_cell_limit() -> None:
    data = mf.tiny_cells_csv(100_000, 200)  # the 100,000 x 200 file, 40 MB
    message = refusal("wide.csv", data)
    assert message.startswith("the upload has more than 1,000,000 filled cells (counting "
                              "stopped at row 5,001 of 'wide.csv'); the limit is 1,000,000 "
                              "(PLANNER_MAX_CELLS)")


def test_a_csv_with_more_rows_than_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_MAX_ROWS", "100")
    assert len(read_bytes("ok.csv", mf.tiny_cells_csv(100, 3)).sheets[0].rows) == 100
    message = refusal("long.csv", mf.tiny_cells_csv(101, 3))
    assert message.startswith("the file has more than 100 rows; the limit is 100 "
                              "(PLANNER_MAX_ROWS)")


def test_a_csv_with_values_past_the_column_limit_is_refused_blank_ones_are_dropped() -> None:
    blanks = b"system_id,name" + b"," * 300 + b"\nS1,One" + b"," * 300 + b"\n"
    assert read_bytes("blank.csv", blanks).sheets[0].rows == [
        (1, ["system_id", "name"] + [None] * 198), (2, ["S1", "One"] + [None] * 198)]
    message = refusal("wide.csv", mf.tiny_cells_csv(2, 16_384))
    assert message.startswith("row 1 has 16,384 columns, with a value in column 201; the "
                              "limit is 200 (PLANNER_MAX_COLUMNS)")


def test_a_cell_longer_than_excel_allows_is_refused_naming_where_it_is() -> None:
    rows = mf.systems_rows(3)
    rows[2][1] = "x" * 40_000
    message = refusal("long.xlsx", mf.workbook_with_sheet(mf.sheet_xml(rows)))
    assert message.startswith("cell B3 of the sheet 'Systems' has 40,000 characters; the "
                              "limit is 32,767 (PLANNER_MAX_CELL_CHARS)")
    csv_message = refusal("long.csv", b"system_id,name\nS1,One\nS2," + b"y" * 40_000 + b"\n")
    assert csv_message.startswith("line 3 has a cell of more than 32,767 characters; the "
                                  "limit is 32,767 (PLANNER_MAX_CELL_CHARS)")


def test_a_file_larger_than_the_limit_is_refused_before_it_is_opened(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PLANNER_MAX_FILE_MB", "0.01")  # 10,485 bytes
    message = refusal("big.csv", b"a,b\n" * 5_000)
    assert message.startswith("the file is 20,000 bytes; the limit is 10,485 bytes "
                              "(PLANNER_MAX_FILE_MB)")


def test_a_budget_counts_cells_until_the_limit_and_no_further() -> None:
    budget = Budget(Limits(max_cells=10))
    budget.spend_cells("f.csv", 10, "row 5")
    assert budget.cells_left() == 0
    with pytest.raises(UnreadableFileError, match="more than 10 filled cells"):
        budget.spend_cells("f.csv", 1, "row 6")


def test_the_command_line_exits_2_with_the_limit_named(tmp_path: Path) -> None:
    path = tmp_path / "merges.xlsx"
    path.write_bytes(mf.many_merges(30_000, "B2:B100000"))
    result = run_planner("validate", path, timeout=120)
    assert result.code == 2
    assert result.stderr.startswith("error: merges.xlsx: the sheet 'Systems' has 30,000 "
                                    "merged ranges; the limit is 10,000 (PLANNER_MAX_MERGES)")
    assert "Traceback" not in result.stderr


def test_more_candidates_than_the_limit_are_refused_before_validation(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.service import load_files

    monkeypatch.setenv("PLANNER_MAX_CANDIDATES", "100")
    rows = ["candidate_id,name,one_time_cost"] + [f"C{i},Project {i},{i}" for i in range(101)]
    data = "\n".join(rows).encode()
    assert len(load_files([("Candidates.csv", b"\n".join(data.splitlines()[:101]))])
               .portfolio.candidates) == 100
    with pytest.raises(UnreadableFileError) as caught:
        load_files([("Candidates.csv", data)])
    assert caught.value.filename == "Candidates.csv"
    assert caught.value.reason.startswith(
        "the sheet 'Candidates' has 101 candidate rows; the limit is 100 "
        "(PLANNER_MAX_CANDIDATES)")
