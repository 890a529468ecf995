"""The Scores sheet (values, weights, contributions) and the Robustness sheet."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from planner.export import styles as xs
from planner.export.scores import NOT_COMPUTED, write_robustness, write_scores
from tests.export.exported import (
    blank_sheet,
    build,
    exported_workbook,
    sheet_rows,
    small_context,
    texts,
)


@pytest.fixture(scope="module")
def exported() -> tuple:
    return exported_workbook()


def test_scores_show_values_weights_contributions_and_highlights(exported) -> None:
    workbook, _, _, _, scores = exported
    sheet = workbook["Scores"]
    rows = list(sheet[sheet.tables["Scores"].ref])
    header = [c.value for c in rows[0]]
    for name in scores.weights:
        assert name in header and f"Part: {name}" in header
    top = rows[1]
    assert top[header.index("Rank")].value == 1
    assert top[header.index("Score")].value == pytest.approx(float(scores.scores.max()))
    weight_row = rows[0][0].row - 2
    weights = [sheet.cell(row=weight_row, column=header.index(n) + 1).value
               for n in scores.weights]
    assert weights == pytest.approx(list(scores.weights.values()))
    assert len(sheet.conditional_formatting) >= 2


def test_robustness_says_plainly_when_it_was_not_computed(exported) -> None:
    assert NOT_COMPUTED in texts(exported[0]["Robustness"])


def test_robustness_and_frontier_tables_when_given() -> None:
    frontier = pd.DataFrame({"scale": [0.5, 1.0, 1.5], "capital_budget": [1e6, 2e6, 3e6],
                             "optimized": [3.0, 5.0, 6.0], "status": ["optimal"] * 3,
                             "gap": [0.0, 0.0, 0.001], "rank_and_cut": [2.0, 4.0, 5.0],
                             "greedy": [2.5, 4.5, 5.5]})
    smaa = pd.DataFrame({"rank": [1, 2], "p_top_10": [0.9, 0.4], "p_first": [0.7, 0.1],
                         "expected_rank": [1.4, 2.6]},
                        index=pd.Index(["C0001", "C0002"], name="candidate_id"))
    data, *_ = build(frontier=frontier, robustness=smaa)
    sheet = load_workbook(io.BytesIO(data))["Robustness"]
    assert NOT_COMPUTED not in texts(sheet)
    header = [c.value for c in sheet[sheet.tables["Robustness"].ref][0]]
    assert header == ["Candidate", "Project", "Rank", "Chance in top 10", "Chance ranked first",
                      "Expected rank"]
    frontier_rows = list(sheet[sheet.tables["Frontier"].ref])
    assert frontier_rows[1][0].number_format == xs.PERCENT
    frontier_header = [c.value for c in frontier_rows[0]]
    status = frontier_header.index("Status")
    assert {r[status].value for r in frontier_rows[1:]} == {"proven optimal"}
    value = frontier_header.index("Optimized")
    assert frontier_rows[1][value].number_format == xs.POINTS  # value in points
    # the frontier and its chart come first; the SMAA table's header repeats on each page
    frontier_at = int(sheet.tables["Frontier"].ref.split(":")[0][1:])
    smaa_header_row = sheet.tables["Robustness"].ref.split(":")[0][1:]
    assert frontier_at < int(smaa_header_row)
    assert sheet.print_title_rows == f"${smaa_header_row}:${smaa_header_row}"
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert any("Value captured as the capital budget changes" in archive.read(n).decode()
               for n in archive.namelist() if n.startswith("xl/charts/"))


def test_scores_without_a_scoring_result_say_so() -> None:
    ws = blank_sheet("Scores")
    write_scores(ws, small_context(with_scores=False), set())
    assert ("Scores were not given to this export.",) in [row[:1] for row in sheet_rows(ws)]


def test_the_scores_table_ranks_every_candidate_once() -> None:
    ctx = small_context()
    ws = blank_sheet("Scores")
    write_scores(ws, ctx, set())
    rows = list(ws[ws.tables["Scores"].ref])
    header = [c.value for c in rows[0]]
    ranks = sorted(r[header.index("Rank")].value for r in rows[1:])
    assert ranks == sorted(int(r) for r in ctx.scores.ranks)
    assert len(rows) - 1 == len(ctx.portfolio.candidates)


def test_robustness_without_results_is_marked_not_computed() -> None:
    ws = blank_sheet("Robustness")
    write_robustness(ws, small_context(), set())
    assert NOT_COMPUTED in [v for row in sheet_rows(ws) for v in row]


@pytest.fixture(scope="module")
def swing_council() -> tuple[bytes, object]:
    """The council workbook of the sample city weighed by swing, and its scores."""
    from planner import council_workbook, load_files, plan_portfolio
    from tests.weighting_books import weighted_book

    loaded = load_files([("city.xlsx", weighted_book("swing"))])
    roadmap = plan_portfolio(loaded.portfolio, explain=False, frontier=False)
    return council_workbook(roadmap, loaded), roadmap.scores


def test_the_scores_sheet_records_the_weighting_its_inputs_and_the_method_agreement(
        swing_council) -> None:
    data, scores = swing_council
    book = load_workbook(io.BytesIO(data))
    sheet = book["Weighing"]  # a page of its own, not under the Scores table's header
    words = texts(sheet)
    assert "How the weights were set" in words and "Swing weights (swing)" in words
    inputs = [[c.value for c in row] for row in sheet[sheet.tables["WeightingInputs"].ref]]
    assert inputs[0] == ["Criterion", "Swing", "Weight"]
    assert {r[0]: r[2] for r in inputs[1:]} == pytest.approx(scores.weights)
    agreement = [[c.value for c in row] for row in sheet[sheet.tables["MethodAgreement"].ref]]
    assert agreement[0] == ["Method", "WSM", "WPM", "TOPSIS", "VIKOR"]
    assert [agreement[i][i] for i in range(1, 5)] == [1.0] * 4
    scores_sheet = book["Scores"]
    header = [c.value for c in next(iter(scores_sheet[scores_sheet.tables["Scores"].ref]))]
    assert {"Rank (WSM)", "Rank (TOPSIS)", "Rank (VIKOR)"} <= set(header)


def test_reimporting_the_council_workbook_weighs_the_same_way(swing_council) -> None:
    from planner import load_files, score_portfolio

    data, scores = swing_council
    again = load_files([("council.xlsx", data)]).portfolio
    assert again.settings.weighting == "swing"
    rescored = score_portfolio(again)
    assert rescored.extra["weighting"].mode == "swing"
    assert rescored.weights == pytest.approx(scores.weights)
