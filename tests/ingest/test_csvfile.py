"""CSV files to numbered rows: encodings, separators, decimal commas, limits and notes."""

from __future__ import annotations

import pytest

from planner.errors import UnreadableFileError
from planner.ingest.csvfile import (
    decode_text,
    detect_decimal_comma,
    detect_delimiter,
    read_csv_text,
)
from planner.ingest.files import read_bytes
from planner.ingest.xlsx import Limits
from planner.service import load_files

ROOMY = Limits(max_rows=1_000, max_columns=50, max_cells=50_000)
SYSTEMS_CSV = "system_id,name,department,annual_om_cost\nS1,Café,Finance,\"1,200\"\n"


@pytest.mark.parametrize("encoded", [
    SYSTEMS_CSV.encode("utf-8"),
    b"\xef\xbb\xbf" + SYSTEMS_CSV.encode("utf-8"),
    SYSTEMS_CSV.encode("cp1252"),
    SYSTEMS_CSV.replace(",Finance", ",Finance").encode("utf-16"),
])
def test_csv_encodings(encoded: bytes) -> None:
    sheet = read_bytes("systems.csv", encoded).sheets[0]
    assert sheet.title == "systems"
    assert sheet.rows[0] == (1, ["system_id", "name", "department", "annual_om_cost"])
    assert sheet.rows[1] == (2, ["S1", "Café", "Finance", "1,200"])


def test_utf16_tab_separated_export() -> None:
    text = "system_id\tname\r\nS1\tOne\r\n"
    sheet = read_bytes("systems.txt", text.encode("utf-16")).sheets[0]
    assert sheet.rows == [(1, ["system_id", "name"]), (2, ["S1", "One"])]


def test_semicolons_and_decimal_commas() -> None:
    data = ("candidate_id;name;one_time_cost;annual_savings\n"
            "C1;Eins;1.200.000,50;12,5\nC2;Zwei;85.000;1.250\n").encode("cp1252")
    book = read_bytes("candidates.csv", data)
    assert book.sheets[0].decimal_comma
    assert "decimal comma" in book.notes[0].message
    candidates = load_files([("candidates.csv", data)]).portfolio.candidates
    assert candidates["C1"].one_time_cost == 1_200_000.5
    assert candidates["C1"].annual_savings == 12.5
    assert candidates["C2"].one_time_cost == 85_000
    assert candidates["C2"].annual_savings == 1_250


def test_commas_with_decimal_points_are_not_misread() -> None:
    data = b'candidate_id,name,one_time_cost\nC1,One,"1,200.50"\nC2,Two,12.5\n'
    book = read_bytes("candidates.csv", data)
    assert not book.sheets[0].decimal_comma
    candidates = load_files([("candidates.csv", data)]).portfolio.candidates
    assert candidates["C1"].one_time_cost == 1200.5


def test_csv_title_rows_and_quoted_newlines() -> None:
    data = (b"Riverton projects,,\n,,\ncandidate_id,name,one_time_cost\n"
            b'C1,"Two\nlines",100\n')
    validated = load_files([("projects.csv", data)])
    assert validated.portfolio.candidates["C1"].name == "Two\nlines"
    assert {(i.row, i.code.value) for i in validated.log.items} >= {(1, "skipped-row")}


@pytest.mark.parametrize("data, encoding", [
    ("Café".encode(), "UTF-8"), (b"\xef\xbb\xbfCaf\xc3\xa9", "UTF-8"),
    ("Café".encode("cp1252"), "Windows-1252"), ("Café".encode("utf-16"), "UTF-16"),
])
def test_text_is_decoded_and_the_encoding_named(data: bytes, encoding: str) -> None:
    assert decode_text(data) == ("Café", encoding)


@pytest.mark.parametrize("lines, delimiter", [
    (["a,b,c", "1,2,3"], ","), (["a;b;c", "1,5;2;3"], ";"), (["a\tb", "1\t2"], "\t"),
    (["a|b|c", "1|2|3"], "|"), (["just one column", "another"], ","),
])
def test_the_separator_is_the_one_that_splits_lines_evenly(lines: list[str],
                                                          delimiter: str) -> None:
    assert detect_delimiter(lines) == delimiter


def test_decimal_commas_are_recognized_by_majority_and_by_semicolons() -> None:
    assert detect_decimal_comma([["1.234,56", "12,5"], ["7"]], ",")
    assert not detect_decimal_comma([["1,234.56", "12.5"]], ",")
    assert detect_decimal_comma([["12,5", "1,234.56"]], ";")  # a tie: semicolons decide
    assert not detect_decimal_comma([["text", None]], ";")


def test_rows_keep_their_file_line_numbers_and_blank_cells_become_none() -> None:
    sheet, notes = read_csv_text("systems.csv", b"system_id,name\n\nS1, \nS2,Two\n", ROOMY)
    assert sheet.rows == [(1, ["system_id", "name"]), (3, ["S1", None]), (4, ["S2", "Two"])]
    assert (sheet.delimiter, sheet.encoding, sheet.decimal_comma) == (",", "UTF-8", False)
    [note] = notes
    assert note.message == ("Read as UTF-8 text, comma-separated, numbers with a decimal "
                            "point (1,234.56).")


def test_rows_and_columns_beyond_the_limits_are_refused_naming_the_limit() -> None:
    data = "\n".join(",".join(f"r{r}c{c}" for c in range(4)) for r in range(1, 8)).encode()
    with pytest.raises(UnreadableFileError, match=r"more than 5 rows; the limit is 5 "
                                                  r"\(PLANNER_MAX_ROWS\)"):
        read_csv_text("long.csv", data, Limits(max_rows=5, max_columns=4, max_cells=100))
    with pytest.raises(UnreadableFileError, match=r"row 1 has 4 columns, with a value in "
                                                  r"column 4; the limit is 3"):
        read_csv_text("wide.csv", data, Limits(max_rows=10, max_columns=3, max_cells=100))
    with pytest.raises(UnreadableFileError, match=r"more than 20 filled cells \(counting "
                                                  r"stopped at row 6 of 'many.csv'\)"):
        read_csv_text("many.csv", data, Limits(max_rows=10, max_columns=4, max_cells=20))
    sheet, _ = read_csv_text("fits.csv", data, Limits(max_rows=7, max_columns=4, max_cells=28))
    assert [number for number, _ in sheet.rows] == [1, 2, 3, 4, 5, 6, 7]


def test_a_large_csv_is_decoded_as_it_is_read_not_copied_whole() -> None:
    import tracemalloc

    data = ("id,name,cost\n" + "".join(f"C{i},Project {i},{i}\n" for i in range(100_000))
            ).encode()
    tracemalloc.start()
    sheet, _ = read_csv_text("big.csv", data, Limits(max_rows=200_000))
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(sheet.rows) == 100_001
    # Beyond the rows kept, reading needed less than half the file's size: a decoded copy of
    # the whole file (and a StringIO over it) would need more than the file itself.
    assert peak - kept < len(data) // 2


def test_binary_data_named_csv_is_refused_with_the_file_name() -> None:
    with pytest.raises(UnreadableFileError) as caught:
        read_csv_text("photo.csv", b"\x89PNG\x00\x00\x00IHDR", ROOMY)
    assert caught.value.filename == "photo.csv"
    assert "binary data" in caught.value.reason
