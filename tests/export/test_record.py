"""The reproducibility sheets: inputs for re-import, the import report and the decision record."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

import planner
from planner.core.models import Severity
from planner.core.plans import Overrides
from planner.export.record import input_frames, reproducible_portfolio, set_properties, write_issues
from planner.service import load_files
from tests.export.exported import (
    INPUT_SHEETS,
    blank_sheet,
    build,
    exported_workbook,
    issue_table,
    sheet_rows,
    small_context,
)
from tests.export.support import TIMESTAMP


@pytest.fixture(scope="module")
def exported() -> tuple:
    return exported_workbook()


def test_data_issues_keep_the_spreadsheet_rows_and_reasons(exported) -> None:
    sheet = exported[0]["Data Issues"]
    rows = list(sheet[sheet.tables["DataIssues"].ref])
    assert [c.value for c in rows[0]] == ["Sheet", "Row", "Column", "Code", "Severity",
                                          "Message", "Value"]
    assert [(r[0].value, r[1].value, r[4].value) for r in rows[1:]] == \
        [("Systems", 12, "error"), ("Budget", 4, "warning")]


def test_decision_record_holds_what_reproduces_the_plan(exported) -> None:
    workbook, _, plan, portfolio, scores = exported
    sheet = workbook["Decision Record"]
    record = {r[0].value: r[1].value for r in sheet.iter_rows(min_row=5) if r[0].value}
    assert record["Product version"] == planner.__version__
    assert record["Exported at (UTC)"] == TIMESTAMP.replace(tzinfo=None)
    assert record["Input file SHA-256: inventory.xlsx"] == "ab" * 32
    assert record["Scoring method"] == "wsm"
    assert record["Solver status"] == "optimal"
    assert record["Objective (value captured)"] == pytest.approx(plan.objective)
    assert record["Best possible bound"] == pytest.approx(plan.bound)
    assert record["Optimality gap"] == pytest.approx(plan.gap)
    assert record["Setting: mip_gap"] == portfolio.settings.mip_gap
    assert record["Override: forced in"] == "none"
    for name, weight in scores.weights.items():
        assert record[f"Weight: {name}"] == pytest.approx(weight)
    assert '"solver_status": "optimal"' in record["Record (JSON)"]


def test_overrides_are_recorded() -> None:
    overrides = Overrides(force_in=frozenset({"C0003"}), force_out=frozenset({"C0004"}),
                          pin_start={"C0005": 2028})
    data, *_ = build(overrides=overrides)
    sheet = load_workbook(io.BytesIO(data))["Decision Record"]
    record = {r[0].value: r[1].value for r in sheet.iter_rows(min_row=5) if r[0].value}
    assert record["Override: forced in"] == "C0003"
    assert record["Override: forced out"] == "C0004"
    assert record["Override: pinned starts"] == "C0005 FY2028"


def test_the_decision_record_lists_the_changes_made_in_the_app_oldest_first() -> None:
    changes = ("FY2029 Federal Grant: — → $0", "Never fund: + C0004",
               "Candidates row 7, name: — → =HYPERLINK(\"http://x\")")
    data, *_ = build(changes=changes)
    sheet = load_workbook(io.BytesIO(data))["Decision Record"]
    record = {r[0].value: r[1] for r in sheet.iter_rows(min_row=5) if r[0].value}
    assert [record[f"Change {n}"].value for n in (1, 2)] == list(changes[:2])
    third = record["Change 3"]
    assert third.value == changes[2] and third.data_type == "s"  # text, never a formula
    assert "Changes made in the app" not in record
    assert '"changes": ["FY2029 Federal Grant' in record["Record (JSON)"].value


def test_a_record_without_changes_says_none_were_made(exported) -> None:
    sheet = exported[0]["Decision Record"]
    record = {r[0].value: r[1].value for r in sheet.iter_rows(min_row=5) if r[0].value}
    assert record["Changes made in the app"] == "none"
    assert not any(str(label).startswith("Change ") for label in record)


def test_reimporting_the_workbook_gives_back_the_portfolio_without_a_warning() -> None:
    data, _, portfolio, scores = build(n=60, seed=7)
    result = load_files([("roadmap.xlsx", data)])
    assert [i for i in result.log.items if i.severity is not Severity.INFO] == []
    again = result.portfolio
    assert again.systems == portfolio.systems
    assert again.processes == portfolio.processes
    assert again.candidates == portfolio.candidates
    assert again.budget == portfolio.budget
    assert again.settings == portfolio.settings
    assert {c.criterion: c.weight for c in again.criteria} == pytest.approx(scores.weights)
    read = {name for name, table in result.mapping.items()}
    assert read == set(INPUT_SHEETS)


def test_the_portfolio_as_planned_carries_the_scenario_and_overrides_in_its_settings() -> None:
    ctx = small_context(overrides=Overrides(force_in=frozenset({"C0001"}),
                                            pin_start={"C0002": 2028}), scenario="Lean years")
    planned = reproducible_portfolio(ctx)
    assert planned.settings.scenario_name == "Lean years"
    assert Overrides.from_settings(planned.settings) == ctx.overrides
    assert {c.criterion: c.weight for c in planned.criteria} == pytest.approx(
        dict(ctx.scores.weights))


def test_every_input_table_is_written_for_re_import() -> None:
    frames = input_frames(small_context())
    assert list(frames) == ["Systems", "Processes", "Candidates", "Budget", "Criteria",
                            "Settings"]
    assert len(frames["Candidates"]) == 12


def test_the_import_report_says_plainly_when_there_were_no_problems() -> None:
    ws = blank_sheet("Data Issues")
    write_issues(ws, small_context(), set())
    assert ("No problems were found when the input was imported.",) in \
        [row[:1] for row in sheet_rows(ws)]
    listed = blank_sheet("Data Issues")
    write_issues(listed, small_context(issues=issue_table()), set())
    assert ("Systems", 12, "Name") in [row[:3] for row in sheet_rows(listed)]


def test_document_properties_carry_the_export_time_not_the_save_time() -> None:
    ctx = small_context()
    workbook = blank_sheet().parent
    set_properties(workbook, ctx)
    assert workbook.properties.created == TIMESTAMP.replace(tzinfo=None)
    assert workbook.properties.title == f"{ctx.city}: modernization roadmap"


def test_notes_are_counted_in_one_line_per_kind_and_only_problems_are_listed() -> None:
    from planner.core.issues import IssueCode, IssueLog
    from planner.export.record import write_issue_sheet

    log = IssueLog()
    for n in range(39):
        log.info("Systems", n + 2, "end_of_support", IssueCode.COERCED_VALUE,
                 f"text '{2020 + n % 7}' read as the year {2020 + n % 7}.")
    log.info("About", None, None, IssueCode.UNKNOWN_SHEET, "Sheet 'About' was not read.")
    log.warning("Budget", 4, "FY2028", IssueCode.COERCED_VALUE, "'$1.2M' read as 1200000.")
    ws = blank_sheet("Data Issues")
    write_issue_sheet(ws, log.frame(), "Baseline", set())
    rows = sheet_rows(ws)
    lines = [row[0] for row in rows]
    assert lines[1].startswith("0 errors, 1 warning, 40 notes.")
    assert ("39 notes of kind 'coerced-value': values read in another form than typed "
            "(Systems).") in lines
    assert "1 note of kind 'unknown-sheet': sheets not read as an input table (About)." in lines
    table = list(ws[ws.tables["DataIssues"].ref])
    assert [(r[0].value, r[1].value, r[4].value) for r in table[1:]] == [
        ("Budget", 4, "warning")]
    assert len(rows) < 12  # not 41 rows of notes
