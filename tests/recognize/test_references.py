"""A Candidates column of id lists matching another table's ids is read as targets or requires."""

from __future__ import annotations

from tests.recognize.support import sheet, tables

SYSTEMS = sheet("Systems", [["system_id", "name"], ["S-001", "Billing"], ["S-002", "Permits"]])
PROCESSES = sheet("Processes", [["process_id", "name"], ["P-001", "Dog licence"]])


def test_a_column_of_system_and_process_ids_is_the_targets() -> None:
    candidates = sheet("Candidates", [
        ["candidate_id", "name", "one_time_cost", "Scope", "Needs first", "Ward"],
        ["C-1", "Billing SaaS", 100, "S-001", None, "3"],
        ["C-2", "Permits portal", 200, "S-002; P-001", "C-1", "4"],
        ["C-3", "Online licences", 50, "P-001", "C-1, C-2", "5"],
    ])
    result, log = tables(SYSTEMS, PROCESSES, candidates)
    mapping = result.tables["Candidates"].mapping
    assert mapping["Scope"] == "targets" and mapping["Needs first"] == "requires"
    assert "Ward" not in mapping
    guessed = {i.column: i.message for i in log.items if i.code.value == "guessed-column"}
    assert "100% of the ids it lists are system and process ids" in guessed["Scope"]
    assert "other candidates' ids" in guessed["Needs first"]
    unmapped = {i.column for i in log.items if i.code.value == "unmapped-column"}
    assert unmapped == {"Ward"}


def test_a_named_targets_column_is_left_alone_and_stray_ids_do_not_count() -> None:
    candidates = sheet("Candidates", [
        ["candidate_id", "name", "one_time_cost", "targets", "Reference"],
        ["C-1", "Billing SaaS", 100, "S-001", "RFP-12"],
        ["C-2", "Permits portal", 200, "S-002", "S-001 memo"],
    ])
    result, _ = tables(SYSTEMS, candidates)
    mapping = result.tables["Candidates"].mapping
    assert mapping["targets"] == "targets" and "Reference" not in mapping


def test_plain_numbers_and_a_projects_own_id_say_nothing() -> None:
    numbered = sheet("Candidates", [
        ["Project ID", "Project Name", "Lifecycle Cost", "Agency Code"],
        ["5", "Grants system", 100, "5"], ["12", "Case system", 200, "12"],
        ["7", "Portal", 50, "5"],
    ])
    result, _ = tables(numbered)
    assert "Agency Code" not in result.tables["Candidates"].mapping
    itself = sheet("Candidates", [
        ["candidate_id", "name", "one_time_cost", "Phase of"],
        ["C-1", "Billing", 100, "C-1"], ["C-2", "Permits", 200, "C-1"],
    ])
    result, _ = tables(itself)
    assert "Phase of" not in result.tables["Candidates"].mapping
