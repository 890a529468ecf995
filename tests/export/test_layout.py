"""Sheet layout: print setup, well-formed tables, frozen headers, fitted widths."""

from __future__ import annotations

import pytest

from planner.export import styles as xs
from planner.export.charts import frontier_chart
from planner.export.layout import Block, Col, SheetWriter, freeze, place_chart
from tests.export.exported import INPUT_SHEETS, blank_sheet, exported_workbook, sheet_rows


@pytest.fixture(scope="module")
def exported() -> tuple:
    return exported_workbook()


def test_every_sheet_is_set_up_for_print_and_every_table_is_well_formed(exported) -> None:
    workbook = exported[0]
    names = []
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.oddFooter.center.text == "Page &P of &N", sheet.title
        assert sheet.oddFooter.left.text == "Baseline", sheet.title
        for table in sheet.tables.values():
            names.append(table.displayName.casefold())
            assert " " not in table.displayName
            header = [c.value for c in sheet[table.ref][0]]
            assert all(isinstance(h, str) and h for h in header)
            assert len({h.casefold() for h in header}) == len(header)
        widths = [d.width for d in sheet.column_dimensions.values() if d.width]
        assert widths and max(widths) <= xs.MAX_WIDTH, sheet.title
    assert len(names) == len(set(names))
    for title in ("Roadmap", "Funded", "Unfunded", "Scores", *INPUT_SHEETS):
        assert workbook[title].freeze_panes, title
        assert workbook[title].print_title_rows, title


def test_a_table_is_written_under_its_header_and_becomes_an_excel_table() -> None:
    ws = blank_sheet()
    writer = SheetWriter(ws, set())
    writer.title("Funded projects", "Sorted by start year.")
    block = writer.table([Col("Candidate", ["C1", "C2"]),
                          Col("Total spend", [1200.0, 300.0], xs.MONEY_CELL)], name="Funded")
    assert (block.header_row, block.first_row, block.last_row, block.rows) == (4, 5, 6, 2)
    assert block.letter("Total spend") == "B" and block.data_range("Total spend") == "B5:B6"
    assert sheet_rows(ws)[2:] == [("Candidate", "Total spend"), ("C1", 1200.0), ("C2", 300.0)]
    assert ws["B5"].style == xs.MONEY_CELL
    assert ws.tables["Funded"].ref == "A4:B6"
    assert writer.row == 7


def test_label_value_pairs_and_frozen_headers() -> None:
    ws = blank_sheet()
    writer = SheetWriter(ws, set())
    writer.pairs([("City", "Riverton", xs.TEXT), ("Budget", 5_000_000.0, xs.MONEY_CELL)])
    assert sheet_rows(ws) == [("City", "Riverton"), ("Budget", 5_000_000.0)]
    freeze(ws, Block(header_row=4, first_row=5, last_row=9, first_col=1), columns=2)
    assert ws.freeze_panes == "C5"


def test_fitted_widths_never_pass_the_maximum() -> None:
    ws = blank_sheet()
    writer = SheetWriter(ws, set())
    writer.table([Col("Why not funded", ["x" * 300]), Col("Id", ["C1"])])
    writer.fit(minimum={2: 12})
    assert ws.column_dimensions["A"].width == xs.MAX_WIDTH
    assert ws.column_dimensions["B"].width >= 12


def test_a_chart_far_down_a_sheet_starts_a_printed_page() -> None:
    ws = blank_sheet()
    ws.append(["Budget", "Value"])
    ws.append([1.0, 2.0])
    place_chart(ws, frontier_chart(ws, 1, [2], 1, 2, xs.MONEY_MILLIONS), row=40, alt="A chart")
    assert [b.id for b in ws.row_breaks.brk] == [39]
    assert len(ws._charts) == 1
