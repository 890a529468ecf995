"""The workbook `planner propose -o` writes: sheets the importer reads back, and a report."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from planner.cli import main
from planner.propose.proposals import ensure_candidates
from planner.propose.workbook import REPORT_HEADERS, proposals_workbook
from planner.service import load_files
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
                               "Dispositions"]
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
