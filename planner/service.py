"""The calls the app and the command line share: files in, validated portfolio out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planner.ingest import RawWorkbook, paused_gc, read_files, read_paths
from planner.issues import IssueLog
from planner.mapping import MappingProfile, load_profile
from planner.tables import recognize
from planner.validate import Validated, validate_tables

# A saved mapping profile: the profile itself, a path to its JSON, JSON bytes or a dict.
MappingSource = MappingProfile | str | Path | bytes | dict[str, Any] | None


def load_book(book: RawWorkbook, *, mapping: MappingSource = None) -> Validated:
    """Recognize and validate the sheets of an already-read upload."""
    log = IssueLog()
    profile = load_profile(mapping) if mapping is not None else None
    with paused_gc():
        tables = recognize(book, log, profile=profile)
        return validate_tables(tables, log)


def load_files(sources: list[tuple[str, bytes]], *, mapping: MappingSource = None) -> Validated:
    """Read and validate uploaded files given as (name, bytes)."""
    return load_book(read_files(sources), mapping=mapping)


def load_paths(paths: list[str | Path], *, mapping: MappingSource = None) -> Validated:
    """Read and validate files on disk."""
    return load_book(read_paths(paths), mapping=mapping)
