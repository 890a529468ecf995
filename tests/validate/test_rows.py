"""Row policy: only the id, the name and required values keep a row out; the rest is blanked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.core.issues import Issue
from planner.service import load_files
from tests.factories import workbook_bytes


def of_code(validated, code: str) -> list[Issue]:
    """The issues of one code."""
    return [i for i in validated.log.items if i.code.value == code]


def test_unreadable_optional_cells_are_blanked_and_the_rows_kept() -> None:
    data = workbook_bytes({
        "Systems": [["system_id", "name", "Criticality", "End of Support", "Go-Live Year"],
                    ["S1", "CAD", "call vendor", "00:00.0", 1998],
                    ["S2", "ERP", 5, 2027, 1920], ["S3", "GIS", 3, 2030, 2015]],
        "Processes": [["process_id", "name", "error_rate"], ["P1", "Permits", "lots"]],
    })
    validated = load_files([("inventory.xlsx", data)])
    assert set(validated.portfolio.systems) == {"S1", "S2", "S3"}
    assert set(validated.portfolio.processes) == {"P1"}
    s1, s2 = validated.portfolio.systems["S1"], validated.portfolio.systems["S2"]
    assert (s1.criticality, s1.end_of_support, s1.year_implemented) == (None, None, 1998)
    assert (s2.criticality, s2.year_implemented) == (5, None)  # 1920: before 1950
    blanked = {(i.sheet, i.row, i.column, i.value) for i in of_code(validated, "blanked-value")}
    assert blanked == {("Systems", 2, "Criticality", "call vendor"),
                       ("Systems", 2, "End of Support", "00:00.0"),
                       ("Systems", 3, "Go-Live Year", 1920),
                       ("Processes", 2, "error_rate", "lots")}
    assert all(i.severity.value == "warning" for i in of_code(validated, "blanked-value"))
    assert not validated.log.has_errors
    message = next(i.message for i in of_code(validated, "blanked-value") if i.row == 3)
    assert message.startswith("year_implemented: Input should be greater than or equal to 1950")
    assert message.endswith("The field was left blank; the rest of the row was imported.")


def test_an_unreadable_approach_keeps_the_project_and_its_dependents() -> None:
    data = workbook_bytes({"Candidates": [
        ["candidate_id", "name", "one_time_cost", "approach", "mandatory", "requires"],
        ["C1", "Cloud ERP", 3_400_000, "Replace the old thing", "yes", None],
        ["C2", "ERP reports", 100_000, "refactor", "no", "C1"],
        ["C3", "ERP portal", 50_000, "digitize", "no", "C1; C2"],
        ["C4", "Broken", "lots", "retire", "no", None],
        ["C5", "Needs broken", 10, "retire", "no", "C4"]]})
    validated = load_files([("c.xlsx", data)])
    cands = validated.portfolio.candidates
    assert set(cands) == {"C1", "C2", "C3"}
    assert cands["C1"].approach is None and cands["C1"].mandatory
    [blank] = of_code(validated, "blanked-value")
    assert (blank.row, blank.column, blank.value) == (2, "approach", "Replace the old thing")
    errors = {(i.row, i.code.value) for i in validated.log.items if i.severity.value == "error"}
    assert errors == {(5, "type-error"), (6, "depends-on-excluded")}


def test_dashes_in_amounts_read_as_zero_with_one_note_per_column() -> None:
    data = workbook_bytes({
        "Budget": [["Fund", "FY2028", "FY2029"], ["General Fund", 1_000_000, "-"],
                   ["Federal Grant", "—", "-"]],
        "Candidates": [["candidate_id", "name", "one_time_cost", "cost_FY2028", "cost_FY2029",
                        "annual_savings"],
                       ["C1", "ERP", None, 50_000, "-", "-"],
                       ["C2", "Portal", "-", None, None, 10]],
    })
    validated = load_files([("b.xlsx", data)])
    portfolio = validated.portfolio
    assert len(portfolio.budget) == 4 and portfolio.capital_cap(2029, "Federal Grant") == 0
    c1, c2 = portfolio.candidates["C1"], portfolio.candidates["C2"]
    assert (c1.spend_profile, c1.one_time_cost, c1.annual_savings) == ({2028: 50_000}, 50_000,
                                                                       None)
    assert c2.one_time_cost == 0
    notes = {(i.sheet, i.column): i.message for i in of_code(validated, "value-mapped")}
    assert notes == {
        ("Budget", "FY2029"): "'-' in 'FY2029' (FY2029 General Fund, FY2029 Federal Grant) "
                              "read as $0.",
        ("Budget", "FY2028"): "'—' in 'FY2028' (FY2028 Federal Grant) read as $0.",
        ("Candidates", "cost_FY2029"): "'-' in 'cost_FY2029' (FY2029) read as $0.",
        ("Candidates", "one_time_cost"): "'-' in 'one_time_cost' read as $0.",
    }
    assert all(i.severity.value == "info" for i in of_code(validated, "value-mapped"))
    assert not validated.log.has_errors


def test_a_long_budget_dash_names_its_fiscal_year_and_fund() -> None:
    data = workbook_bytes({"Budget": [["fiscal_year", "fund", "capital_budget"],
                                      ["FY2029", "Federal Grant", "-"], ["FY2029", "GF", 10]]})
    validated = load_files([("b.xlsx", data)])
    [note] = of_code(validated, "value-mapped")
    assert note.message == "'-' in 'capital_budget' (FY2029 Federal Grant) read as $0."
    assert len(validated.portfolio.budget) == 2


def test_a_table_with_no_usable_rows_says_what_was_looked_for(tmp_path: Path,
                                                                capsys) -> None:
    rows = [["Project #", "Project Name", "Comments"]] + [
        [f"C{n}", f"Project {n}", "ask finance"] for n in range(1, 16)]
    path = tmp_path / "projects.xlsx"
    path.write_bytes(workbook_bytes({"Projects": rows}))
    validated = load_files([(path.name, path.read_bytes())])
    [error] = of_code(validated, "no-usable-rows")
    assert (error.sheet, error.row, error.severity.value) == ("Projects", None, "error")
    assert error.message == ("15 candidate rows found, none readable: 15 have no "
                             "one_time_cost; no column was read as one_time_cost: map the "
                             "column that holds it.")
    assert main(["validate", str(path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert "no-usable-rows" in {i["code"] for i in report["error"]["issues"]}


def test_an_upload_with_no_recognized_table_is_an_error(tmp_path: Path) -> None:
    data = workbook_bytes({"Notes": [["Please fill in the attached"], ["Thanks"]],
                           "Contacts": [["Who", "Phone"], ["Pat", "555-0100"]]})
    validated = load_files([("notes.xlsx", data)])
    [error] = of_code(validated, "no-usable-rows")
    assert error.sheet == "notes.xlsx" and error.severity.value == "error"
    assert "Sheets found: 'Contacts', 'Notes'" in error.message
    assert "Candidates (candidate_id, name, one_time_cost)" in error.message
    path = tmp_path / "notes.xlsx"
    path.write_bytes(data)
    assert main(["validate", str(path)]) == 1


@pytest.mark.parametrize("blank_template_rows", [0])
def test_a_table_with_no_data_rows_is_not_an_error(blank_template_rows: int) -> None:
    data = workbook_bytes({"Candidates": [["candidate_id", "name", "one_time_cost"]]})
    validated = load_files([("blank.xlsx", data)])
    assert validated.counts == {"Candidates": blank_template_rows}
    assert not of_code(validated, "no-usable-rows")


def test_bad_optional_cells_no_longer_cost_rows() -> None:
    """Figures for the report: 40 systems, one bad optional cell in every other row."""
    rows = [["system_id", "name", "criticality", "security_risk", "annual_om_cost"]]
    for n in range(40):
        bad = n % 2 == 0
        rows.append([f"S{n}", f"System {n}", "call vendor" if bad else 3,
                     "ask IT" if n % 4 == 0 else 2, "-" if bad else 1_000])
    validated = load_files([("many.xlsx", workbook_bytes({"Systems": rows}))])
    assert len(validated.portfolio.systems) == 40  # the old policy kept 20
    assert len(of_code(validated, "blanked-value")) == 30
    assert validated.portfolio.systems["S0"].annual_om_cost is None  # blank means unknown
