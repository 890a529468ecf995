"""`planner plan`: the JSON contract, exit codes and overrides on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.explain.frontier import scaled_portfolio
from planner.validate.canonical import portfolio_frames
from tests.factories import frames_to_xlsx, make_portfolio

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"
FAST = ["--no-explain", "--no-frontier"]  # the solve stops at its work limit, not a time


@pytest.fixture
def small_book(tmp_path: Path) -> Path:
    path = tmp_path / "small.xlsx"
    portfolio = make_portfolio(n=15, seed=2, with_mandatory=True)
    path.write_bytes(frames_to_xlsx(portfolio_frames(portfolio)))
    return path


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, dict]:
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)


def test_json_has_the_contract_keys_and_exits_zero(small_book: Path, capsys) -> None:
    code, data = _json(capsys, ["plan", str(small_book), "--format", "json", *FAST])
    assert code == 0
    assert data["status"] in ("optimal", "feasible")
    assert {"status", "objective", "bound", "gap", "funded", "unfunded", "baselines"} <= set(data)
    item = data["funded"][0]
    assert {"id", "start_year", "end_year", "spend"} <= set(item)
    assert all(isinstance(by_fund, dict) for by_fund in item["spend"].values())
    assert {"rank_and_cut", "greedy"} == set(data["baselines"])
    assert {"objective", "funded"} <= set(data["baselines"]["greedy"])
    assert data["objective"] >= data["baselines"]["rank_and_cut"]["objective"] - 1e-9
    assert all(u["reasons"] for u in data["unfunded"])


def test_an_infeasible_plan_prints_its_reasons_and_exits_one(tmp_path: Path, capsys) -> None:
    tight = scaled_portfolio(make_portfolio(n=15, seed=2, with_mandatory=True), 0.0001)
    path = tmp_path / "tight.xlsx"
    path.write_bytes(frames_to_xlsx(portfolio_frames(tight)))
    code, data = _json(capsys, ["plan", str(path), "--format", "json", *FAST])
    assert code == 1 and data["status"] == "infeasible" and data["reasons"]
    assert main(["plan", str(path), *FAST]) == 1
    assert "No plan satisfies every rule" in capsys.readouterr().out


def test_an_unreadable_file_exits_two(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"this is not a workbook")
    assert main(["plan", str(bad), *FAST]) == 2


def test_overrides_on_the_command_line(small_book: Path, capsys) -> None:
    portfolio = make_portfolio(n=15, seed=2, with_mandatory=True)
    cheap = min((c for c in portfolio.candidates.values() if not c.requires
                 and not c.spend_profile and not c.alternative_group),
                key=lambda c: c.one_time_cost).candidate_id
    code, data = _json(capsys, ["plan", str(small_book), "--format", "json", *FAST,
                                "--force-out", "C0000", "--pin", f"{cheap}=FY2029"])
    assert code == 0
    assert "C0000" not in [f["id"] for f in data["funded"]]
    assert {f["id"]: f["start_year"] for f in data["funded"]}[cheap] == 2029
    assert data["overrides"]["pin_start"] == {cheap: 2029}
    assert main(["plan", str(small_book), *FAST, "--pin", "C0003"]) == 1
    assert "ID=YEAR" in capsys.readouterr().err


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample city workbook not generated")
def test_the_sample_city_in_text_with_a_roadmap_workbook(tmp_path: Path, capsys) -> None:
    out = tmp_path / "roadmap.xlsx"
    code = main(["plan", str(SAMPLE), *FAST, "-o", str(out)])
    text = capsys.readouterr().out
    assert code == 0
    assert "Status: optimal" in text or "Status: feasible" in text
    assert "Compared with rank and cut" in text
    assert out.exists() and out.stat().st_size > 0


def test_the_text_lists_each_balance_rule_of_a_rules_sheet(tmp_path: Path, capsys) -> None:
    from tests.validate.test_rules import HEADER, sample_with

    path = tmp_path / "city.xlsx"
    path.write_bytes(sample_with("Rules", [
        HEADER, ["Police at most 15%", "department", "Police", "max share", "15%", None]]))
    assert main(["plan", str(path), "--no-frontier", "--no-explain"]) == 0
    out = capsys.readouterr().out
    line = next(t for t in out.splitlines() if "'Police at most 15%'" in t and "binds" in t)
    assert line.strip().startswith("'Police at most 15%' (max share 15% of department = Police "
                                   "over all years): ")
    assert "it binds" in line
    assert "funding it would break the rule 'Police at most 15%' (Police would reach" in out
