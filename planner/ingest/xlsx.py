"""Bounded, fast reading of .xlsx cell values.

openpyxl reads the workbook's structure (sheet names and states, date styles, the 1900/1904
epoch). Shared strings and sheets are streamed by planner.ingest.xlsx_cells with hard limits,
because openpyxl's read-only reader trusts the <dimension> tag, pads every row to it, takes
about 9 s per 600,000 cells, and needs a second pass to see uncalculated formulas.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass, replace
from typing import Any
from xml.parsers import expat

from defusedxml import DefusedXmlException
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.xml.constants import SHARED_STRINGS

from planner.errors import UnreadableFileError
from planner.ingest.limits import Budget, LimitPassed, Limits, over_limit
from planner.ingest.merges import clip_merged, fill_merged
from planner.ingest.safety import READ_FAILURES, describe_damage
from planner.ingest.xlsx_cells import (
    SheetCells,
    StyleInfo,
    parse_shared_strings,
    parse_sheet,
    precount_shared_strings,
)

__all__ = ["Limits", "SheetCells", "WorkbookSheet", "read_xlsx"]


@dataclass
class WorkbookSheet:
    """One worksheet read from an .xlsx file; `missing` when the workbook lists it but the
    file lacks its part (its cells are then empty)."""

    title: str
    hidden: bool
    cells: SheetCells
    missing: str | None = None  # the part the workbook names for it


def _structure(name: str, data: bytes,
               limits: Limits) -> tuple[Any, list[tuple[str, str, str]], StyleInfo]:
    """Workbook part, (title, state, path) of each worksheet, and what cell values need."""
    # openpyxl's ExcelReader steps, minus read_worksheets: its read-only sheets scan the
    # whole sheet XML with a pure-Python parser when the <dimension> tag is missing.
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    reader.read_manifest()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    workbook = reader.wb
    sheets = [(sheet.name, sheet.state or "visible", rel.target)
              for sheet, rel in reader.parser.find_sheets() if "chartsheet" not in rel.Type]
    strings_part = reader.package.find(SHARED_STRINGS)
    shared: list[str] = []
    if strings_part is not None:
        with reader.archive.open(strings_part.PartName[1:]) as stream:
            precount_shared_strings(stream, limits)
        with reader.archive.open(strings_part.PartName[1:]) as stream:
            shared = parse_shared_strings(stream, limits)
    reader.archive.close()
    styles = StyleInfo(
        shared_strings=shared,
        # openpyxl keeps the style ids of date and duration formats only privately.
        date_styles=frozenset(str(i) for i in getattr(workbook, "_date_formats", ())),
        timedelta_styles=frozenset(str(i) for i in getattr(workbook, "_timedelta_formats", ())),
        epoch=workbook.epoch,
    )
    return workbook, sheets, styles


def _is_unsafe(exc: BaseException) -> bool:
    # openpyxl re-raises parse errors as ValueError("Unable to read workbook ...") from them.
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def read_xlsx(name: str, data: bytes, archive: zipfile.ZipFile, limits: Limits,
              budget: Budget | None = None) -> tuple[list[WorkbookSheet], bool]:
    """Every worksheet's cells, and whether the workbook uses the 1904 date system.

    `budget` counts filled cells across the upload (this workbook alone when not given)."""
    budget = budget or Budget(limits)
    if any(_declares_doctype(archive, part) for part in archive.namelist()
           if part.lower().endswith((".xml", ".rels"))):
        raise _unsafe_xml(name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook, parts, styles = _structure(name, data, limits)
    except KeyError as exc:
        raise UnreadableFileError(
            name, f"the workbook is missing a part it needs ({exc}); save it again from Excel."
        ) from None
    except LimitPassed as passed:
        raise passed.refusal(name, "the workbook", limits) from None
    except Exception as exc:  # openpyxl raises many types for damaged files
        if _is_unsafe(exc):
            raise _unsafe_xml(name) from None
        raise UnreadableFileError(name, describe_damage(exc)) from None
    sheets = []
    present = set(archive.namelist())
    for title, state, path in parts:
        if path.lstrip("/") not in present:
            sheets.append(WorkbookSheet(title, state != "visible", SheetCells(), path))
            continue
        cells = _read_sheet(name, title, archive, path.lstrip("/"), styles, limits, budget)
        sheets.append(WorkbookSheet(title, state != "visible", cells))
    return sheets, workbook.epoch == CALENDAR_MAC_1904


def _read_sheet(name: str, title: str, archive: zipfile.ZipFile, part: str, styles: StyleInfo,
                limits: Limits, budget: Budget) -> SheetCells:
    """One sheet's cells within the limits, merged values filled down."""
    try:
        with archive.open(part) as stream:
            cells = parse_sheet(stream, styles, replace(limits, max_cells=budget.cells_left()))
    except DefusedXmlException:
        raise _unsafe_xml(name) from None
    except READ_FAILURES as exc:
        raise UnreadableFileError(name, f"sheet '{title}': {describe_damage(exc)}") from None
    except (expat.ExpatError, KeyError, ValueError) as exc:
        raise UnreadableFileError(
            name, f"sheet '{title}' is damaged and cannot be read "
            f"({type(exc).__name__}).") from None
    subject = f"the sheet '{title}'"
    if cells.long_cell is not None:
        ref, length = cells.long_cell
        raise over_limit(name, f"cell {ref} of {subject} has {length:,} characters",
                         "max_cell_chars", limits)
    if cells.merge_count > limits.max_merges:
        raise over_limit(name, f"{subject} has {cells.merge_count:,} merged ranges",
                         "max_merges", limits)
    budget.spend_cells(name, cells.cell_count, subject)
    try:
        clip_merged(cells, limits)
    except LimitPassed as passed:
        raise passed.refusal(name, subject, limits) from None
    fill_merged(cells)
    return cells


class _PrologEnded(Exception):
    """The first element began: no document type declaration can follow."""


def _declares_doctype(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether an XML part opens with a document type declaration (where entities, and so
    XML bombs, are declared). No Excel part has one. Checked before any XML library sees
    the part, so the refusal does not depend on which one openpyxl uses; only the prolog
    is read. A part that is not XML at all is left to the reader that needs it."""

    def doctype(*_: Any) -> None:
        raise DefusedXmlException("document type declaration")

    def element(*_: Any) -> None:
        raise _PrologEnded

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = element
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(PROLOG_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except DefusedXmlException:
        return True
    except (_PrologEnded, expat.ExpatError, *READ_FAILURES):
        return False
    return False


PROLOG_CHUNK = 64 * 1024


def _unsafe_xml(name: str) -> UnreadableFileError:
    return UnreadableFileError(
        name, "the workbook contains XML entity declarations, a known way to attack servers "
        "(an 'XML bomb'). It was refused; save the data into a new workbook and upload that.")
