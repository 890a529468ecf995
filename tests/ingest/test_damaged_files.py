"""Damaged and unusual files: each becomes the planner's own error, never a traceback.

Every file is built in the test. Through `read_bytes` each must raise UnreadableFileError
with a plain message (exit 2 on the command line), or read with its bad cells reported.
"""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from planner.errors import UnreadableFileError
from planner.ingest.files import read_bytes
from planner.service import load_files
from tests.factories import workbook_bytes
from tests.messy_files import csv_zip, small_workbook

SHEET = "xl/worksheets/sheet1.xml"


def _patch_members(data: bytes, patch) -> bytes:
    """A copy of a zip with `patch(raw, central_offset, local_offset)` applied per member."""
    raw = bytearray(data)
    central = raw.find(b"PK\x01\x02")
    while central != -1:
        local = struct.unpack_from("<I", raw, central + 42)[0]
        patch(raw, central, local)
        central = raw.find(b"PK\x01\x02", central + 4)
    return bytes(raw)


def corrupt_deflate() -> bytes:
    """The sheet's compressed bytes overwritten: zlib cannot inflate them."""
    data = bytearray(small_workbook())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start:start + 16] = b"\xff" * 16
    return bytes(data)


def flagged_encrypted() -> bytes:
    """Every member flagged as encrypted (general purpose bit 0)."""
    def patch(raw, central, local):
        struct.pack_into("<H", raw, central + 8, struct.unpack_from("<H", raw, central + 8)[0] | 1)
        struct.pack_into("<H", raw, local + 6, struct.unpack_from("<H", raw, local + 6)[0] | 1)
    return _patch_members(small_workbook(), patch)


def compression_method(method: int) -> bytes:
    """Every member claiming compression `method` (9 = Deflate64, 99 = unknown)."""
    def patch(raw, central, local):
        struct.pack_into("<H", raw, central + 10, method)
        struct.pack_into("<H", raw, local + 8, method)
    return _patch_members(small_workbook(), patch)


def needs_version(version: int) -> bytes:
    """Every member declaring that it needs zip version `version` to extract."""
    def patch(raw, central, local):
        struct.pack_into("<H", raw, central + 6, version)
        struct.pack_into("<H", raw, local + 4, version)
    return _patch_members(small_workbook(), patch)


def bad_member_name() -> bytes:
    """A member whose name is not valid UTF-8 although its UTF-8 flag is set."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("sheet.csv", b"candidate_id,name\nC1,A\n")
    raw = bytearray(out.getvalue())
    for marker in (b"PK\x03\x04", b"PK\x01\x02"):
        at = raw.find(marker)
        flag_at = at + (6 if marker == b"PK\x03\x04" else 8)
        struct.pack_into("<H", raw, flag_at, struct.unpack_from("<H", raw, flag_at)[0] | 0x800)
        name_at = raw.find(b"sheet.csv", at)
        raw[name_at:name_at + 2] = b"\xff\xfe"
    return bytes(raw)


def bogus_encoding() -> bytes:
    """The sheet's XML declaring an encoding that does not exist."""
    source = small_workbook()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == SHEET:
                body = body.replace(b'encoding="UTF-8"', b'encoding="bogus"', 1) \
                    if b'encoding="UTF-8"' in body else b'<?xml version="1.0" ' \
                    b'encoding="bogus"?>' + body.split(b"?>", 1)[-1]
            dst.writestr(info.filename, body)
    return out.getvalue()


DAMAGED = {
    "corrupt deflate data": ("book.xlsx", corrupt_deflate, "damaged"),
    "member flagged encrypted": ("book.xlsx", flagged_encrypted, "encrypted"),
    "Deflate64 member": ("book.xlsx", lambda: compression_method(9), "compression"),
    "unknown compression method": ("book.xlsx", lambda: compression_method(99), "compression"),
    "unsupported zip version": ("book.xlsx", lambda: needs_version(99), "version"),
    "non-UTF-8 member name": ("tables.zip", bad_member_name, "name"),
    "unknown XML encoding": ("book.xlsx", bogus_encoding, "encoding"),
}


@pytest.mark.parametrize("case", DAMAGED)
def test_a_damaged_file_is_refused_in_plain_words(case: str) -> None:
    name, build, phrase = DAMAGED[case]
    with pytest.raises(UnreadableFileError) as caught:
        read_bytes(name, build())
    assert caught.value.filename == name
    assert phrase in caught.value.reason.lower()


def test_a_csv_cell_longer_than_the_field_limit_is_refused_with_its_size() -> None:
    data = b"candidate_id,name,one_time_cost\nC1," + b"x" * 10_000_000 + b",100\n"
    with pytest.raises(UnreadableFileError, match="characters"):
        read_bytes("long.csv", data)


def test_a_csv_of_sixteen_thousand_columns_is_read_or_refused_in_plain_words() -> None:
    header = ",".join(f"c{i}" for i in range(16_384)).encode()
    try:
        loaded = load_files([("wide.csv", header + b"\n" + b"1," * 16_383 + b"1\n")])
    except UnreadableFileError as exc:
        assert "column" in exc.reason.lower()
    else:
        assert loaded.portfolio.candidates == {}


def with_sheet_values(data: bytes, values: dict[str, bytes]) -> bytes:
    """A copy of a workbook whose first sheet's cells (by reference) hold raw XML values."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == SHEET:
                for ref, value in values.items():
                    start = body.index(b'<c r="' + ref.encode() + b'"')
                    end = body.index(b"</c>", start) + 4
                    body = body[:start] + b'<c r="' + ref.encode() + b'"><v>' + value + \
                        b"</v></c>" + body[end:]
            dst.writestr(info.filename, body)
    return out.getvalue()


def test_infinite_and_oversized_numbers_are_cell_errors_not_crashes() -> None:
    data = workbook_bytes({
        "Systems": [["system_id", "name", "end_of_support", "annual_om_cost"],
                    ["S1", "Permits", 2030, 100], ["S2", "Ledger", 2030, "9" * 400]],
        "Candidates": [["candidate_id", "name", "one_time_cost", "annual_savings"],
                       ["C1", "Portal", "1e400", 5], ["C2", "ERP", 100, 7]],
        "Budget": [["fiscal_year", "fund", "capital_budget"], [2027, "GF", "1e400"]],
    })
    data = with_sheet_values(data, {"C2": b"1E+400", "D2": b"-1E+400"})  # Systems row 2
    loaded = load_files([("numbers.xlsx", data)])
    rows = {(i.sheet, i.row) for i in loaded.log.items if i.severity == "error"}
    assert {("Candidates", 2), ("Budget", 2)} <= rows  # required amounts: the row is out
    blanked = {(i.sheet, i.row) for i in loaded.log.items if i.code == "blanked-value"}
    assert {("Systems", 2), ("Systems", 3)} <= blanked  # optional ones: left blank, row kept
    assert set(loaded.portfolio.systems) == {"S1", "S2"}


def directory_pointing_before_the_file(data: bytes, shift: int = 100) -> bytes:
    """A zip whose end record places the central directory `shift` bytes later than it is, so
    every part's offset comes out negative (zipfile then seeks before the file's start)."""
    raw = bytearray(data)
    end = raw.rfind(b"PK\x05\x06")
    struct.pack_into("<I", raw, end + 16, struct.unpack_from("<I", raw, end + 16)[0] + shift)
    return bytes(raw)


@pytest.mark.parametrize("name, build", [
    ("tables.zip", lambda: csv_zip({"Candidates.csv": b"candidate_id,name\nC1,A\n"})),
    ("book.xlsx", small_workbook),
])
def test_a_table_of_contents_pointing_outside_the_file_is_damage(name: str, build) -> None:
    # Found by the fuzzer: ValueError 'negative seek value' from zipfile.
    with pytest.raises(UnreadableFileError, match="table of contents is damaged") as caught:
        read_bytes(name, directory_pointing_before_the_file(build()))
    assert caught.value.filename == name


@pytest.mark.parametrize("header", ["cost_FY0254", "FY0254 cost", "cost FY 0027"])
def test_a_spend_header_naming_an_impossible_year_is_kept_as_its_own_column(header: str) -> None:
    # Found by the fuzzer: 'cost_FY0254' was read as the spend column cost_FY254, which the
    # mapping profile then refused (a pydantic ValidationError instead of an import).
    data = workbook_bytes({"Candidates": [["candidate_id", "name", "one_time_cost", header],
                                          ["C1", "One", 100, 5]]})
    loaded = load_files([("book.xlsx", data)])
    assert header not in loaded.mapping["Candidates"]
    assert loaded.profile.sheets["Candidates"].columns[header] == "custom"
    assert list(loaded.portfolio.candidates) == ["C1"]


def test_a_spend_header_of_a_plausible_year_is_still_read_as_that_years_spend() -> None:
    data = workbook_bytes({"Candidates": [["candidate_id", "name", "one_time_cost",
                                           "FY2028 cost"], ["C1", "One", 100, 5]]})
    loaded = load_files([("book.xlsx", data)])
    assert loaded.mapping["Candidates"]["FY2028 cost"] == "cost_FY2028"
