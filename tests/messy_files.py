"""Generators of messy and hostile input files, built in code (no binary fixtures)."""

from __future__ import annotations

import io
import struct
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from tests.factories import workbook_bytes

MESSY_NAME = "riverton_inventory.xlsx"


def save(workbook: Workbook) -> bytes:
    """An openpyxl workbook as .xlsx bytes."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def messy_workbook() -> bytes:
    """A clerk's workbook: title rows, alias headers, merged section rows, totals, a wide
    budget, text money, a duplicate id, a hidden row, an uncalculated formula and bad cells."""
    wb = Workbook()
    wb.remove(wb.active)
    notes = wb.create_sheet("Instructions")
    notes.append(["Fill in one row per application. Questions: it@riverton.gov"])

    inv = wb.create_sheet("FY27 App Inventory")
    rows: list[list[Any]] = [
        ["City of Riverton - Application Inventory"],                                   # 1
        ["Prepared by IT, March 2026"],                                                 # 2
        [],                                                                             # 3
        ["App ID", "Application", "Dept.", "Go-Live Year", "End of Support",            # 4
         "Annual Maint. ($)", "Mission Criticality", "Security Rating", "Legacy Score"],
        ["PUBLIC SAFETY"],                                                              # 5
        ["S-001", "CAD Dispatch", "Police", 1998, "June 2027", "$85k", 5, "High", 7],   # 6
        ["S-002", "Records Mgmt", "Police", "FY2004", "6/30/2027", "1,200,000",         # 7
         "5 - critical", 4, 6],
        ["S-003", "Jail Mgmt", "Sheriff", 2001, 46934, "(1,500)", 4, 3, 5],             # 8
        ["FINANCE"],                                                                    # 9
        ["S-004", "AS/400 ERP", "Finance", 1994, 2025, "=F6*10", 5, 3, 9],              # 10
        ["S-005", "Utility Billing", "Finance", "circa 1989", "TBD", "N/A", 4,          # 11
         "severe", 8],
        ["S-002", "Records Mgmt (copy)", "Police", 2004, 2027, 90000, 3, 3, None],      # 12
        ["S-006", "Permit Tracker", "Planning", 2010, "2031-12-31", "45,000", 3, 2, 4],  # 13
        ["S-007", "GIS", " Planning\u00a0", 2015, "2030", "\u00a012,500 ", 2, "Low", 3],  # 14
        [],                                                                             # 15
        ["TOTAL", None, None, None, None, "=SUM(F6:F14)"],                              # 16
        ["Source: IT asset register"],                                                  # 17
    ]
    for row in rows:
        inv.append(row)
    inv.merge_cells("A1:I1")
    inv.merge_cells("A5:I5")
    inv.merge_cells("A9:I9")
    inv.row_dimensions[13].hidden = True

    cand = wb.create_sheet("Project Requests")
    for row in [
        ["FY2027-2031 Modernization Requests"],                                         # 1
        ["Project #", "Project Name", "Replaces", "Strategy", "Est. Cost",              # 2
         "Annual Savings", "Start FY", "Deadline", "Mandatory?", "Depends On",
         "Funding Source", "Cost FY27", "Cost FY28"],
        ["C-01", "Replace CAD", "S-001", "Replace", "$2.5M", "150k", "FY27", "FY2029",   # 3
         "yes", None, "General Fund", None, None],
        ["C-02", "Cloud ERP", "S-004", "SaaS", "3,400,000", "$200,000", "2026-27",       # 4
         "FY30", "no", "C-01", "General Fund; ARPA", None, None],
        ["C-03", "Online Permits", "S-006", "digitize", None, None, "FY28", None, "n",  # 5
         None, None, "$100,000", "$50,000"],
        ["C-04", "Billing rewrite", "S-005", "rewrite", "lots", None, "FY2028", None,   # 6
         "no", None, None, None, None],
        ["C-05", "GIS upgrade", "S-007", "upgrade", "$75k", None, "FY2027", "FY2026",   # 7
         "no", None, None, None, None],
        ["C-06", "Billing portal", "S-005", "replace", "10000", None, "FY2029", None,   # 8
         "no", "C-04", None, None, None],
        ["Subtotal", None, None, None, "=SUM(E3:E8)"],                                  # 9
    ]:
        cand.append(row)

    budget = wb.create_sheet("Capital Plan")
    for row in [
        ["Capital Improvement Plan - IT"],                                              # 1
        ["(in dollars)"],                                                               # 2
        ["Fund", "FY2027", "FY2028", "FY 2029", "FY30", "Total"],                       # 3
        ["General Fund", 1_000_000, "$1.1M", "1,200,000", "TBD", "=SUM(B4:E4)"],        # 4
        ["Utility Enterprise", 500_000, 500_000, 250_000, None, "=SUM(B5:E5)"],         # 5
        ["ARPA", "750k", "(250,000)", None, None, "=SUM(B6:E6)"],                       # 6
        ["Total", "=SUM(B4:B6)", "=SUM(C4:C6)", "=SUM(D4:D6)", "=SUM(E4:E6)"],          # 7
    ]:
        budget.append(row)

    settings = wb.create_sheet("Settings")
    for row in [["key", "value"], ["first_fiscal_year", "FY2027"], ["horizon_years", 4]]:
        settings.append(row)
    old = wb.create_sheet("Old Data")
    old.append(["whatever", "was", "here"])
    old.sheet_state = "hidden"
    return save(wb)


# (sheet, row, column, code) of every warning and error the messy workbook must produce.
# Rating words ('High', 'severe') and approach words ('SaaS') are reported once per column
# as value-mapped notes, not on each cell.
MESSY_EXPECTED = {
    ("FY27 App Inventory", 6, "End of Support", "coerced-value"),
    ("FY27 App Inventory", 7, "Go-Live Year", "coerced-value"),
    ("FY27 App Inventory", 8, "End of Support", "coerced-value"),
    # '(1,500)' is a negative amount: the optional cost is left blank and the row is kept.
    ("FY27 App Inventory", 8, "Annual Maint. ($)", "blanked-value"),
    ("FY27 App Inventory", 10, "Annual Maint. ($)", "formula-not-calculated"),
    ("FY27 App Inventory", 11, "Go-Live Year", "coerced-value"),
    ("FY27 App Inventory", 12, "App ID", "duplicate-id"),
    ("FY27 App Inventory", 13, None, "hidden-row"),
    ("FY27 App Inventory", 14, "End of Support", "coerced-value"),
    ("Project Requests", 4, "Start FY", "coerced-value"),
    ("Project Requests", 6, "Est. Cost", "type-error"),
    ("Project Requests", 7, None, "invalid-row"),
    ("Project Requests", 8, "Depends On", "depends-on-excluded"),
    ("Capital Plan", 4, "FY30", "missing-value"),
    ("Capital Plan", 6, "FY2028", "out-of-range"),
    ("Old Data", None, None, "hidden-sheet"),
}
MESSY_SKIPPED = {
    "FY27 App Inventory": {1, 2, 3, 5, 9, 15, 16, 17},
    "Project Requests": {1, 9},
    "Capital Plan": {1, 2, 7},
}
MESSY_COUNTS = {"Systems": 8, "Candidates": 6, "Budget": 9, "Settings": 2}
MESSY_IMPORTED = {
    "Systems": {"S-001", "S-002", "S-003", "S-004", "S-005", "S-006", "S-007"},
    "Candidates": {"C-01", "C-02", "C-03"},
}


# --- zip surgery -----------------------------------------------------------------------

def rezip(data: bytes, replace: dict[str, bytes | None] | None = None,
          add: dict[str, bytes] | None = None) -> bytes:
    """A copy of a zip with members replaced (None removes them) and members added."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    dst.writestr(info.filename, replace[info.filename])
                continue
            dst.writestr(info.filename, src.read(info))
        for name, content in (add or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


def declare_size(data: bytes, member: str, size: int) -> bytes:
    """Patch a member's declared uncompressed size in the local and central headers."""
    raw = bytearray(data)
    name = member.encode()
    central = raw.find(b"PK\x01\x02")  # first central directory record
    while central != -1:
        name_len = struct.unpack_from("<H", raw, central + 28)[0]
        if raw[central + 46:central + 46 + name_len] == name:
            struct.pack_into("<I", raw, central + 24, size)
            local = struct.unpack_from("<I", raw, central + 42)[0]
            struct.pack_into("<I", raw, local + 22, size)
            return bytes(raw)
        central = raw.find(b"PK\x01\x02", central + 4)
    raise KeyError(member)


def small_workbook() -> bytes:
    """A valid two-sheet workbook to break in various ways."""
    return workbook_bytes({
        "Candidates": [["candidate_id", "name", "one_time_cost"], ["C1", "One", 100]],
        "Budget": [["fiscal_year", "fund", "capital_budget"], [2027, "GF", 1000]],
    })


BOMB_DTD = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1
                                                        else b"&lol;") * 10)
                       for i in range(1, 10))
            + b"]>\n")


def xml_bomb(part: str = "xl/worksheets/sheet1.xml") -> bytes:
    """A workbook whose given part declares 'billion laughs' entities."""
    data = small_workbook()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        original = archive.read(part)
    body = original.split(b"?>", 1)[1] if original.startswith(b"<?xml") else original
    root_end = body.index(b">")
    bombed = BOMB_DTD + body[:root_end + 1] + b"<!-- &lol9; -->" + body[root_end + 1:]
    bombed = bombed.replace(b"<sheetData>", b"<sheetData><row r=\"9\"><c r=\"A9\" "
                            b"t=\"inlineStr\"><is><t>&lol9;</t></is></c></row>", 1)
    return rezip(data, replace={part: bombed})


def zip_bomb_ratio(megabytes: int = 40) -> bytes:
    """A workbook whose sheet unpacks to `megabytes` of blank XML (ratio about 1000)."""
    filler = b"<sheetData>" + b" " * (megabytes * 2**20) + b"</sheetData>"
    return rezip(small_workbook(), replace={"xl/worksheets/sheet1.xml": filler})


def zip_bomb_declared(total: int = 2**31) -> bytes:
    """A workbook whose sheet declares `total` bytes uncompressed (no data needed)."""
    return declare_size(small_workbook(), "xl/worksheets/sheet1.xml", total)


def zip_with_many_members(count: int = 3000) -> bytes:
    """A workbook padded with thousands of tiny parts."""
    return rezip(small_workbook(), add={f"xl/media/pad{i}.bin": b"x" for i in range(count)})


def far_cell(ref: str) -> bytes:
    """A tiny workbook with a real table and one stray value at `ref`."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Candidates"
    ws.append(["candidate_id", "name", "one_time_cost"])
    ws.append(["C1", "One", 100])
    ws[ref] = "stray"
    return save(wb)


def with_macros() -> bytes:
    """A workbook carrying a VBA project part."""
    return rezip(small_workbook(), add={"xl/vbaProject.bin": b"\x00VBA" * 64})


def with_external_links() -> bytes:
    """A workbook with an external link part."""
    link = (b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<externalBook/></externalLink>")
    return rezip(small_workbook(), add={"xl/externalLinks/externalLink1.xml": link})


def ole_file(encrypted: bool) -> bytes:
    """An OLE compound file header: a password-protected workbook or an old .xls."""
    body = "EncryptedPackage".encode("utf-16-le") if encrypted else b"Workbook\x00" * 8
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + body + b"\x00" * 512


def truncated() -> bytes:
    """The first half of a valid workbook."""
    data = small_workbook()
    return data[: len(data) // 2]


def without_content_types() -> bytes:
    """A workbook zip with [Content_Types].xml removed."""
    return rezip(small_workbook(), replace={"[Content_Types].xml": None})


def formulas_without_results() -> bytes:
    """Formulas openpyxl writes never carry a cached result."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Candidates"
    ws.append(["candidate_id", "name", "one_time_cost", "annual_savings"])
    ws.append(["C1", "One", 100, "=C2*0.1"])
    ws.append(["C2", "Two", "=C2*2", 5])
    return save(wb)


def hidden_things() -> bytes:
    """A hidden sheet, a hidden row and a hidden column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Systems"
    ws.append(["system_id", "name", "vendor"])
    ws.append(["S1", "One", "Acme"])
    ws.append(["S2", "Two", "Acme"])
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["C"].hidden = True
    secret = wb.create_sheet("Scratch")
    secret.append(["x"])
    secret.sheet_state = "hidden"
    return save(wb)


def workbook_1904() -> bytes:
    """A workbook in the 1904 date system with a date cell and a raw serial number."""
    import datetime as dt

    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Systems"
    ws.append(["system_id", "name", "end_of_support"])
    ws.append(["S1", "Date cell", dt.date(2027, 6, 30)])
    ws.append(["S2", "Serial", 45106])  # 30 June 2027 counted from 1904
    return save(wb)


SHARED_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:XFD1048576"/><sheetData>'
    b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    b'<c r="C1" t="s"><v>2</v></c></row>'
    b'<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c>'
    b'<c r="C2"><v>1500.5</v></c></row>'
    b'<row r="3"><c t="s"><v>5</v></c><c t="s"><v>6</v></c><c t="b"><v>1</v></c></row>'
    b"</sheetData></worksheet>"
)
SHARED_STRINGS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<si><t>candidate_id</t></si><si><t>name</t></si><si><t>one_time_cost</t></si>"
    b"<si><t>C1</t></si>"
    b"<si><r><t>Rich </t></r><r><rPr><b/></rPr><t>text</t></r>"
    b"<rPh><t>PHONETIC</t></rPh></si>"
    b"<si><t>C2</t></si><si><t xml:space=\"preserve\"> Spaced </t></si>"
    b"</sst>"
)


def shared_strings_workbook() -> bytes:
    """A sheet written the way Excel writes it: shared strings, rich text, no cell refs."""
    data = workbook_bytes({"Candidates": [["placeholder"]]})
    content = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    override = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    content = content.replace(b"</Types>", override + b"</Types>")
    return rezip(data, replace={"xl/worksheets/sheet1.xml": SHARED_SHEET,
                                "[Content_Types].xml": content},
                 add={"xl/sharedStrings.xml": SHARED_STRINGS})


def csv_zip(files: dict[str, bytes]) -> bytes:
    """A zip holding CSV files (and whatever else is given)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


# --- files at and past the limits (planner.ingest.limits) -------------------------------

MAIN_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SYSTEMS_HEADER = ["system_id", "name", "department"]


def _inline(ref: str, value: Any) -> bytes:
    if isinstance(value, int | float):
        return b'<c r="%s"><v>%s</v></c>' % (ref.encode(), str(value).encode())
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").encode()
    return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref.encode(), text)


def sheet_xml(rows: list[list[Any]], merges: list[str] | tuple[str, ...] = ()) -> bytes:
    """Worksheet XML with inline-string cells and the given merged ranges."""
    from openpyxl.utils.cell import get_column_letter

    body = [b'<?xml version="1.0" encoding="UTF-8"?><worksheet ', MAIN_NS, b"><sheetData>"]
    for number, row in enumerate(rows, 1):
        cells = b"".join(_inline(f"{get_column_letter(col)}{number}", value)
                         for col, value in enumerate(row, 1) if value is not None)
        body.append(b'<row r="%d">%s</row>' % (number, cells))
    body.append(b"</sheetData>")
    if merges:
        body.append(b'<mergeCells count="%d">' % len(merges))
        body.extend(b'<mergeCell ref="%s"/>' % ref.encode() for ref in merges)
        body.append(b"</mergeCells>")
    body.append(b"</worksheet>")
    return b"".join(body)


def workbook_with_sheet(xml: bytes, title: str = "Systems",
                        shared_strings: bytes | None = None) -> bytes:
    """A one-sheet workbook whose sheet XML (and shared-strings part) is given as is."""
    data = workbook_bytes({title: [["placeholder"]]})
    add: dict[str, bytes] = {}
    replace: dict[str, bytes | None] = {"xl/worksheets/sheet1.xml": xml}
    if shared_strings is not None:
        content = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
        override = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
        replace["[Content_Types].xml"] = content.replace(b"</Types>", override + b"</Types>")
        add["xl/sharedStrings.xml"] = shared_strings
    return rezip(data, replace=replace, add=add)


def systems_rows(count: int) -> list[list[Any]]:
    """A Systems table: the header and `count` rows."""
    return [SYSTEMS_HEADER] + [[f"S{i}", f"System {i}", "Parks"] for i in range(1, count + 1)]


def many_merges(count: int = 30_000, ref: str = "B2:B100000", rows: int = 50) -> bytes:
    """A Systems sheet with `count` merged ranges, each `ref` (the issue's hang: 30,000
    merges of B2:B100000 in under 1 MB of sheet XML)."""
    return workbook_with_sheet(sheet_xml(systems_rows(rows), [ref] * count))


def whole_sheet_merge(rows: int = 50) -> bytes:
    """A Systems sheet with one merge over B2:XFD1048576, the whole sheet but a corner."""
    return workbook_with_sheet(sheet_xml(systems_rows(rows), ["B2:XFD1048576"]))


def many_shared_strings(count: int, declare: bool = True) -> bytes:
    """A workbook whose shared-strings table holds `count` texts (its count attributes
    left out when `declare` is false, as a lying or careless writer does)."""
    head = (b'<sst %s count="%d" uniqueCount="%d">' % (MAIN_NS, count, count) if declare
            else b"<sst %s>" % MAIN_NS)
    strings = head + b"".join(b"<si><t>t%d</t></si>" % i for i in range(count)) + b"</sst>"
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + MAIN_NS + b"><sheetData>"
           b'<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>')
    return workbook_with_sheet(xml, shared_strings=strings)


def tiny_cells_csv(rows: int, columns: int) -> bytes:
    """A CSV of one-character cells, `rows` by `columns`."""
    line = ",".join("1" * columns) + "\n"
    return line.encode() * rows


def csv_zip_of_tiny_cells(files: int, rows: int = 1_000, columns: int = 20) -> bytes:
    """A zip of `files` CSV files of tiny cells (the issue's 290 files, 290 MB unpacked)."""
    body = tiny_cells_csv(rows, columns)
    return csv_zip({f"table{i:03d}.csv": body for i in range(files)})
