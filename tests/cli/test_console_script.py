"""The installed `planner` command as a separate process: exit codes and whole stdout.

Each command is run in every format it offers on the sample city, on a workbook whose every
candidate has an error, and on a file that is not a spreadsheet; stdout is parsed whole
(`json.loads`, `csv.reader`), so a stray line from a library fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.console import BANNER, SAMPLE, run_planner
from tests.factories import workbook_bytes

BUDGET = [["fiscal_year", "fund", "capital_budget"], [2027, "General Fund", 500_000],
          [2028, "General Fund", 500_000]]


@pytest.fixture(scope="module")
def broken_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workbook read without trouble whose every candidate row has an error."""
    path = tmp_path_factory.mktemp("inputs") / "errors.xlsx"
    path.write_bytes(workbook_bytes({
        "Systems": [["system_id", "name", "criticality"], ["S1", "Permits", "call vendor"],
                    ["S1", "Duplicate id", 3]],
        "Candidates": [["candidate_id", "name", "one_time_cost"],
                       ["C1", "Permits portal", "lots"], ["C2", None, 90_000]],
        "Budget": BUDGET,
    }))
    return path


@pytest.fixture(scope="module")
def not_a_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A text file renamed .xlsx, as users send."""
    path = tmp_path_factory.mktemp("inputs") / "budget.xlsx"
    path.write_text("fiscal_year,fund,capital_budget\n2027,General,100\n", encoding="utf-8")
    return path


def assert_quiet(stdout: str, stderr: str) -> None:
    assert BANNER not in stdout and BANNER not in stderr


def assert_json_error(result, code: int, error_code: str) -> dict:
    assert result.code == code, result.stderr
    document = result.document()
    assert set(document) == {"error"}
    assert document["error"]["code"] == error_code and document["error"]["message"]
    assert isinstance(document["error"]["issues"], list)
    assert result.stderr.startswith("error: ")
    return document["error"]


# --- the sample city: exit 0 and one document -----------------------------------------------

def test_plan_json_on_the_sample_is_one_document_with_spend_within_every_cap() -> None:
    result = run_planner("plan", SAMPLE, "--format", "json")
    assert result.code == 0, result.stderr
    assert_quiet(result.stdout, result.stderr)
    plan = result.document()
    assert plan["status"] == "optimal" and plan["funded"]
    totals: dict[tuple[str, str], float] = {}
    for item in plan["funded"]:
        for year, by_fund in item["spend"].items():
            for fund, amount in by_fund.items():
                assert round(amount, 2) == amount
                totals[(year, fund)] = totals.get((year, fund), 0.0) + amount
    assert plan["baselines"]["rank_and_cut"]["objective"] <= plan["objective"]
    assert all(total > 0 for total in totals.values())


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_validate_on_the_sample(fmt: str) -> None:
    result = run_planner("validate", SAMPLE, "--format", fmt)
    assert result.code == 0, result.stderr
    assert_quiet(result.stdout, result.stderr)
    if fmt == "json":
        report = result.document()
        assert report["counts"]["Candidates"] == 77 and "error" not in report
    else:
        assert "Candidates: 77 rows read" in result.stdout.splitlines()


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_score_on_the_sample(fmt: str) -> None:
    result = run_planner("score", SAMPLE, "--format", fmt)
    assert result.code == 0, result.stderr
    assert_quiet(result.stdout, result.stderr)
    if fmt == "json":
        ranks = [c["rank"] for c in result.document()["candidates"]]
        assert len(ranks) == 77 and min(ranks) == 1
    elif fmt == "csv":
        rows = result.table()
        assert rows[0][:4] == ["candidate_id", "name", "rank", "score"] and len(rows) == 78
    else:
        assert result.stdout.startswith("Method: wsm")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_propose_on_the_sample_inventory(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / "proposals.xlsx"
    result = run_planner("propose", SAMPLE, "--format", fmt, "-o", out)
    assert result.code == 0, result.stderr
    assert_quiet(result.stdout, result.stderr)
    assert out.stat().st_size > 0
    if fmt == "json":
        assert all({"id", "targets", "approach", "reason"} <= set(c)
                   for c in result.document()["candidates"])
    else:
        assert "candidates proposed" in result.stdout.splitlines()[0]


def test_plan_text_on_the_sample_has_no_banner_or_floating_noise() -> None:
    result = run_planner("plan", SAMPLE, "--no-frontier", "--no-explain")
    assert result.code == 0, result.stderr
    assert_quiet(result.stdout, result.stderr)
    assert result.stdout.startswith("Plan for ")
    assert "e-1" not in result.stdout and "e+" not in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_export_and_template_write_their_files(fmt: str, tmp_path: Path) -> None:
    roadmap, blank = tmp_path / "roadmap.xlsx", tmp_path / "blank.xlsx"
    exported = run_planner("export", SAMPLE, "-o", roadmap, "--no-frontier", "--format", fmt)
    template = run_planner("template", blank, "--format", fmt)
    for result in (exported, template):
        assert result.code == 0, result.stderr
        assert_quiet(result.stdout, result.stderr)
    assert roadmap.read_bytes()[:2] == b"PK" and blank.read_bytes()[:2] == b"PK"
    if fmt == "json":
        assert exported.document()["output"] == str(roadmap)
        assert exported.document()["funded"] > 0
        assert template.document()["output"] == str(blank)
    else:
        assert exported.stdout.startswith(f"Wrote {roadmap}")
        assert template.stdout == f"Wrote {blank}\n"


# --- input errors: exit 1 ------------------------------------------------------------------

def test_validate_json_with_errors_keeps_the_report_and_adds_the_error(broken_inputs) -> None:
    result = run_planner("validate", broken_inputs, "--format", "json")
    assert result.code == 1
    report = result.document()
    assert {"counts", "mapping", "issues", "error"} <= set(report)
    assert report["error"]["code"] == "input-error"
    rows = {(i["sheet"], i["row"]) for i in report["error"]["issues"]}
    assert ("Candidates", 2) in rows and ("Candidates", 3) in rows


@pytest.mark.parametrize("command", ["score", "plan", "export"])
def test_a_step_the_input_blocks_is_one_json_error_with_the_rows(command: str, broken_inputs,
                                                                 tmp_path: Path) -> None:
    extra = ["-o", str(tmp_path / "r.xlsx")] if command == "export" else []
    result = run_planner(command, broken_inputs, "--format", "json", *extra)
    error = assert_json_error(result, 1, "input-error")
    assert {("Candidates", 2), ("Candidates", 3)} <= {(i["sheet"], i["row"])
                                                        for i in error["issues"]}
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize("command", ["validate", "score", "plan"])
def test_text_mode_errors_leave_stdout_for_output_only(command: str, broken_inputs) -> None:
    result = run_planner(command, broken_inputs)
    assert result.code == 1
    if command == "validate":
        assert "errors," in result.stdout
    else:
        assert result.stdout == ""
        assert "row 2" in result.stderr


def test_propose_without_an_inventory_is_a_json_error(tmp_path: Path) -> None:
    path = tmp_path / "budget_only.xlsx"
    path.write_bytes(workbook_bytes({"Budget": BUDGET}))
    assert_json_error(run_planner("propose", path, "--format", "json"), 1, "input-error")


def test_an_infeasible_plan_is_the_plan_with_its_error(tmp_path: Path) -> None:
    path = tmp_path / "mandatory.xlsx"
    path.write_bytes(workbook_bytes({
        "Candidates": [["candidate_id", "name", "one_time_cost", "mandatory",
                        "strategic_alignment", "annual_savings"],
                       ["C1", "ERP replacement", 9_000_000, "yes", 5, 40_000],
                       ["C2", "Permits portal", 200_000, "no", 2, 10_000]],
        "Budget": BUDGET,
    }))
    result = run_planner("plan", path, "--format", "json")
    assert result.code == 1
    plan = result.document()
    assert plan["status"] == "infeasible" and plan["error"]["code"] == "infeasible"
    assert plan["error"]["issues"] and all(i["message"] for i in plan["error"]["issues"])
    exported = run_planner("export", path, "-o", tmp_path / "r.xlsx", "--format", "json")
    assert assert_json_error(exported, 1, "infeasible")["issues"]


# --- unreadable files and bad calls: exit 2 --------------------------------------------------

@pytest.mark.parametrize("command", ["validate", "score", "propose", "plan", "export"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_file_that_is_not_a_workbook_exits_2(command: str, fmt: str, not_a_workbook,
                                                tmp_path: Path) -> None:
    extra = ["-o", str(tmp_path / "r.xlsx")] if command == "export" else []
    result = run_planner(command, not_a_workbook, "--format", fmt, *extra)
    if fmt == "json":
        assert "budget.xlsx" in assert_json_error(result, 2, "unreadable-file")["message"]
    else:
        assert result.code == 2 and result.stdout == ""
        assert result.stderr.startswith("error: budget.xlsx")


def test_an_output_that_cannot_be_written_exits_2(tmp_path: Path) -> None:
    result = run_planner("template", tmp_path / "missing" / "t.xlsx", "--format", "json")
    assert "cannot be written" in assert_json_error(result, 2, "unwritable-file")["message"]


def test_a_bad_argument_in_json_mode_is_a_json_error() -> None:
    result = run_planner("score", SAMPLE, "--method", "electre", "--format", "json")
    assert "wsm" in assert_json_error(result, 2, "usage")["message"]
    text = run_planner("score", SAMPLE, "--method", "electre")
    assert text.code == 2 and text.stdout == "" and "usage:" in text.stderr


def test_version_answers_without_loading_the_engine() -> None:
    result = run_planner("--version")
    assert result.code == 0 and result.stdout.startswith("planner ")


def test_plan_json_spend_adds_up_to_the_workbook_and_stays_within_caps(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from planner.validate.canonical import portfolio_frames
    from tests.factories import frames_to_xlsx, make_portfolio

    portfolio = make_portfolio(n=30, seed=2, funds=("General", "Grant"))  # thirds of costs
    source, roadmap = tmp_path / "generated.xlsx", tmp_path / "roadmap.xlsx"
    source.write_bytes(frames_to_xlsx(portfolio_frames(portfolio)))
    result = run_planner("plan", source, "--format", "json", "--no-explain", "--no-frontier",
                         "-o", roadmap)
    assert result.code == 0, result.stderr
    totals: dict[tuple[str, str], float] = {}
    for item in result.document()["funded"]:
        for year, by_fund in item["spend"].items():
            for fund, amount in by_fund.items():
                totals[(f"FY{year}", fund)] = totals.get((f"FY{year}", fund), 0.0) + amount
    sheet = load_workbook(roadmap)["By Fiscal Year"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows.index(next(r for r in rows if r[0] == "Fiscal year"))
    funds = rows[header][1:-1]
    end = next(i for i in range(header, len(rows)) if rows[i][0] == "Total")
    shown = {(r[0], fund): r[1 + k] for r in rows[header + 1:end] for k, fund in enumerate(funds)}
    for key, amount in totals.items():
        assert round(shown[key], 2) == round(amount, 2), key
        year, fund = int(key[0][2:]), key[1]
        assert round(amount, 2) <= portfolio.capital_cap(year, fund) + 1e-9


HEAVY = ("pandas", "numpy", "scipy", "skcriteria", "openpyxl", "highspy")
LOADED = """
import contextlib, io, sys
from planner.cli import build_parser, main
build_parser()
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:]) if len(sys.argv) > 1 else None
print(",".join(m for m in {heavy!r} if m in sys.modules))
"""


def heavy_modules_loaded(*args: str) -> list[str]:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", LOADED.format(heavy=HEAVY), *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [m for m in done.stdout.strip().split(",") if m]


def test_parsing_the_command_line_loads_no_library_of_the_engine() -> None:
    assert heavy_modules_loaded() == []


def test_validate_loads_neither_the_scorer_nor_the_solver() -> None:
    loaded = heavy_modules_loaded("validate", str(SAMPLE), "--format", "json")
    assert not {"scipy", "skcriteria", "highspy"} & set(loaded)
    assert {"pandas", "openpyxl"} <= set(loaded)
