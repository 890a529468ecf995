"""Hostile and broken files are refused with a plain message, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl.xml
import pytest

from planner.cli import main
from planner.core.models import Severity
from planner.errors import UnreadableFileError
from planner.ingest import safety
from planner.ingest.files import read_bytes
from planner.service import load_files
from tests import messy_files as mf

REFUSED: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "xml bomb in a sheet": ("bomb.xlsx", mf.xml_bomb, "XML bomb"),
    "xml bomb in the workbook part": (
        "bomb.xlsx", lambda: mf.xml_bomb("xl/workbook.xml"), "XML bomb"),
    "xml bomb in the styles": ("bomb.xlsx", lambda: mf.xml_bomb("xl/styles.xml"), "XML bomb"),
    "zip bomb by ratio": ("bomb.xlsx", mf.zip_bomb_ratio, "zip bomb"),
    "zip bomb by declared size": ("bomb.xlsx", mf.zip_bomb_declared, "zip bomb"),
    "thousands of zip members": ("many.xlsx", mf.zip_with_many_members, "parts"),
    "password-protected workbook": ("secret.xlsx", lambda: mf.ole_file(True), "password"),
    "legacy xls": ("old.xls", lambda: mf.ole_file(False), "97-2003"),
    "legacy xls renamed xlsx": ("old.xlsx", lambda: mf.ole_file(False), "97-2003"),
    "empty file": ("empty.xlsx", lambda: b"", "empty"),
    "whitespace only": ("blank.csv", lambda: b"  \r\n ", "empty"),
    "csv renamed xlsx": ("data.xlsx", lambda: b"candidate_id,name\nC1,One\n", "CSV"),
    "truncated zip": ("cut.xlsx", mf.truncated, "incomplete or damaged"),
    "zip without content types": ("nocontent.xlsx", mf.without_content_types,
                                  "[Content_Types].xml"),
    "image named xlsx": ("photo.xlsx", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4,
                         "this is not an Excel workbook"),
    "pdf": ("report.pdf", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "unsupported file type"),
    "malformed sheet xml": ("bad.xlsx", lambda: mf.rezip(
        mf.small_workbook(), replace={"xl/worksheets/sheet1.xml": b"<worksheet><sheetData>"}),
        "damaged"),
    "zip of csvs bomb": ("csvs.zip", lambda: mf.declare_size(
        mf.csv_zip({"systems.csv": b"system_id,name\nS1,A\n"}), "systems.csv", 2**31),
        "zip bomb"),
    "zip with no csv": ("stuff.zip", lambda: mf.csv_zip({"readme.md": b"hello"}), "no .csv"),
}


def test_defusedxml_is_active() -> None:
    assert openpyxl.xml.DEFUSEDXML is True
    safety.require_defused_xml()


@pytest.mark.parametrize("case", list(REFUSED))
def test_hostile_or_broken_file_is_refused_with_a_plain_message(case: str) -> None:
    name, build, phrase = REFUSED[case]
    with pytest.raises(UnreadableFileError) as caught:
        read_bytes(name, build())
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert phrase.lower() in message.lower()
    assert "Traceback" not in message and "\n" not in message


@pytest.mark.parametrize("case", ["xml bomb in a sheet", "zip bomb by ratio", "truncated zip",
                                  "csv renamed xlsx", "legacy xls", "empty file"])
def test_command_line_exits_2_with_the_message(case: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture) -> None:
    name, build, phrase = REFUSED[case]
    path = tmp_path / name
    path.write_bytes(build())
    assert main(["validate", str(path), "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert phrase.lower() in captured.err.lower()
    assert "Traceback" not in captured.err
    error = json.loads(captured.out)["error"]
    assert error["code"] == "unreadable-file" and phrase.lower() in error["message"].lower()


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(tmp_path / "nope.xlsx")]) == 2
    assert "cannot be opened" in capsys.readouterr().err


def test_preflight_reads_only_the_directory() -> None:
    # A declared 2 GB member is refused before a single byte is inflated.
    with pytest.raises(UnreadableFileError, match="zip bomb"):
        safety.open_zip("bomb.xlsx", mf.zip_bomb_declared())


def test_total_unpacked_size_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_MAX_UNPACKED_MB", "0.002")
    with pytest.raises(UnreadableFileError, match="would unpack to .* bytes, all its parts "
                                                  r"together; the limit is 2,097 bytes"):
        read_bytes("book.xlsx", mf.small_workbook())


def test_ordinary_compression_passes_the_preflight() -> None:
    archive = safety.open_zip("ok.xlsx", mf.small_workbook())
    assert "[Content_Types].xml" in archive.namelist()


def test_macros_and_external_links_are_warnings_not_refusals() -> None:
    book = read_bytes("macro.xlsm", mf.with_macros())
    assert [n.code.value for n in book.notes] == ["macros-present"]
    assert book.sheets
    book = read_bytes("links.xlsx", mf.with_external_links())
    assert [n.code.value for n in book.notes] == ["external-links"]
    assert all(n.severity is Severity.WARNING for n in book.notes)


def test_xlsm_extension_alone_is_reported() -> None:
    book = read_bytes("plain.xlsm", mf.small_workbook())
    assert [n.code.value for n in book.notes] == ["macros-present"]


def test_far_cell_is_capped_and_reported_not_padded() -> None:
    validated = load_files([("far.xlsx", mf.far_cell("XFD1048576"))])
    truncated = [i for i in validated.log.items if i.code.value == "truncated"]
    assert len(truncated) == 1 and "1,048,576" in truncated[0].message
    assert validated.counts == {"Candidates": 1}
    assert set(validated.portfolio.candidates) == {"C1"}


def test_far_column_is_capped_and_reported() -> None:
    book = read_bytes("wide.xlsx", mf.far_cell("ZZ5"))
    assert max(len(cells) for _, cells in book.sheets[0].rows) <= 3
    assert any(n.code.value == "truncated" and "ZZ5" in n.message for n in book.notes)


def test_stray_cell_far_below_is_reported_once() -> None:
    book = read_bytes("far.xlsx", mf.far_cell("ZZ200000"))
    assert [n.code.value for n in book.notes] == ["truncated"]
    assert [number for number, _ in book.sheets[0].rows] == [1, 2]


def test_a_lying_dimension_tag_does_not_pad_rows() -> None:
    book = read_bytes("shared.xlsx", mf.shared_strings_workbook())
    assert [len(cells) for _, cells in book.sheets[0].rows] == [3, 3, 3]


def test_oversized_upload_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_MAX_FILE_MB", "0.001")
    with pytest.raises(UnreadableFileError, match=r"the file is 4,000 bytes; the limit is "
                                                  r"1,048 bytes \(PLANNER_MAX_FILE_MB\)"):
        read_bytes("big.csv", b"a,b\n" * 1000)


def test_a_short_csv_with_a_few_control_characters_is_text() -> None:
    data = b"candidate_id,name\nC1,Permits \x1b[31mportal\x07\nC2,Records\x1b]0;x\x07\n"
    assert safety.sniff(data) == "text"
    rows = read_bytes("c.csv", data).sheets[0].rows
    assert rows[1] == (2, ["C1", "Permits \x1b[31mportal\x07"])
    assert safety.sniff(bytes(range(1, 32)) * 3) == "binary"
