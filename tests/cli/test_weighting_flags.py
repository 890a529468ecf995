"""--weighting, --weights and score --compare through the installed `planner` script.

Each call runs the console script in a child process and parses its whole stdout, so the
weights a flag gives are checked against the ones a workbook's Settings give.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.score.weights import rank_weights, swing_weights
from tests.cli.console import run_planner
from tests.weighting_books import NAMES, RANKS, SWINGS, weighted_book


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample city with ranks and swings: without a weighting, and with rank set."""
    folder = tmp_path_factory.mktemp("weighting")
    paths = {}
    for name, weighting in (("plain", None), ("rank", "rank")):
        paths[name] = folder / f"{name}.xlsx"
        paths[name].write_bytes(weighted_book(weighting))
    return paths


def _weights(result) -> dict[str, float]:
    assert result.code == 0, result.stderr
    return result.document()["weights"]


def test_weighting_flag_gives_the_weights_the_settings_key_gives(books) -> None:
    by_flag = _weights(run_planner("score", books["plain"], "--weighting", "rank",
                                   "--format", "json"))
    by_sheet = _weights(run_planner("score", books["rank"], "--format", "json"))
    expected = rank_weights(dict(zip(NAMES, RANKS, strict=True)))
    assert by_flag == pytest.approx(expected, abs=1e-6)
    assert by_sheet == pytest.approx(expected, abs=1e-6)


def test_score_json_records_the_mode_and_its_inputs(books) -> None:
    document = run_planner("score", books["plain"], "--weighting", "SMARTS", "--format",
                           "json").document()
    assert document["weighting"]["mode"] == "swing"
    assert document["weighting"]["swing"] == dict(zip(NAMES, map(float, SWINGS), strict=True))
    assert document["weights"] == pytest.approx(
        swing_weights(dict(zip(NAMES, SWINGS, strict=True))), abs=1e-6)


def test_an_unknown_weighting_is_a_json_usage_error(books) -> None:
    result = run_planner("score", books["plain"], "--weighting", "astrology", "--format", "json")
    assert result.code != 0
    error = result.document()["error"]
    assert "direct, ahp, rank, swing, entropy, critic" in error["message"]


def test_tied_ranks_exit_1_with_the_reason_in_one_json_document(tmp_path: Path) -> None:
    path = tmp_path / "tied.xlsx"
    path.write_bytes(weighted_book("rank", ranks=(1, 1, 2, 3, 4, 5)))
    result = run_planner("score", path, "--format", "json")
    assert result.code == 1
    assert "share rank 1" in result.document()["error"]["message"]


def test_compare_prints_every_methods_ranking_and_kendalls_tau(books) -> None:
    document = run_planner("score", books["plain"], "--compare", "--format", "json").document()
    comparison = document["comparison"]
    assert comparison["methods"] == ["wsm", "wpm", "topsis", "vikor"]
    ids = {c["id"] for c in document["candidates"]}
    for method in comparison["methods"]:
        assert set(comparison["ranks"][method]) == ids
        assert comparison["kendall_tau"][method][method] == 1.0
    assert comparison["ranks"]["wsm"] == {c["id"]: c["rank"] for c in document["candidates"]}
    tau = comparison["kendall_tau"]
    assert tau["wsm"]["topsis"] == tau["topsis"]["wsm"] and -1 <= tau["wsm"]["vikor"] <= 1


def test_compare_in_text_shows_the_ranks_and_the_agreement_table(books) -> None:
    result = run_planner("score", books["plain"], "--compare")
    assert result.code == 0, result.stderr
    assert "Rank under each method" in result.stdout
    assert "Kendall's tau" in result.stdout and "TOPSIS" in result.stdout


def test_plan_takes_weighting_and_weights_and_the_workbook_records_them(books,
                                                                        tmp_path: Path) -> None:
    out = tmp_path / "roadmap.xlsx"
    result = run_planner("plan", books["plain"], "--weighting", "critic", "--no-explain",
                         "--no-frontier", "-o", out, "--format", "json")
    assert result.code == 0, result.stderr
    assert result.document()["status"] in ("optimal", "feasible")
    settings = load_workbook(io.BytesIO(out.read_bytes()))["Settings"]
    assert ["weighting", "critic"] in [[c.value for c in row] for row in settings.iter_rows()]
    again = _weights(run_planner("score", out, "--format", "json"))
    first = _weights(run_planner("score", books["plain"], "--weighting", "critic",
                                 "--format", "json"))
    assert again == pytest.approx(first, abs=1e-6)


def test_hand_weights_on_export_round_trip_as_direct_weights(books, tmp_path: Path) -> None:
    out = tmp_path / "council.xlsx"
    result = run_planner("export", books["rank"], "--weights", "Legacy risk=0.5",
                         "--no-frontier", "-o", out, "--format", "json")
    assert result.code == 0, result.stderr
    exported = _weights(run_planner("score", books["rank"], "--weights", "Legacy risk=0.5",
                                    "--format", "json"))
    again = run_planner("score", out, "--format", "json").document()
    assert again["weighting"]["mode"] == "direct"
    assert again["weights"] == pytest.approx(exported, abs=1e-6)
