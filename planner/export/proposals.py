"""The workbook `planner propose -o` writes: the portfolio with the proposals added, as
canonical sheets the importer reads back, a Dispositions report sheet, and the Data Issues
sheet of the council workbook, so that rows lost at import stay in the file the analyst edits."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
from openpyxl import Workbook

from planner.core.issues import issues_frame
from planner.export import styles as xs
from planner.export.record import write_issue_sheet
from planner.export.safe_cells import write_cell
from planner.propose.assumptions import assumptions_frame
from planner.propose.proposals import Proposals, frame_with_estimates
from planner.validate.canonical import pairwise_frame, portfolio_frames

# Headers of the report sheet are chosen so the importer never mistakes it for Systems.
REPORT_HEADERS = {"system_id": "system", "name": "system name"}
INPUT_SHEETS = ("Systems", "Processes", "Candidates", "Budget", "Criteria", "Settings")
ISSUES_SHEET = "Data Issues"


def _write_sheet(workbook: Workbook, title: str, frame: pd.DataFrame, index: bool = False) -> None:
    """A plain table with its header on row 1; user text stays text, never a formula."""
    sheet = workbook.create_sheet(title)
    header = ([""] if index else []) + [str(c) for c in frame.columns]
    for c, value in enumerate(header, start=1):
        write_cell(sheet, 1, c, value)
    records = zip(frame.index, frame.itertuples(index=False, name=None), strict=True)
    for r, (label, record) in enumerate(records, start=2):
        for c, value in enumerate(([label] if index else []) + list(record), start=1):
            write_cell(sheet, r, c, value)


def proposals_workbook(portfolio_with_proposals: Any, proposals: Proposals,
                       issues: pd.DataFrame | None = None) -> bytes:
    """The portfolio (proposals added) as canonical sheets the importer reads back, the
    Dispositions report and the import's issues (`issues`, plus the proposals' own)."""
    frames = portfolio_frames(portfolio_with_proposals)
    frames["Candidates"] = frame_with_estimates(portfolio_with_proposals.candidates.values())
    described = assumptions_frame(proposals.assumptions).set_index("key")["description"]
    settings = frames["Settings"]
    settings["description"] = settings["key"].map(described)
    workbook = Workbook()
    workbook.remove(workbook.active)
    xs.register_styles(workbook)
    for name in INPUT_SHEETS:
        frame = frames[name]
        if not frame.empty or name == "Candidates":
            _write_sheet(workbook, name, frame)
    pairwise = pairwise_frame(portfolio_with_proposals)
    if pairwise is not None:
        _write_sheet(workbook, "Pairwise", pairwise, index=True)
    _write_sheet(workbook, "Dispositions", proposals.dispositions.rename(columns=REPORT_HEADERS))
    write_issue_sheet(workbook.create_sheet(ISSUES_SHEET), _all_issues(issues, proposals),
                      portfolio_with_proposals.settings.scenario_name, set(),
                      left_out="rows with errors were left out of the proposals")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _all_issues(issues: pd.DataFrame | None, proposals: Proposals) -> pd.DataFrame:
    frames = [f for f in (issues, issues_frame(proposals.issues)) if f is not None and not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
