"""The workbook look is defined once and survives a save and reload."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from planner.export import styles as xs
from planner.export.safe_cells import write_cell


def reload(workbook: Workbook) -> Workbook:
    """Save and load again."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def test_registering_twice_adds_each_named_style_once() -> None:
    workbook = Workbook()
    xs.register_styles(workbook)
    xs.register_styles(workbook)
    names = list(workbook.named_styles)
    assert all(names.count(name) == 1 for name in xs.STYLE_NAMES)


def test_named_styles_and_number_formats_survive_a_reload() -> None:
    workbook = Workbook()
    xs.register_styles(workbook)
    sheet = workbook.active
    write_cell(sheet, 1, 1, 1234.5, xs.MONEY_CELL)
    write_cell(sheet, 2, 1, 0.25, xs.PERCENT_CELL)
    write_cell(sheet, 3, 1, 2027, xs.YEAR_CELL)
    write_cell(sheet, 4, 1, "Header", xs.HEADER)
    loaded = reload(workbook).active
    assert (loaded["A1"].style, loaded["A1"].number_format) == (xs.MONEY_CELL, xs.MONEY)
    assert (loaded["A2"].style, loaded["A2"].number_format) == (xs.PERCENT_CELL, xs.PERCENT)
    assert loaded["A3"].number_format == xs.FISCAL_YEAR
    assert loaded["A4"].font.bold and loaded["A4"].fill.fgColor.rgb.endswith(xs.NAVY)


def test_print_setup_is_landscape_fit_to_width_with_titles_and_footer() -> None:
    workbook = Workbook()
    sheet = workbook.active
    for column in range(1, 6):
        write_cell(sheet, 1, column, "x")
    xs.print_setup(sheet, scenario="Parks & Rec", title_rows="1:1")
    loaded = reload(workbook).active
    assert loaded.page_setup.orientation == "landscape"
    assert loaded.sheet_properties.pageSetUpPr.fitToPage
    assert loaded.page_setup.fitToWidth == 1 and loaded.page_setup.fitToHeight == 0
    assert loaded.print_title_rows == "$1:$1"
    assert loaded.oddFooter.center.text == "Page &P of &N"
    assert loaded.oddFooter.left.text == "Parks && Rec"


def test_a_very_wide_sheet_prints_across_more_than_one_page() -> None:
    workbook = Workbook()
    sheet = workbook.active
    for column in range(1, 31):
        write_cell(sheet, 1, column, "x")
    xs.set_widths(sheet, {chr(64 + c): 20 for c in range(1, 27)})
    xs.print_setup(sheet, scenario="s", title_cols="A:B")
    assert sheet.page_setup.fitToWidth >= 3
    assert sheet.print_title_cols == "$A:$B"


def test_widths_fit_content_within_bounds() -> None:
    assert xs.fitted_width(["short"]) == xs.MIN_WIDTH
    assert xs.fitted_width(["x" * 500]) == xs.MAX_WIDTH
    assert xs.fitted_width(["line one\nline two is longer"], "Header") > 20


def test_wrapped_line_estimate_grows_with_text_and_paragraphs() -> None:
    assert xs.wrapped_lines("short", 40) == 1
    assert xs.wrapped_lines("word " * 60, 20) > 5
    assert xs.wrapped_lines("a\nb\nc", 40) == 3
    assert xs.wrapped_lines("x" * 100, 10) >= 8  # a long word breaks mid-word
