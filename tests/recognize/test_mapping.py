"""Column mapping: aliases (federal data dictionary included) and suggestions."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from bench.headers_corpus import corpus_figures
from planner.cli import main
from planner.core.schema import BUDGET, CANDIDATES, PROCESSES, SHEETS, SYSTEMS
from planner.recognize.headers import header_words
from planner.recognize.mapping import column_scores, map_headers, suggest, synonyms
from planner.service import load_files
from tests.factories import workbook_bytes

GSA_CSV = Path("/work/shared/reference/gsa_app_rationalization_data_dictionary_v2.0.csv")


@pytest.mark.parametrize("header, column", [
    ("App Name", "name"), ("Application", "name"), ("System", "name"),
    ("Annual Maint. ($)", "annual_om_cost"), ("O&M Cost", "annual_om_cost"),
    ("Yr Implemented", "year_implemented"), ("Go-Live Year", "year_implemented"),
    ("Go Live Year", "year_implemented"), ("App ID", "system_id"), ("Dept.", "department"),
    ("Criticality (1-5)", "criticality"), ("# of Users", "staff_users"),
    ("END_OF_SUPPORT", "end_of_support"), ("  Vendor Name:  ", "vendor"),
    ("Annual O&M Cost ($)", "annual_om_cost"),
])
def test_systems_aliases(header: str, column: str) -> None:
    assert map_headers(SYSTEMS, [header]) == {header: column}


@pytest.mark.parametrize("field, column", [
    ("mission_criticality", "criticality"), ("effectiveness", "functional_fit"),
    ("TCO", "annual_om_cost"), ("OpEx_software_maintenance_support", "annual_om_cost"),
    ("application_name", "name"), ("application_id", "system_id"),
])
def test_federal_data_dictionary_fields_map_to_our_columns(field: str, column: str) -> None:
    assert map_headers(SYSTEMS, [field]) == {field: column}


def test_the_data_dictionary_fields_we_alias_exist_in_it() -> None:
    names = {row["Name"] for row in csv.DictReader(GSA_CSV.open(encoding="utf-8"))}
    assert {"mission_criticality", "effectiveness", "TCO", "OpEx_software_maintenance_support",
            "refactoring_replatforming_cost", "security_standards"} <= names
    assert map_headers(CANDIDATES, ["refactoring_replatforming_cost"]) == {
        "refactoring_replatforming_cost": "one_time_cost"}


def test_security_standards_is_not_read_as_risk_because_it_runs_the_other_way() -> None:
    assert map_headers(SYSTEMS, ["security_standards"]) == {}


def test_the_best_named_header_wins_a_column() -> None:
    headers = ["OpEx_software_maintenance_support", "TCO", "Annual Maintenance"]
    assert map_headers(SYSTEMS, headers) == {"Annual Maintenance": "annual_om_cost"}
    assert map_headers(SYSTEMS, ["OpEx_software_maintenance_support", "TCO"]) == {
        "TCO": "annual_om_cost"}


def test_each_column_is_mapped_once_and_the_rest_are_kept() -> None:
    mapping = map_headers(SYSTEMS, ["id", "system_id", "name", "Legacy Score"])
    assert mapping == {"system_id": "system_id", "name": "name"}


def test_spend_columns_in_several_spellings() -> None:
    mapping = map_headers(CANDIDATES, ["cost_FY2027", "Cost FY28", "FY2029 Spend", "FY2030"])
    assert mapping == {"cost_FY2027": "cost_FY2027", "Cost FY28": "cost_FY2028",
                       "FY2029 Spend": "cost_FY2029"}


def test_process_and_budget_aliases() -> None:
    assert map_headers(PROCESSES, ["Form Name", "Transactions per Year", "Minutes Each"]) == {
        "Form Name": "name", "Transactions per Year": "annual_volume",
        "Minutes Each": "minutes_per_transaction"}
    assert map_headers(BUDGET, ["FY", "Fund Name", "Amount"]) == {
        "FY": "fiscal_year", "Fund Name": "fund", "Amount": "capital_budget"}


def test_suggestions_carry_a_confidence() -> None:
    found = {s.header: s for s in suggest(SYSTEMS, ["Anual Maintenance", "Colour"], {})}
    assert found["Anual Maintenance"].column == "annual_om_cost"
    assert found["Anual Maintenance"].confidence > 0.85
    assert "Colour" not in found
    found = {s.header: s for s in suggest(SYSTEMS, ["Yearly upkeep cost"], {})}
    assert found["Yearly upkeep cost"].column == "annual_om_cost"
    assert 0.7 <= found["Yearly upkeep cost"].confidence < 0.85


def test_near_identical_spellings_are_applied_with_a_warning() -> None:
    data = workbook_bytes({"Candidates": [
        ["candidate_id", "name", "one_time_cost", "Anual Savings", "Vendor quote ref"],
        ["C1", "One", 100, 50, 60],
    ]})
    validated = load_files([("c.xlsx", data)])
    assert validated.mapping["Candidates"]["Anual Savings"] == "annual_savings"
    assert validated.portfolio.candidates["C1"].annual_savings == 50
    guessed = [i for i in validated.log.items if i.code.value == "guessed-column"]
    assert [(i.column, i.severity.value) for i in guessed] == [("Anual Savings", "warning")]
    assert validated.portfolio.candidates["C1"].extra == {"Vendor quote ref": 60}


def test_unmapped_columns_come_with_suggestions() -> None:
    data = workbook_bytes({"Systems": [
        ["system_id", "name", "Legacy Score", "End date"],
        ["S1", "One", 7, "2027-06-30"],
    ]})
    validated = load_files([("s.xlsx", data)])
    assert validated.portfolio.systems["S1"].extra == {"Legacy Score": 7,
                                                      "End date": "2027-06-30"}
    found = {s.header: (s.column, round(s.confidence, 2))
             for s in validated.suggestions["Systems"]}
    assert found == {"End date": ("end_of_support", 0.78)}
    info = [i.message for i in validated.log.items if i.column == "End date"]
    assert "end_of_support (confidence 0.78)" in info[0]


def test_validate_json_lists_suggestions(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "s.xlsx"
    path.write_bytes(workbook_bytes({"Systems": [["system_id", "name", "End date"],
                                                 ["S1", "One", "2027-06-30"]]}))
    assert main(["validate", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["suggestions"] == {"Systems": [
        {"header": "End date", "column": "end_of_support", "confidence": 0.78}]}
    assert report["mapping"] == {"Systems": {"system_id": "system_id", "name": "name"}}


def test_every_synonym_names_a_column_of_its_own_sheet() -> None:
    data = tomllib.loads((Path(__file__).parents[2] / "planner/recognize/synonyms.toml")
                         .read_text(encoding="utf-8"))
    assert set(data) == {s.name for s in SHEETS}
    for sheet in SHEETS:
        assert set(data[sheet.name]) <= set(sheet.column_index), sheet.name
        for column, names in synonyms(sheet.name).items():
            assert names[0] == column
            assert all(header_words(name) for name in names)
        assert all(map_headers(sheet, [c.name]) == {c.name: c.name} for c in sheet.columns)


def test_a_spelling_listed_twice_goes_to_the_second_column_when_the_first_is_taken() -> None:
    assert map_headers(CANDIDATES, ["Project Description", "Cost"]) == {
        "Project Description": "name", "Cost": "one_time_cost"}
    assert map_headers(CANDIDATES, ["Project Name", "Project Description"]) == {
        "Project Name": "name", "Project Description": "notes"}


def test_the_earlier_listed_synonym_wins() -> None:
    assert map_headers(SYSTEMS, ["Software", "Data System Name"]) == {"Data System Name": "name"}


def test_a_required_column_takes_a_header_an_optional_one_would_hold() -> None:
    assert map_headers(SYSTEMS, ["Vendor", "Product", "Name of data system"]) == {
        "Vendor": "vendor", "Product": "platform", "Name of data system": "name"}
    assert map_headers(SYSTEMS, ["ID", "Vendor", "Product"]) == {
        "ID": "system_id", "Vendor": "vendor", "Product": "name"}


def test_the_header_corpus_is_read_as_meant() -> None:
    """At least 95% of the real-world headers read as the column they mean, and no header is
    read as a required column it does not mean (or a required column's header as another)."""
    figures = corpus_figures()
    correct = sum(f.correct for f in figures.values())
    total = sum(f.total for f in figures.values())
    assert correct / total >= 0.95, f"{correct} of {total} headers read as meant"
    assert sum(f.wrong_required for f in figures.values()) == 0


def test_each_word_matches_its_nearest_spelling_first() -> None:
    # 'annual' is the synonym's own word; 'annal' is only near it and must not take it first
    scores = column_scores(PROCESSES.name, "Annual annal applications")
    assert scores == {"annual_volume": pytest.approx(0.78)}


def test_a_headers_confidence_is_the_same_under_every_hash_seed() -> None:
    # word sets iterate in an order that changes with the hash seed; the scores must not
    script = ("import json; from planner.recognize.mapping import column_scores; "
              "print(json.dumps([column_scores(s, h) for s in ('Processes', 'Candidates', "
              "'Systems') for h in ('Annual annal applications', 'Anual anual savings cost', "
              "'operatingd cost anual', 'cost cost annual savings')]))")
    printed = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3", "4")}
    assert len(printed) == 1
