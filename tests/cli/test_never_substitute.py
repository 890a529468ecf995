"""A project list that cannot be read is never replaced by the planner's proposals unasked,
and a plan that rests on proposals says so and how many: the installed `planner` script, stdout
parsed whole."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli.console import SAMPLE, run_planner
from tests.factories import sample_inventory_bytes, workbook_bytes

SYSTEMS = [["system_id", "name", "technical_condition", "functional_fit", "criticality",
            "end_of_support", "annual_om_cost"],
           ["S1", "Old billing", 1, 4, 5, 2024, 200_000],
           ["S2", "Parks booking", 2, 2, 2, 2030, 30_000]]
# The city's own project list, with no column that holds a cost.
REQUESTS = [["Request ID", "Project Name", "Department", "Requested by"],
            ["R1", "New billing", "Finance", "Ann"], ["R2", "Permits online", "Building", "Bo"],
            ["R3", "Parks app", "Parks", "Cy"]]
BUDGET = [["fiscal_year", "fund", "capital_budget"], [2027, "General", 2_000_000],
          [2028, "General", 2_000_000]]
FAST = ("--no-frontier", "--no-explain")


@pytest.fixture(scope="module")
def unreadable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("inputs") / "requests.xlsx"
    path.write_bytes(workbook_bytes({"Systems": SYSTEMS, "Project Requests": REQUESTS,
                                     "Budget": BUDGET}))
    return path


def assert_says_why(message: str, step: str) -> None:
    assert "Sheet 'Project Requests': 3 candidate rows found, none readable" in message
    assert "one_time_cost: map the column that holds it" in message
    assert f"pass --propose to {step} the planner's proposals" in message


@pytest.mark.parametrize("step", ["plan", "score"])
def test_an_unreadable_project_list_stops_with_the_reason(unreadable: Path, step: str) -> None:
    result = run_planner(step, unreadable, "--format", "json")
    assert result.code == 1, result.stderr
    document = result.document()
    assert set(document) == {"error"}
    assert_says_why(document["error"]["message"], step)
    codes = {(i["sheet"], i["code"]) for i in document["error"]["issues"]}
    assert ("Project Requests", "no-usable-rows") in codes
    assert "were proposed" not in result.stderr
    text = run_planner(step, unreadable)
    assert text.code == 1 and text.stdout == ""
    assert_says_why(text.stderr.splitlines()[0], step)


def test_with_propose_the_plan_says_it_rests_on_estimates(unreadable: Path,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "roadmap.xlsx"
    result = run_planner("plan", unreadable, "--propose", *FAST, "-o", out, "--format", "json")
    assert result.code == 0, result.stderr
    plan = result.document()
    share = plan["proposals"]
    funded = len(plan["funded"])
    assert share["proposed"] == share["considered"] >= 2 and share["funded"] == funded
    assert share["message"] == (f"All {share['considered']} projects considered are the "
                                f"planner's proposals, with estimated figures; {funded} of "
                                f"them {'is' if funded == 1 else 'are'} funded.")
    assert "were proposed from the Systems and Processes sheets" in result.stderr
    summary = load_workbook(io.BytesIO(out.read_bytes()))["Summary"]
    texts = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)]
    assert f"This plan rests partly on estimates: {share['message']} The Assumptions sheet " \
           "gives the rules behind every estimated figure." in texts
    assert f"{share['proposed']} of {share['considered']} considered, {funded} funded" in texts
    text = run_planner("plan", unreadable, "--propose", *FAST)
    assert text.code == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[1] == f"Rests on estimates: {share['message']}"


def test_an_inventory_without_a_project_list_is_proposed_for_and_says_so(
        tmp_path: Path) -> None:
    path = tmp_path / "inventory.xlsx"
    path.write_bytes(sample_inventory_bytes())
    result = run_planner("plan", path, *FAST, "--format", "json")
    assert result.code == 0, result.stderr
    share = result.document()["proposals"]
    assert share["proposed"] == share["considered"] > 10
    assert share["message"].startswith(f"All {share['considered']} projects considered are "
                                       "the planner's proposals, with estimated figures; ")
    assert "were proposed from the Systems and Processes sheets" in result.stderr


def test_the_citys_own_projects_carry_no_proposal_note() -> None:
    result = run_planner("plan", SAMPLE, *FAST, "--format", "json")
    assert result.code == 0, result.stderr
    share = result.document()["proposals"]
    assert share["considered"] > 40
    assert share == {"proposed": 0, "considered": share["considered"], "funded": 0,
                     "message": None}
    text = run_planner("plan", SAMPLE, *FAST)
    assert "Rests on estimates" not in text.stdout
