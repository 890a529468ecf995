"""Proposed candidates as an editable table, and edits applied back with estimate flags kept."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from planner.core.issues import IssueCode, IssueLog
from planner.core.models import Candidate, Portfolio
from planner.core.schema import CANDIDATES
from planner.recognize.tables import DataRow, RawTable, map_headers
from planner.validate.canonical import ESTIMATED_COLUMN, candidates_frame, listed_estimates
from planner.validate.crosscheck import check_references
from planner.validate.portfolio import build_records
from planner.values.parse import is_missing

if TYPE_CHECKING:
    from planner.propose.proposals import Proposals

EDITOR_TITLE = "Proposed candidates"


def frame_with_estimates(candidates: Iterable[Candidate]) -> pd.DataFrame:
    """Canonical Candidates columns plus `estimated`, the estimated fields of each row."""
    records = list(candidates)
    frame = candidates_frame(Portfolio.build(candidates=records))
    frame[ESTIMATED_COLUMN] = ["; ".join(sorted(c.estimated)) or None for c in records]
    return frame


def proposals_frame(proposals: Proposals) -> pd.DataFrame:
    """The proposed candidates as one canonical table for display, editing and export."""
    return frame_with_estimates(proposals.candidates)


def _value(cand: Candidate, name: str) -> Any:
    return getattr(cand, name) if name in Candidate.model_fields else cand.extra.get(name)


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, int | float) and isinstance(right, int | float):
        return math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-6)
    return left == right


def _with_flags(cand: Candidate, original: Candidate | None, has_column: bool) -> Candidate:
    """Keep a field flagged as estimated only while its value is still the planner's."""
    extra = {k: v for k, v in cand.extra.items() if k != ESTIMATED_COLUMN}
    if has_column:
        listed = listed_estimates(cand.extra.get(ESTIMATED_COLUMN), cand)
    else:
        listed = original.estimated if original is not None else frozenset()
    if original is not None:
        # A value the user typed over is the user's, no longer the planner's estimate.
        listed = frozenset(n for n in listed if _same(_value(cand, n), _value(original, n)))
    return cand.model_copy(update={"extra": extra, "estimated": listed})


def _plain(value: Any) -> Any:
    """A cell from an edited frame as the importer expects it (no NaN, NA or numpy types)."""
    if value is None:
        return None
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") and not isinstance(value, str) else value


def apply_proposals_frame(
    portfolio: Portfolio, frame: pd.DataFrame, proposals: Proposals | None = None
) -> tuple[Portfolio, IssueLog]:
    """Apply an edited proposals table: rows replace same-id candidates, deleted ones go.

    Every row is read and checked as the importer reads the Candidates sheet; a row with an
    error is reported (row = its position in the table) and left out.
    """
    log = IssueLog()
    headers = [str(c) for c in frame.columns]
    table = RawTable(CANDIDATES, EDITOR_TITLE, 0, headers, map_headers(CANDIDATES, headers))
    for number, values in enumerate(frame.itertuples(index=False, name=None), start=1):
        cells = {h: _plain(v) for h, v in zip(headers, values, strict=True)}
        if all(is_missing(v) for v in cells.values()):
            continue
        table.rows.append(DataRow(number, cells))
    originals = {c.candidate_id: c for c in proposals.candidates} if proposals else {}
    has_column = ESTIMATED_COLUMN in headers
    edited: dict[str, Candidate] = {}
    rows: dict[tuple[str, str], int] = {}
    for number, cand in build_records(table, log):
        cid = cand.candidate_id
        if cid in edited:
            log.error(EDITOR_TITLE, number, "candidate_id", IssueCode.DUPLICATE_ID,
                      f"candidate_id '{cid}' already used on row {rows[('Candidates', cid)]}; "
                      "this row was not applied.", cid)
            continue
        original = originals.get(cid) or portfolio.candidates.get(cid)
        edited[cid] = _with_flags(cand, original, has_column)
        rows[("Candidates", cid)] = number
    kept = {cid: c for cid, c in portfolio.candidates.items()
            if cid not in originals and cid not in edited}
    checks = IssueLog()
    merged = check_references(portfolio.replace(candidates={**kept, **edited}), rows,
                              EDITOR_TITLE, checks)
    # Only problems of the edited rows: the file's own candidates were reported on import.
    log.extend([issue for issue in checks.items if issue.row is not None])
    return merged, log
