"""Checks at the door: what a file really is, and whether it is safe to unpack and parse."""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib

import openpyxl.xml

from planner.core.issues import Issue, IssueCode
from planner.core.models import Severity
from planner.errors import UnreadableFileError
from planner.ingest.limits import MB, Limits, current_limits, over_limit, size_words

RATIO_FLOOR = MB  # the expansion ratio is checked for parts larger than this

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


def require_defused_xml() -> None:
    """Refuse to read workbooks at all when openpyxl would expand XML entities."""
    if not openpyxl.xml.DEFUSEDXML:
        raise UnreadableFileError(
            "workbook", "the server is missing the 'defusedxml' package, so workbooks cannot be "
            "read safely. Ask the administrator to install it.")


def sniff(data: bytes) -> str:
    """What the bytes are, whatever the file name says: zip, ole, text, binary or empty."""
    if not data.strip():
        return "empty"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.startswith(ZIP_MAGICS):
        return "zip"
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(head):
        return "text"  # UTF-16 text, as Excel's "Unicode Text" export writes it
    controls = sum(b < 32 and b not in (9, 10, 13) for b in head)
    # Random bytes hold about 11% control bytes; text may hold a few (an ESC or BEL pasted
    # into a cell), which the reader keeps and the outputs escape.
    if b"\x00" in head or controls > max(8, len(head) // 20):
        return "binary"
    return "text"


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when text bytes alternate with zeros, else None."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def refuse_ole(name: str, data: bytes) -> UnreadableFileError:
    """The error for an OLE compound file: a password-protected workbook or an old .xls."""
    if ENCRYPTED_MARK in data:
        return UnreadableFileError(
            name, "the workbook is password-protected (encrypted). Open it in Excel, remove "
            "the password (File > Info > Protect Workbook), save it, and upload it again.")
    return UnreadableFileError(
        name, "this is an old Excel 97-2003 (.xls) file. Open it in Excel and save it as an "
        "Excel Workbook (.xlsx), then upload that.")


def check_file_size(name: str, size: int, limits: Limits) -> None:
    """Refuse a file larger than max_file_bytes before it is opened."""
    if size > limits.max_file_bytes:
        raise over_limit(name, f"the file is {size_words(size)}", "max_file_bytes", limits)


def open_zip(name: str, data: bytes, limits: Limits | None = None) -> zipfile.ZipFile:
    """Open a zip after checking its size, member count and compression ratios."""
    limits = limits or current_limits()
    check_file_size(name, len(data), limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UnreadableFileError(
            name, "the file is incomplete or damaged (it looks like a cut-off download). "
            "Download or save it again and upload the new copy.") from None
    try:
        preflight(name, archive.infolist(), limits)
        check_offsets(name, archive.infolist())
    except UnreadableFileError:
        archive.close()
        raise
    return archive


def check_offsets(name: str, members: list[zipfile.ZipInfo]) -> None:
    """A part whose directory entry points before the start of the file is damage, said so
    before zipfile seeks there (a negative seek is a ValueError, not a zip error)."""
    for info in members:
        if info.header_offset < 0:
            raise UnreadableFileError(
                name, "the file's table of contents is damaged (it points outside the "
                "file). Save or download it again and upload the new copy.")


def preflight(name: str, members: list[zipfile.ZipInfo], limits: Limits | None = None) -> None:
    """Refuse zip bombs before anything is decompressed: the central directory is enough."""
    # zipfile never inflates a member past its declared size, so declared sizes bound the work.
    limits = limits or current_limits()
    if len(members) > limits.max_parts:
        raise over_limit(name, f"the file holds {len(members):,} parts (a 'zip bomb' or far "
                         "more than a spreadsheet has)", "max_parts", limits)
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > limits.max_ratio:
            raise over_limit(name, f"part '{info.filename}' would expand {ratio:,.0f} times "
                             "when unpacked (a 'zip bomb')", "max_ratio", limits)
    if total > limits.max_unpacked_bytes:
        raise over_limit(name, f"the file would unpack to {size_words(total)}, all its parts "
                         "together", "max_unpacked_bytes", limits)


def check_workbook_parts(name: str, archive: zipfile.ZipFile) -> None:
    """A zip that is not an Excel workbook gets a plain message instead of a KeyError."""
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names:
        raise UnreadableFileError(
            name, "this zip file is not an Excel workbook (it has no [Content_Types].xml). "
            "Upload the .xlsx file itself, or a zip of .csv files.")
    if not any(n.lower().endswith("workbook.xml") for n in names):
        raise UnreadableFileError(
            name, "this is an Office file but not an Excel workbook (no workbook part); "
            "save it from Excel as .xlsx.")


def workbook_notes(name: str, archive: zipfile.ZipFile) -> list[Issue]:
    """Warnings about content that is never run or followed: macros, external links, objects."""
    names = [n.lower() for n in archive.namelist()]
    notes: list[Issue] = []
    if name.lower().endswith(".xlsm") or any(n.endswith("vbaproject.bin") for n in names):
        notes.append(Issue(
            name, None, None, IssueCode.MACROS_PRESENT, Severity.WARNING,
            "The workbook contains macros (VBA). They were not run; only cell values were "
            "read."))
    links = [n for n in names if n.startswith("xl/externallinks/") and n.endswith(".xml")]
    if links:
        notes.append(Issue(
            name, None, None, IssueCode.EXTERNAL_LINKS, Severity.WARNING,
            f"The workbook links to {len(links)} other workbook(s). Links were not followed; "
            "cells that depend on them show the values saved in this file."))
    if any(n.startswith("xl/embeddings/") for n in names):
        notes.append(Issue(
            name, None, None, IssueCode.UNSAFE_FILE, Severity.WARNING,
            "The workbook contains embedded objects (files or OLE objects). They were not "
            "opened."))
    return notes


# What a damaged or unusual file raises from inside zipfile, zlib, expat or csv, when it is
# the file and not the planner that is at fault.
READ_FAILURES = (zlib.error, zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError,
                 LookupError, UnicodeDecodeError, csv.Error)


def describe_damage(exc: BaseException) -> str:
    """A low-level reading failure in plain words, with what to do about it."""
    text = str(exc)
    if isinstance(exc, zlib.error | zipfile.BadZipFile | EOFError):
        return ("part of the file is damaged (its compressed data cannot be unpacked). Save "
                "or download it again and upload the new copy.")
    if isinstance(exc, RuntimeError) and re.search(r"encrypt|password", text, re.I):
        return ("part of the file is encrypted (password-protected). Remove the password in "
                "Excel, save the workbook and upload it again.")
    if isinstance(exc, NotImplementedError) and "version" in text:
        return ("the file needs a newer zip version to unpack than this reader supports. "
                "Save it again as a standard .xlsx (or zip the CSV files again).")
    if isinstance(exc, NotImplementedError):
        return ("the file uses a compression method this reader does not support (such as "
                "Deflate64). Save it again as a standard .xlsx (or zip the CSV files again).")
    if isinstance(exc, UnicodeDecodeError):
        return ("the file holds a name or text that is not valid in the encoding it declares. "
                "Save it again, or rename the files inside and zip them again.")
    if isinstance(exc, LookupError):
        return (f"the file declares a text encoding that does not exist ({text}). Save it "
                "again from Excel.")
    if isinstance(exc, csv.Error) and "field limit" in text:
        limit = csv.field_size_limit()
        return (f"a cell is longer than {limit:,} characters, far more than any inventory "
                "holds; the file was not read.")
    return f"the file is damaged and cannot be read ({type(exc).__name__}: {text})."
