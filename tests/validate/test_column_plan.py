"""Each column's reading decided once and reported once, at the header, in the user's words."""

from __future__ import annotations

from planner.core.issues import Issue
from planner.service import load_files
from tests.factories import workbook_bytes


def issues_of(validated, code: str) -> list[Issue]:
    """The issues of one code."""
    return [i for i in validated.log.items if i.code.value == code]


def test_a_cost_in_millions_is_converted_and_reported_once() -> None:
    data = workbook_bytes({
        "Projects": [["Project ID", "Project Name", "Project Life Cycle Cost ($M)"],
                     ["P1", "ERP", 3.5], ["P2", "Portal", "0.25"], ["P3", "Records", "$400K"]],
        "Budget": [["fiscal_year", "fund", "Capital Budget ($000s)"], ["FY2027", "GF", 4_000]],
    })
    validated = load_files([("projects.xlsx", data)])
    costs = {c: cand.one_time_cost for c, cand in validated.portfolio.candidates.items()}
    assert costs == {"P1": 3_500_000, "P2": 250_000, "P3": 400_000}
    assert validated.portfolio.capital_cap(2027, "GF") == 4_000_000
    converted = issues_of(validated, "unit-converted")
    assert [(i.sheet, i.row, i.column) for i in converted] == [
        ("Projects", 1, "Project Life Cycle Cost ($M)"), ("Budget", 1, "Capital Budget ($000s)")]
    assert converted[0].message == (
        "'Project Life Cycle Cost ($M)' is in millions of dollars: each value was multiplied "
        "by 1,000,000 to give dollars.")
    assert all(i.severity.value == "info" for i in converted)


def test_hours_monthly_volumes_and_percent_points_become_minutes_yearly_and_shares() -> None:
    headers = ["Process ID", "Process Name", "Transactions / Month", "Hours per transaction",
               "Error %", "Printing ($/mo)"]
    data = workbook_bytes({"Processes": [
        headers, ["P1", "Permits", 100, 1.5, 12, 50], ["P2", "Licences", "40", "0.25", 0.5, None]]})
    columns = dict(zip(headers, ["process_id", "name", "annual_volume", "minutes_per_transaction",
                                 "error_rate", "annual_paper_cost"], strict=True))
    profile = {"sheets": {"Processes": {"table": "Processes", "columns": columns}}}
    validated = load_files([("p.xlsx", data)], mapping=profile)
    p1, p2 = (validated.portfolio.processes[p] for p in ("P1", "P2"))
    assert (p1.annual_volume, p1.minutes_per_transaction, p1.error_rate,
            p1.annual_paper_cost) == (1_200, 90, 0.12, 600)
    assert (p2.annual_volume, p2.minutes_per_transaction, p2.error_rate) == (480, 15, 0.005)
    columns = [i.column for i in issues_of(validated, "unit-converted")]
    assert columns == ["Transactions / Month", "Hours per transaction", "Error %",
                       "Printing ($/mo)"]
    assert not issues_of(validated, "coerced-value")  # no per-cell notes for these


def test_servicenow_criticality_is_inverted_and_listed_once() -> None:
    data = workbook_bytes({"Applications": [
        ["Number", "Name", "Business criticality"],
        ["A1", "CAD", "1 - most critical"], ["A2", "Intranet", "4 - not critical"],
        ["A3", "GIS", "3 - less critical"], ["A4", "Payroll", "2 - somewhat critical"],
        ["A5", "Old CAD", "1 - most critical"]]})
    validated = load_files([("cmdb.xlsx", data)])
    values = {s: sys.criticality for s, sys in validated.portfolio.systems.items()}
    assert values == {"A1": 5, "A2": 1, "A3": 2, "A4": 4, "A5": 5}
    [mapped] = issues_of(validated, "value-mapped")
    assert (mapped.row, mapped.column) == (1, "Business criticality")
    assert mapped.message.startswith(
        "'Business criticality' (5 = most on this planner's scale): '1 - most critical' read "
        "as 5, '2 - somewhat critical' as 4, '3 - less critical' as 2, '4 - not critical' as 1")


def test_leanix_values_are_read_in_each_columns_direction() -> None:
    headers = ["id", "name", "businessCriticality", "functionalSuitability",
               "technicalSuitability"]
    data = workbook_bytes({"Applications": [
        headers, ["L1", "CRM", "missionCritical", "perfect", "fullyAppropriate"],
        ["L2", "Wiki", "administrativeService", "insufficient", "inappropriate"],
        ["L3", "HR", "businessOperational", "appropriate", "unreasonable"],
        ["L4", "ERP", "businessCritical", "unreasonable", "adequate"]]})
    columns = dict(zip(headers, ["system_id", "name", "criticality", "functional_fit",
                                 "technical_condition"], strict=True))
    profile = {"sheets": {"Applications": {"table": "Systems", "columns": columns}}}
    validated = load_files([("leanix.xlsx", data)], mapping=profile)
    systems = validated.portfolio.systems
    assert [(s.criticality, s.functional_fit, s.technical_condition)
            for s in systems.values()] == [(5, 5, 5), (1, 2, 1), (2, 4, 2), (4, 1, 4)]
    mapped = {i.column for i in issues_of(validated, "value-mapped")}
    assert mapped == {"businessCriticality", "functionalSuitability", "technicalSuitability"}
    assert not issues_of(validated, "blanked-value")


def test_a_numbered_scale_whose_direction_cannot_be_told_is_kept_and_reported() -> None:
    data = workbook_bytes({"Systems": [["system_id", "name", "Business Criticality"],
                                       ["S1", "CAD", 1], ["S2", "Wiki", 4], ["S3", "GIS", 2]]})
    validated = load_files([("s.xlsx", data)])
    assert [s.criticality for s in validated.portfolio.systems.values()] == [1, 4, 2]
    [unclear] = issues_of(validated, "unclear-scale")
    assert (unclear.severity.value, unclear.row, unclear.column) == \
        ("warning", 1, "Business Criticality")
    assert "mark the column as reversed" in unclear.message


def test_a_header_that_states_the_direction_is_followed() -> None:
    data = workbook_bytes({"Systems": [["system_id", "name", "Criticality (1 = highest)"],
                                       ["S1", "CAD", 1], ["S2", "Wiki", 5], ["S3", "GIS", 2]]})
    validated = load_files([("s.xlsx", data)])
    assert [s.criticality for s in validated.portfolio.systems.values()] == [5, 1, 4]
    [mapped] = issues_of(validated, "value-mapped")
    assert "its header says so" in mapped.message and "'1' read as 5" in mapped.message
    assert not issues_of(validated, "unclear-scale")


def test_words_yes_no_and_approaches_are_reported_once_per_column() -> None:
    data = workbook_bytes({"Candidates": [
        ["candidate_id", "name", "one_time_cost", "approach", "mandatory", "delivery_risk"],
        ["C1", "ERP", 100, "Replace with SaaS", "Yes - state law", "High"],
        ["C2", "Portal", 200, "Go paperless", "Not required", "low"],
        ["C3", "Old", 50, "Sunset", "✓", "High"]]})
    validated = load_files([("c.xlsx", data)])
    cands = validated.portfolio.candidates
    assert [c.approach.value for c in cands.values()] == ["repurchase", "digitize", "retire"]
    assert [c.mandatory for c in cands.values()] == [True, False, True]
    assert [c.delivery_risk for c in cands.values()] == [4, 2, 4]
    mapped = {i.column: i.message for i in issues_of(validated, "value-mapped")}
    assert set(mapped) == {"approach", "mandatory", "delivery_risk"}
    assert "'Replace with SaaS' read as repurchase" in mapped["approach"]
    assert "'Not required' as no" in mapped["mandatory"]
    assert not issues_of(validated, "coerced-value")


def test_a_cost_column_that_looks_like_millions_is_warned_about() -> None:
    data = workbook_bytes({
        "Candidates": [["candidate_id", "name", "one_time_cost", "annual_savings"],
                       ["C1", "ERP", 3.2, 150_000], ["C2", "Portal", 0.4, 20_000]],
        "Systems": [["system_id", "name", "annual_om_cost"], ["S1", "Old ERP", 250_000]]})
    validated = load_files([("c.xlsx", data)])
    [warning] = issues_of(validated, "unclear-scale")
    assert (warning.sheet, warning.row, warning.column) == ("Candidates", 1, "one_time_cost")
    assert "look like millions" in warning.message and "0.4 to 3.2," in warning.message
    assert validated.portfolio.candidates["C1"].one_time_cost == 3.2  # read as written


def test_a_profile_marked_reversed_column_reads_six_minus_the_value() -> None:
    data = workbook_bytes({"Systems": [["system_id", "name", "Tier"], ["S1", "CAD", 1],
                                       ["S2", "Wiki", 5]]})
    profile = {"sheets": {"Systems": {"table": "Systems", "columns": {
        "system_id": "system_id", "name": "name", "Tier": "criticality"},
        "reversed_scales": ["Tier"]}}}
    validated = load_files([("s.xlsx", data)], mapping=profile)
    assert [s.criticality for s in validated.portfolio.systems.values()] == [5, 1]
    [mapped] = issues_of(validated, "value-mapped")
    assert "mapping profile marks it" in mapped.message


def test_a_lone_cost_column_of_small_amounts_is_warned_about_from_five_rows() -> None:
    rows = [["Project ID", "Project Name", "Lifecycle Cost"]]
    rows += [[f"P-{i}", f"Project {i}", 1.5 + i] for i in range(5)]
    validated = load_files([("projects.xlsx", workbook_bytes({"Projects": rows}))])
    [warning] = [i for i in validated.log.items if i.code.value == "unclear-scale"]
    assert warning.column == "Lifecycle Cost" and "look like millions" in warning.message
    few = load_files([("projects.xlsx", workbook_bytes({"Projects": rows[:3]}))])
    assert not [i for i in few.log.items if i.code.value == "unclear-scale"]
