"""The calls the app and the command line share: files in, validated portfolio out."""

from __future__ import annotations

from pathlib import Path

from planner.ingest import RawWorkbook, read_files, read_paths
from planner.issues import IssueLog
from planner.tables import recognize
from planner.validate import Validated, validate_tables


def load_book(book: RawWorkbook) -> Validated:
    """Recognize and validate the sheets of an already-read upload."""
    log = IssueLog()
    tables = recognize(book, log)
    return validate_tables(tables, log)


def load_files(sources: list[tuple[str, bytes]]) -> Validated:
    """Read and validate uploaded files given as (name, bytes)."""
    return load_book(read_files(sources))


def load_paths(paths: list[str | Path]) -> Validated:
    """Read and validate files on disk."""
    return load_book(read_paths(paths))
