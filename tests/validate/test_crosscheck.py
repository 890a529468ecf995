"""Cross-sheet checks: references, cycles, either/or conflicts, horizon and funds."""

from __future__ import annotations

from typing import Any

from planner.core.issues import IssueLog
from planner.core.models import BudgetLine, Candidate, Portfolio, Settings, System
from planner.service import load_files
from planner.validate.crosscheck import check_references, find_cycles
from tests.factories import workbook_bytes


def cand(cid: str, **kw: Any) -> Candidate:
    return Candidate(candidate_id=cid, name=cid, one_time_cost=kw.pop("cost", 10), **kw)


def check(candidates: list[Candidate], *, rejected: dict | None = None,
          **kw: Any) -> tuple[Portfolio, IssueLog]:
    portfolio = Portfolio.build(
        systems=kw.get("systems", [System(system_id="S1", name="One")]),
        candidates=candidates,
        budget=kw.get("budget", [BudgetLine(fiscal_year=y, fund="GF", capital_budget=100)
                                 for y in (2027, 2028)]),
        settings=kw.get("settings", Settings()))
    rows = {("Candidates", c.candidate_id): i + 2 for i, c in enumerate(candidates)}
    log = IssueLog()
    return check_references(portfolio, rows, "Candidates", log, rejected=rejected), log


def codes(log: IssueLog) -> set[tuple[int | None, str | None, str]]:
    return {(i.row, i.column, i.code.value) for i in log.items}


def test_unknown_targets_are_dropped_with_a_warning() -> None:
    portfolio, log = check([cand("A", targets=("S1", "S9"))])
    assert portfolio.candidates["A"].targets == ("S1",)
    assert codes(log) == {(2, "targets", "unknown-reference")}


def test_targets_of_rejected_rows_are_named_as_such() -> None:
    _, log = check([cand("A", targets=("S2",))], rejected={("Systems", "S2"): 9})
    assert "had errors" in log.items[0].message


def test_unknown_requirement_excludes_the_candidate() -> None:
    portfolio, log = check([cand("A", requires=("Z",)), cand("B")])
    assert set(portfolio.candidates) == {"B"}
    assert codes(log) == {(2, "requires", "unknown-reference")}


def test_requiring_a_rejected_row_says_which_row() -> None:
    portfolio, log = check([cand("A", requires=("Z",))], rejected={("Candidates", "Z"): 7})
    assert not portfolio.candidates
    [issue] = log.items
    assert issue.code.value == "depends-on-excluded" and "Z (row 7)" in issue.message


def test_cycles_exclude_every_member_and_cascade_to_dependents() -> None:
    portfolio, log = check([cand("A", requires=("B",)), cand("B", requires=("A",)),
                            cand("C", requires=("A",)), cand("D")])
    assert set(portfolio.candidates) == {"D"}
    assert codes(log) == {(2, "requires", "dependency-cycle"), (3, "requires", "dependency-cycle"),
                          (4, "requires", "depends-on-excluded")}


def test_find_cycles() -> None:
    assert find_cycles({"A": ("B",), "B": ("C",), "C": ("A",), "D": ("A",)}) == \
        [["A", "B", "C", "A"]]
    assert find_cycles({"A": ("B",), "B": ()}) == []
    assert find_cycles({"A": ("X",)}) == []


def test_two_mandatory_alternatives_conflict() -> None:
    portfolio, log = check([cand("A", mandatory=True, alternative_group="G"),
                            cand("B", mandatory=True, alternative_group="G"),
                            cand("C", alternative_group="G")])
    assert set(portfolio.candidates) == {"A", "C"}
    assert codes(log) == {(3, "mandatory", "conflicting-mandatory")}


def test_years_outside_the_horizon_are_warnings() -> None:
    portfolio, log = check([cand("A", spend_profile={2031: 10}), cand("B", earliest_start=2035),
                            cand("C", must_finish_by=2028)])
    assert set(portfolio.candidates) == {"A", "B", "C"}
    assert codes(log) == {(2, "cost_FY2031", "outside-horizon"),
                          (3, "earliest_start", "outside-horizon")}


def test_unknown_funds_warn_and_say_what_follows() -> None:
    _, log = check([cand("A", funding_sources=("GF", "Bonds")), cand("B", funding_sources=("X",))])
    messages = {i.row: i.message for i in log.items}
    assert "the others are used" in messages[2]
    assert "cannot be funded" in messages[3]


def test_issues_name_the_users_headers_through_validation() -> None:
    data = workbook_bytes({
        "Projects": [["Project #", "Project Name", "Est. Cost", "Depends On", "Replaces"],
                     ["C1", "One", 10, "C1x", "S9"], ["C2", "Two", 10, "C3", None],
                     ["C3", "Three", 10, "C2", None]],
        "Systems": [["system_id", "name"], ["S1", "One"]],
    })
    validated = load_files([("p.xlsx", data)])
    assert {(i.row, i.column, i.code.value) for i in validated.log.items
            if i.severity.value != "info"} == {
        (2, "Depends On", "unknown-reference"), (2, "Replaces", "unknown-reference"),
        (3, "Depends On", "dependency-cycle"), (4, "Depends On", "dependency-cycle")}


def test_records_kept_with_a_blanked_field_stay_referable() -> None:
    data = workbook_bytes({
        "Systems": [["system_id", "name", "criticality"], ["S1", "ERP", "call vendor"],
                    ["S2", "CAD", 5]],
        "Candidates": [["candidate_id", "name", "one_time_cost", "targets", "approach",
                        "mandatory", "requires"],
                       ["C1", "Cloud ERP", 100, "S1", "Replace it somehow", "yes", None],
                       ["C2", "ERP reports", 10, "S1", "refactor", "no", "C1"]]})
    validated = load_files([("x.xlsx", data)])
    assert set(validated.portfolio.candidates) == {"C1", "C2"}
    assert validated.portfolio.candidates["C2"].requires == ("C1",)
    assert validated.portfolio.candidates["C1"].targets == ("S1",)
    codes = {i.code.value for i in validated.log.items}
    assert "blanked-value" in codes
    assert not codes & {"unknown-reference", "depends-on-excluded"}
