"""`planner score`: weights read from the command line, the ranking as JSON, CSV or text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.cli.score_cmd import parse_weights
from planner.errors import ScoringError

CANDIDATES = ("candidate_id,name,one_time_cost,annual_savings,strategic_alignment,"
              "delivery_risk\n"
              "C1,=cmd|' /C calc'!A0,100000,50000,5,2\n"
              "C2,Permits online,200000,20000,3,4\n"
              "C3,Fleet GPS,50000,5000,2,1\n")


@pytest.fixture
def candidates(tmp_path: Path) -> str:
    path = tmp_path / "candidates.csv"
    path.write_text(CANDIDATES, encoding="utf-8")
    return str(path)


def test_weights_are_read_as_name_equals_number() -> None:
    assert parse_weights("Legacy risk=0.4; Payback = 0.1,") == {"Legacy risk": 0.4,
                                                                "Payback": 0.1}
    assert parse_weights(None) is None and parse_weights("") is None


@pytest.mark.parametrize("text, message", [
    ("Legacy risk", "could not read 'Legacy risk'"), ("=0.4", "could not read '=0.4'"),
    ("Payback=lots", "The weight for 'Payback' is not a number: 'lots'"),
])
def test_a_malformed_weight_says_what_could_not_be_read(text: str, message: str) -> None:
    with pytest.raises(ScoringError, match=message):
        parse_weights(text)


def test_the_json_ranking_names_every_candidate_once(candidates: str, capsys) -> None:
    assert main(["score", candidates, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    ranked = {item["id"]: item for item in report["candidates"]}
    assert set(ranked) == {"C1", "C2", "C3"}
    assert ranked["C2"]["name"] == "Permits online"
    assert sorted(item["rank"] for item in ranked.values()) == [1, 2, 3]


def test_csv_output_never_starts_a_cell_with_a_formula(candidates: str, capsys) -> None:
    assert main(["score", candidates, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:6] == ["candidate_id", "name", "rank", "score", "value", "tied"]
    names = {row[0]: row[1] for row in rows[1:]}
    assert names["C1"] == "'=cmd|' /C calc'!A0"
    assert len(rows) == 4


def test_text_output_shows_the_method_weights_and_ranking(candidates: str, capsys) -> None:
    assert main(["score", candidates, "--method", "topsis"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Method: topsis - ")
    assert "Weights: " in out and "Permits online" in out


def test_nothing_to_score_is_an_input_error(tmp_path: Path, capsys) -> None:
    path = tmp_path / "candidates.csv"
    path.write_text("candidate_id,name,one_time_cost\nC1,,lots\n", encoding="utf-8")
    assert main(["score", str(path), "--format", "json"]) == 1
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["code"] == "input-error"
    assert error["message"].startswith("There are no valid candidates to score (3 input errors")
    # the row's two errors, and the table's own: no candidate row could be read
    assert {(issue["row"], issue["code"]) for issue in error["issues"]} >= {
        (2, "missing-value"), (None, "no-usable-rows")}


def test_candidates_nothing_separates_are_scored_and_planned_not_refused(tmp_path: Path) -> None:
    from tests.cli.console import run_planner

    rows = "".join(f"C-{i:02d},Identical project {i},100000,12\n" for i in range(1, 31))
    cands = tmp_path / "candidates.csv"
    cands.write_text("candidate_id,name,one_time_cost,duration_months\n" + rows)
    budget = tmp_path / "budget.csv"
    budget.write_text("fund,FY2027,FY2028\nGeneral Fund,500000,450000\n")
    scored = run_planner("score", cands, budget, "--format", "json")
    assert scored.code == 0, scored.stderr
    ranking = scored.document()
    assert {c["value"] for c in ranking["candidates"]} == {1.0}
    assert any(n.startswith("Nothing separates the candidates") for n in ranking["notes"])
    planned = run_planner("plan", cands, budget, "--format", "json", "--no-frontier")
    assert planned.code == 0, planned.stderr
    plan = planned.document()
    # $500K and $450K of $100K projects: as many as the budget allows, 5 + 4.
    assert len(plan["funded"]) == 9
    assert plan["status"] == "optimal"
    assert any(n.startswith("Nothing separates the candidates") for n in plan["notes"])
