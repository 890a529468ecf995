"""Merged ranges are cut to the filled area before a value is filled down."""

from __future__ import annotations

import pytest

from planner.ingest.limits import LimitPassed, Limits
from planner.ingest.merges import clip_merged, fill_merged
from planner.ingest.xlsx_cells import SheetCells


def test_a_vertical_merge_fills_every_row_it_covers() -> None:
    cells = SheetCells(rows={2: ["S1", "Police"], 4: ["S3"]}, merged=[(2, 2, 4, 2)])
    clip_merged(cells, Limits())
    fill_merged(cells)
    assert cells.rows[3] == [None, "Police"]
    assert cells.rows[4] == ["S3", "Police"]


def test_ranges_are_cut_to_the_filled_rows_and_columns_and_outside_ones_dropped() -> None:
    cells = SheetCells(rows={1: ["a", "b", "c"], 3: ["d"]},
                       merged=[(2, 2, 1_048_576, 16_384), (5, 1, 9, 1), (1, 5, 1, 9),
                               (2, 1, 2, 1)])
    clip_merged(cells, Limits())
    # the huge range keeps rows 2-3 and columns B-C; a range below or right of the data goes
    assert cells.merged == [(2, 2, 3, 3), (2, 1, 2, 1)]


def test_a_range_across_columns_stays_across_two_when_the_data_is_one_column_wide() -> None:
    cells = SheetCells(rows={1: ["PARKS"], 2: ["S1"]}, merged=[(1, 1, 1, 6)])
    clip_merged(cells, Limits())
    assert cells.merged == [(1, 1, 1, 2)]  # still read as a label row across columns


def test_merged_cells_over_the_limit_are_refused_before_any_is_filled() -> None:
    rows = {n: [f"S{n}", "x"] for n in range(1, 101)}
    cells = SheetCells(rows=rows, merged=[(2, 2, 100, 2)] * 20)  # 20 x 99 cells
    with pytest.raises(LimitPassed) as caught:
        clip_merged(cells, Limits(max_merged_cells=1_000))
    assert caught.value.field == "max_merged_cells"
    assert str(caught.value) == "has merged ranges covering 1,980 cells of its filled area"


def test_a_sheet_without_values_keeps_no_merges() -> None:
    cells = SheetCells(merged=[(1, 1, 5, 5)])
    clip_merged(cells, Limits())
    assert cells.merged == []
