"""The sample city with a Criteria sheet carrying ranks and swings, and a Settings weighting."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import load_workbook

from planner.score.criteria import PRESETS

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_city.xlsx"
CRITERIA = PRESETS["balanced"].criteria  # six criteria, as the Criteria sheet lists them
NAMES = [c.criterion for c in CRITERIA]
RANKS = (2, 1, 4, 3, 6, 5)  # Resident impact first, then Legacy risk ...
SWINGS = (80, 100, 40, 60, 10, 30)


def weighted_book(weighting: str | None, *, ranks: Sequence[object] = RANKS,
                  swings: Sequence[object] = SWINGS, headers: Sequence[str] = ()) -> bytes:
    """The sample city's workbook plus a Criteria sheet (the balanced preset's criteria with
    `ranks` and `swings`) and, unless None, a Settings row `weighting`."""
    workbook = load_workbook(SAMPLE)
    sheet = workbook.create_sheet("Criteria")
    sheet.append(list(headers) or ["criterion", "column", "direction", "weight", "scale_min",
                                   "scale_max", "rank", "swing"])
    for crit, rank, swing in zip(CRITERIA, ranks, swings, strict=True):
        sheet.append([crit.criterion, crit.column, crit.direction.value, crit.weight,
                      crit.scale_min, crit.scale_max, rank, swing])
    if weighting is not None:
        workbook["Settings"].append(["weighting", weighting])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def setting_row(book: bytes, key: str = "weighting") -> int:
    """The spreadsheet row of a Settings key in a workbook built here."""
    sheet = load_workbook(io.BytesIO(book))["Settings"]
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == key)
