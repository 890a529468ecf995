"""The workbook `planner propose -o` writes: the portfolio with the proposals added, as
canonical sheets the importer reads back, and a Dispositions report sheet."""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd
from openpyxl import Workbook

from planner.propose.assumptions import assumptions_frame
from planner.propose.proposals import Proposals, frame_with_estimates
from planner.validate.canonical import pairwise_frame, portfolio_frames

# Headers of the report sheet are chosen so the importer never mistakes it for Systems.
REPORT_HEADERS = {"system_id": "system", "name": "system name"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL = 32_767


def _cell(value: Any) -> Any:
    """A value openpyxl can write safely: no NaN, no numpy types, no control characters."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, str):
        return _CONTROL.sub("", value)[:MAX_CELL]
    return value


def _write_sheet(workbook: Workbook, title: str, frame: pd.DataFrame, index: bool = False) -> None:
    sheet = workbook.create_sheet(title)
    header = ([""] if index else []) + [str(c) for c in frame.columns]
    rows = [header]
    for label, record in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        rows.append(([label] if index else []) + list(record))
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=None)
            value = _cell(value)
            if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                # User text must never become a live formula in Excel.
                cell.value = value
                cell.data_type = "s"
                cell.quotePrefix = True
            else:
                cell.value = value


def proposals_workbook(portfolio_with_proposals: Any, proposals: Proposals) -> bytes:
    """The portfolio (proposals added) as canonical sheets the importer reads back, + report."""
    frames = portfolio_frames(portfolio_with_proposals)
    frames["Candidates"] = frame_with_estimates(portfolio_with_proposals.candidates.values())
    described = assumptions_frame(proposals.assumptions).set_index("key")["description"]
    settings = frames["Settings"]
    settings["description"] = settings["key"].map(described)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in ("Systems", "Processes", "Candidates", "Budget", "Criteria", "Settings"):
        frame = frames[name]
        if not frame.empty or name == "Candidates":
            _write_sheet(workbook, name, frame)
    pairwise = pairwise_frame(portfolio_with_proposals)
    if pairwise is not None:
        _write_sheet(workbook, "Pairwise", pairwise, index=True)
    _write_sheet(workbook, "Dispositions", proposals.dispositions.rename(columns=REPORT_HEADERS))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
