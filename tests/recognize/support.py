"""Builders shared by the recognition tests: raw sheets, recognized tables, skipped rows."""

from __future__ import annotations

from typing import Any

from planner.core.issues import IssueLog
from planner.ingest.files import RawSheet, RawWorkbook
from planner.recognize.tables import TableSet, recognize


def sheet(title: str, rows: list[list[Any]], start: int = 1, **kw: Any) -> RawSheet:
    """A raw sheet with consecutive row numbers from `start`."""
    return RawSheet(title, [(start + i, r) for i, r in enumerate(rows)], **kw)


def tables(*sheets: RawSheet) -> tuple[TableSet, IssueLog]:
    """Recognize the sheets as one upload: the tables and the issues found."""
    log = IssueLog()
    return recognize(RawWorkbook(sheets=list(sheets)), log), log


def skipped(log: IssueLog) -> dict[int, str]:
    """Row number -> message of every skipped-row note."""
    return {i.row: i.message for i in log.items if i.code.value == "skipped-row"}
