"""The workbook `planner propose -o` writes: sheets the importer reads back, a report, and
every import issue."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from planner.cli import main
from planner.export.proposals import REPORT_HEADERS, proposals_workbook
from planner.propose.proposals import ensure_candidates
from planner.service import load_files
from tests.factories import workbook_bytes
from tests.propose.support import city, process, system


def test_user_text_never_becomes_a_formula_in_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("system_id,name,technical_condition\nS1,=HYPERLINK(\"x\"),1\n",
                    encoding="utf-8")
    out = tmp_path / "out.xlsx"
    assert main(["propose", str(path), "-o", str(out), "--format", "json"]) == 0
    sheet = load_workbook(io.BytesIO(out.read_bytes()))["Systems"]
    cell = sheet["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_the_workbook_holds_canonical_sheets_the_importer_reads_back() -> None:
    portfolio = city(system("S1", technical_condition=2, functional_fit=4), process("P1"))
    with_proposals, proposals = ensure_candidates(portfolio)
    data = proposals_workbook(with_proposals, proposals)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Systems", "Processes", "Candidates", "Budget", "Settings",
                               "Dispositions", "Data Issues"]
    header = [c.value for c in book["Candidates"][1]]
    assert header[0] == "candidate_id" and "estimated" in header
    report_header = [c.value for c in book["Dispositions"][1]]
    assert set(REPORT_HEADERS.values()) <= set(report_header)
    assert "system_id" not in report_header  # never mistaken for a Systems sheet
    reread = load_files([("proposals.xlsx", data)])
    assert not reread.log.has_errors
    assert set(reread.portfolio.candidates) == set(with_proposals.candidates)


def test_settings_rows_carry_a_description_of_each_assumption() -> None:
    portfolio = city(process("P1"))
    with_proposals, proposals = ensure_candidates(portfolio)
    book = load_workbook(io.BytesIO(proposals_workbook(with_proposals, proposals)))
    rows = {r[0]: r for r in book["Settings"].iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in book["Settings"][1]]
    assert header[-1] == "description"
    described = [key for key, row in rows.items() if key.startswith("assume_")]
    assert all(rows[key][-1] for key in described)


def test_systems_lost_at_import_are_listed_on_the_data_issues_sheet(tmp_path: Path) -> None:
    path = tmp_path / "inventory.xlsx"
    path.write_bytes(workbook_bytes({"Systems": [
        ["system_id", "name", "technical_condition", "functional_fit"],
        ["S1", "Old ledger", 1, 1], ["S2", None, 2, 2], ["S3", "Permits", 1, 2]]}))
    out = tmp_path / "proposals.xlsx"
    assert main(["propose", str(path), "-o", str(out), "--format", "json"]) == 0
    book = load_workbook(out)
    assert book.sheetnames[-1] == "Data Issues"
    sheet = book["Data Issues"]
    rows = list(sheet.iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(rows) if r and r[0] == "Sheet")
    header = list(rows[header_at])
    listed = [dict(zip(header, r, strict=True)) for r in rows[header_at + 1:] if any(r)]
    validated = load_files([("inventory.xlsx", path.read_bytes())])
    imported = {(i.sheet, i.row, i.code.value) for i in validated.log.items}
    assert imported <= {(r["Sheet"], r["Row"], r["Code"]) for r in listed}
    lost = [r for r in listed if r["Severity"] == "error"]
    assert lost and {(r["Sheet"], r["Row"]) for r in lost} == {("Systems", 3)}
    assert rows[1][0].startswith(f"{len(lost)} error{'' if len(lost) == 1 else 's'}, ")
    assert "S2" not in validated.portfolio.systems
    reread = load_files([("proposals.xlsx", out.read_bytes())])
    assert set(reread.portfolio.systems) == {"S1", "S3"} and not reread.log.has_errors


def test_a_clean_import_says_so_on_the_data_issues_sheet() -> None:
    portfolio = city(system("S1", technical_condition=2, functional_fit=4))
    with_proposals, proposals = ensure_candidates(portfolio)
    book = load_workbook(io.BytesIO(proposals_workbook(with_proposals, proposals)))
    texts = [c.value for r in book["Data Issues"].iter_rows() for c in r if c.value]
    assert "No problems were found when the input was imported." in texts
