"""A worksheet's XML to cells: shared strings, rich text, merges, formulas without results."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook

from planner.ingest.files import read_bytes
from planner.ingest.xlsx_cells import (
    Limits,
    StyleInfo,
    parse_shared_strings,
    parse_sheet,
    precount_shared_strings,
)
from planner.service import load_files
from tests import messy_files as mf
from tests.factories import workbook_bytes


def test_shared_strings_rich_text_and_missing_cell_references() -> None:
    sheet = read_bytes("s.xlsx", mf.shared_strings_workbook()).sheets[0]
    assert sheet.rows == [
        (1, ["candidate_id", "name", "one_time_cost"]),
        (2, ["C1", "Rich text", 1500.5]),
        (3, ["C2", " Spaced ", True]),
    ]


def test_vertical_merges_fill_down_horizontal_merges_stay_labels() -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["system_id", "name", "department"])
    ws.append(["S1", "One", "Police"])
    ws.append(["S2", "Two", None])
    ws.append(["PARKS"])
    ws.merge_cells("C2:C3")
    ws.merge_cells("A4:C4")
    sheet = read_bytes("m.xlsx", mf.save(wb)).sheets[0]
    assert sheet.rows[2] == (3, ["S2", "Two", "Police"])
    assert sheet.rows[3] == (4, ["PARKS"])
    assert (4, 1, 4, 3) in sheet.merged


def test_formulas_without_saved_results_are_found_in_one_pass() -> None:
    book = read_bytes("f.xlsx", mf.formulas_without_results())
    assert book.sheets[0].uncached == frozenset({(2, 4), (3, 3)})
    validated = load_files([("f.xlsx", mf.formulas_without_results())])
    found = {(i.row, i.column) for i in validated.log.items
             if i.code.value == "formula-not-calculated"}
    assert found == {(2, "annual_savings"), (3, "one_time_cost")}
    assert ("Candidates", 3) in {(i.sheet, i.row) for i in validated.log.items
                                 if i.code.value == "missing-value"}


def test_prefixed_names_pretty_printing_and_odd_merges_are_read() -> None:
    sheet_xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\n'
        b'  <x:sheetData>\n'
        b'    <x:row r="1">\n      <x:c r="A1" t="inlineStr"><x:is><x:t>system_id</x:t></x:is>'
        b'</x:c>\n      <x:c r="B1" t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c>\n'
        b'    </x:row>\n'
        b'    <x:row r="2">\n      <x:c r="A2">\n        <x:v>101</x:v>\n      </x:c>\n'
        b'      <x:c r="B2" t="inlineStr"><x:is><x:t>Tom &amp; Jerry</x:t></x:is></x:c>\n'
        b'    </x:row>\n'
        b'  </x:sheetData>\n  <x:mergeCells><x:mergeCell ref="bogus"/></x:mergeCells>\n'
        b'</x:worksheet>\n')
    data = mf.rezip(workbook_bytes({"Systems": [["x"]]}),
                    replace={"xl/worksheets/sheet1.xml": sheet_xml})
    validated = load_files([("p.xlsx", data)])
    assert validated.portfolio.systems["101"].name == "Tom & Jerry"


MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
ROOMY = Limits(max_rows=1_000, max_columns=50, max_cells=50_000)
PLAIN = StyleInfo(shared_strings=[], date_styles=frozenset(), timedelta_styles=frozenset(),
                  epoch=dt.datetime(1899, 12, 30))


def sheet_xml(rows: str, extra: str = "") -> io.BytesIO:
    """A worksheet part with the given <row> elements."""
    return io.BytesIO(f'<worksheet {MAIN}><sheetData>{rows}</sheetData>{extra}</worksheet>'
                      .encode())


def test_inline_numbers_booleans_and_formulas_are_read_by_their_cell_type() -> None:
    stream = sheet_xml('<row r="2"><c r="A2" t="inlineStr"><is><t>S1</t></is></c>'
                       '<c r="B2"><v>12.5</v></c><c r="C2" t="b"><v>1</v></c>'
                       '<c r="E2"><f>SUM(B2:B2)</f></c></row>')
    cells = parse_sheet(stream, PLAIN, ROOMY)
    assert cells.rows[2][:3] == ["S1", 12.5, True]
    assert cells.uncached == {(2, 5)}


def test_rows_past_the_limit_are_counted_not_read() -> None:
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 6))
    cells = parse_sheet(sheet_xml(rows), PLAIN, Limits(3, 10, 100))
    assert sorted(cells.rows) == [1, 2, 3]
    assert cells.row_beyond == 4


def test_shared_strings_join_rich_text_runs_and_leave_out_phonetic_guides() -> None:
    xml = (f'<sst {MAIN}><si><t>plain</t></si>'
           '<si><r><rPr><b/></rPr><t>bold </t></r><r><t>and not</t></r></si>'
           '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si></sst>')
    assert parse_shared_strings(io.BytesIO(xml.encode())) == ["plain", "bold and not", "漢字"]


def test_shared_texts_are_counted_in_the_raw_bytes_across_chunk_boundaries() -> None:
    import pytest

    from planner.ingest.limits import LimitPassed
    from planner.ingest.xlsx_cells import CHUNK

    # Tags straddle the 1 MiB chunk boundary at every offset of the 7-byte pattern.
    xml = b"<sst>" + b"<si><t>x</t></si>" * (CHUNK // 17 + 1_000) + b'<si a="1"/></sst>'
    count = CHUNK // 17 + 1_001
    precount_shared_strings(io.BytesIO(xml), Limits(max_shared_strings=count))
    with pytest.raises(LimitPassed, match=f"more than {count - 1:,} texts"):
        precount_shared_strings(io.BytesIO(xml), Limits(max_shared_strings=count - 1))


def test_prefixed_and_empty_shared_texts_are_counted_once_across_chunk_boundaries() -> None:
    import pytest

    from planner.ingest.limits import LimitPassed
    from planner.ingest.xlsx_cells import CHUNK

    # <x:si> tags of 22 bytes and empty <si/> tags of 5 straddle every 1 MiB boundary offset.
    one = b"<x:si><x:t>y</x:t></x:si>" + b"<si/>"
    xml = b'<x:sst xmlns:x="urn:x">' + one * (2 * CHUNK // len(one) + 7) + b"</x:sst>"
    count = 2 * (2 * CHUNK // len(one) + 7)
    assert len(parse_shared_strings(io.BytesIO(xml))) == count
    precount_shared_strings(io.BytesIO(xml), Limits(max_shared_strings=count))
    with pytest.raises(LimitPassed, match=f"more than {count - 1:,} texts"):
        precount_shared_strings(io.BytesIO(xml), Limits(max_shared_strings=count - 1))
