"""Scoring: results, degenerate inputs explained, ties, AHP, properties, and `planner score`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from planner.cli import main
from planner.core.models import Candidate, Criterion, Pairwise, Portfolio, Settings
from planner.errors import ScoringError
from planner.score.criteria import PRESETS
from planner.score.methods import METHOD_KEYS
from planner.score.scoring import rank_with_ties, score_matrix, score_portfolio
from tests.factories import make_portfolio, workbook_bytes

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"
ALL_METHODS = list(METHOD_KEYS)


def _criteria(m: int, minimize: tuple[int, ...] = ()) -> list[Criterion]:
    return [Criterion(criterion=f"c{j}", column=f"c{j}", weight=1.0 + j,
                      direction="min" if j in minimize else "max") for j in range(m)]


def _frame(rows: list[list[float]], ids: list[str] | None = None) -> pd.DataFrame:
    ids = ids or [f"A{i}" for i in range(len(rows))]
    return pd.DataFrame(rows, index=ids, columns=[f"c{j}" for j in range(len(rows[0]))])


# --- the result object -------------------------------------------------------------------

@pytest.mark.parametrize("method", ALL_METHODS)
def test_every_method_returns_a_complete_result(method: str) -> None:
    portfolio = make_portfolio(n=30, seed=1)
    result = score_portfolio(portfolio, method=method)
    ids = list(portfolio.candidates)
    assert result.method == method and result.normalization
    assert sum(result.weights.values()) == pytest.approx(1.0)
    assert sorted(result.ranks.tolist()) == list(range(1, len(ids) + 1))
    assert set(result.matrix.index) == set(ids) == set(result.contributions.index)
    assert list(result.matrix.columns) == [c.criterion for c in result.criteria]
    assert (result.value >= 0).all() and np.isfinite(result.value).all()
    best = result.order[0]
    assert result.value[best] == result.value.max()
    assert result.contributions.sum(axis=1).to_numpy() == pytest.approx(result.value.to_numpy())


def test_as_dict_has_the_command_line_shape() -> None:
    data = score_portfolio(make_portfolio(n=12, seed=4)).as_dict()
    assert {"method", "normalization", "weights", "higher_is_better", "candidates"} <= set(data)
    assert "consistency_ratio" not in data
    first = data["candidates"][0]
    assert first["rank"] == 1 and {"id", "score", "rank", "contributions"} <= set(first)
    assert set(first["contributions"]) == set(data["weights"])
    json.dumps(data)


def test_weights_override_by_criterion_name_or_column() -> None:
    portfolio = make_portfolio(n=20, seed=5)
    result = score_portfolio(portfolio, weights={"Legacy risk": 5, "delivery_risk": 0})
    assert result.weights["Legacy risk"] > 0.5
    assert result.weights["Delivery risk"] == 0.0
    assert any("Delivery risk has weight 0" in n for n in result.notes)
    with pytest.raises(ScoringError, match="no criterion called"):
        score_portfolio(portfolio, weights={"Colour": 1})


def test_no_candidates_is_explained() -> None:
    with pytest.raises(ScoringError, match="no candidates"):
        score_portfolio(Portfolio())


def test_unknown_method_is_explained() -> None:
    with pytest.raises(ScoringError, match="wsm"):
        score_portfolio(make_portfolio(n=5), method="electre")


# --- degenerate matrices, in plain words -------------------------------------------------

@pytest.mark.parametrize("rows, weights, message", [
    ([[1.0, np.nan], [2.0, 3.0]], None, "missing or not numbers: A0 / c1"),
    ([[1.0, 2.0], [2.0, 1.0]], {"c0": 0, "c1": 0}, "Every weight is zero"),
    ([[1.0, 2.0], [2.0, 1.0]], {"c0": -1, "c1": 1}, "negative"),
])
@pytest.mark.parametrize("method", ALL_METHODS)
def test_degenerate_matrices_raise_a_plain_scoring_error(rows, weights, message,
                                                         method: str) -> None:
    frame = _frame(rows)
    criteria = _criteria(frame.shape[1])
    with pytest.raises(ScoringError, match=message):
        score_matrix(frame, criteria, method=method, weights=weights)


@pytest.mark.parametrize("rows", [[[1.0, 2.0]], [[1.0, 2.0], [1.0, 2.0], [1.0, 2.0]]])
@pytest.mark.parametrize("method", ALL_METHODS)
def test_candidates_nothing_separates_each_get_the_best_value_with_a_warning(
        rows, method: str) -> None:
    frame = _frame(rows)
    result = score_matrix(frame, _criteria(frame.shape[1]), method=method)
    assert result.values.tolist() == [1.0] * len(rows)
    assert result.ranks.tolist() == list(range(1, len(rows) + 1))  # by candidate id
    assert any(note.startswith("Nothing separates the candidates") for note in result.notes)
    contributions = result.contributions.sum(axis=1)
    assert np.allclose(contributions, 1.0)


def test_a_preset_criterion_that_cannot_separate_candidates_is_set_aside_with_a_note() -> None:
    cands = [Candidate(candidate_id=f"C{i}", name=f"C{i}", one_time_cost=1000.0 * (i + 1),
                       annual_savings=100.0 * i, delivery_risk=1 + i % 5,
                       strategic_alignment=1 + (i * 2) % 5) for i in range(6)]
    portfolio = Portfolio.build(candidates=cands, settings=Settings(first_fiscal_year=2027))
    for method in ALL_METHODS:
        result = score_portfolio(portfolio, method=method)
        assert result.weights["Staff hours freed"] == 0.0
        assert any("Staff hours freed is the same" in note for note in result.notes)


def test_a_criteria_sheet_criterion_that_cannot_separate_candidates_is_an_error() -> None:
    portfolio = make_portfolio(n=8, seed=1).replace(criteria=(
        Criterion(criterion="Risk", column="legacy_risk"),
        Criterion(criterion="Hours", column="payback_years"),
        Criterion(criterion="Same", column="staff_fte")))
    with pytest.raises(ScoringError, match="'Same' is 0 for every candidate"):
        score_portfolio(portfolio)


# --- ties ---------------------------------------------------------------------------------

def test_ties_are_broken_by_candidate_id_and_flagged() -> None:
    ranks, tied = rank_with_ties([0.5, 0.9, 0.5, 0.1], ["B", "A", "A2", "C"])
    assert ranks.tolist() == [3, 1, 2, 4]
    assert tied.tolist() == [True, False, True, False]


def test_identical_candidates_tie_visibly_in_a_score() -> None:
    frame = _frame([[1.0, 2.0], [3.0, 1.0], [3.0, 1.0]], ids=["Z", "Y", "X"])
    result = score_matrix(frame, _criteria(2))
    assert result.ranks["X"] < result.ranks["Y"]
    assert result.tied["X"] and result.tied["Y"] and not result.tied["Z"]
    assert any("X, Y tie" in note for note in result.notes)


# --- AHP from the Pairwise sheet -----------------------------------------------------------

def _pairwise_for(names: list[str], consistent: bool = True) -> Pairwise:
    w = np.linspace(len(names), 1, len(names))
    matrix = w[:, None] / w[None, :]
    if not consistent:
        matrix[0, -1], matrix[-1, 0] = 1 / 7, 7
    return Pairwise(criteria=tuple(names), matrix=tuple(map(tuple, matrix)))


def test_pairwise_sheet_sets_weights_and_reports_consistency() -> None:
    names = [c.criterion for c in PRESETS["balanced"].criteria]
    portfolio = make_portfolio(n=15).replace(pairwise=_pairwise_for(names))
    result = score_portfolio(portfolio)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-9)
    assert result.weights[names[0]] > result.weights[names[-1]]
    assert "consistency_ratio" in result.as_dict()


def test_inconsistent_pairwise_judgments_name_the_one_to_revisit() -> None:
    names = [c.criterion for c in PRESETS["balanced"].criteria]
    portfolio = make_portfolio(n=15).replace(pairwise=_pairwise_for(names, consistent=False))
    result = score_portfolio(portfolio)
    assert result.consistency_ratio > 0.1
    assert result.as_dict()["revisit_judgments"]
    assert any("Above 0.1" in note for note in result.notes)


def test_pairwise_sheet_that_half_matches_the_criteria_is_refused() -> None:
    portfolio = make_portfolio(n=10).replace(
        pairwise=_pairwise_for(["Legacy risk", "Colour"]))
    with pytest.raises(ScoringError, match="Not criteria: Colour"):
        score_portfolio(portfolio)


def test_pairwise_sheet_about_other_criteria_is_left_out_with_a_note() -> None:
    portfolio = make_portfolio(n=10).replace(pairwise=_pairwise_for(["Taste", "Colour"]))
    result = score_portfolio(portfolio)
    assert result.consistency_ratio is None
    assert any("not used" in note for note in result.notes)


# --- properties ---------------------------------------------------------------------------

def matrices(min_rows: int = 2) -> st.SearchStrategy[np.ndarray]:
    shape = st.tuples(st.integers(min_rows, 9), st.integers(1, 4))
    return shape.flatmap(lambda s: arrays(np.float64, s, elements=st.integers(-50, 200).map(
        float)))


def _usable(matrix: np.ndarray) -> bool:
    return bool(np.all(matrix.max(axis=0) > matrix.min(axis=0)))


@settings(max_examples=40, deadline=None)
@given(matrix=matrices(), method=st.sampled_from(ALL_METHODS), seed=st.integers(0, 10**6))
def test_shuffling_candidates_changes_no_score(matrix: np.ndarray, method: str,
                                               seed: int) -> None:
    assume(_usable(matrix))
    frame = _frame(matrix.tolist())
    criteria = _criteria(matrix.shape[1], minimize=(0,))
    shuffled = frame.sample(frac=1.0, random_state=seed % 2**32)
    a = score_matrix(frame, criteria, method=method)
    b = score_matrix(shuffled, criteria, method=method)
    assert b.scores.reindex(a.scores.index).to_numpy() == pytest.approx(a.scores.to_numpy())
    assert b.ranks.reindex(a.ranks.index).tolist() == a.ranks.tolist()


@settings(max_examples=40, deadline=None)
@given(matrix=matrices(min_rows=1), method=st.sampled_from(ALL_METHODS))
def test_a_dominating_candidate_ranks_first(matrix: np.ndarray, method: str) -> None:
    minimize = (0,)
    best = np.where(np.arange(matrix.shape[1]) == 0, matrix.min(axis=0) - 1,
                    matrix.max(axis=0) + 1)
    frame = _frame([*matrix.tolist(), best.tolist()])
    result = score_matrix(frame, _criteria(matrix.shape[1], minimize), method=method)
    assert result.order[0] == frame.index[-1]


@settings(max_examples=40, deadline=None)
@given(matrix=matrices(), method=st.sampled_from(ALL_METHODS),
       factor=st.floats(0.01, 1000), column=st.integers(0, 3))
def test_scaling_a_criterion_changes_no_rank(matrix: np.ndarray, method: str, factor: float,
                                             column: int) -> None:
    assume(_usable(matrix))
    frame = _frame(matrix.tolist())
    criteria = _criteria(matrix.shape[1], minimize=(0,))
    scaled = frame.copy()
    scaled.iloc[:, column % frame.shape[1]] *= factor
    a = score_matrix(frame, criteria, method=method)
    b = score_matrix(scaled, criteria, method=method)
    assert b.scores.to_numpy() == pytest.approx(a.scores.to_numpy(), abs=1e-9)
    gaps = np.diff(np.sort(a.value.to_numpy()))
    if np.all((gaps == 0) | (gaps > 1e-9)):
        assert b.ranks.tolist() == a.ranks.tolist()


# --- the sample city ------------------------------------------------------------------------

@pytest.mark.skipif(not SAMPLE.exists(), reason="sample city not generated")
def test_sample_city_scores_under_every_method_and_preset() -> None:
    from planner.service import load_paths

    portfolio = load_paths([SAMPLE]).portfolio
    for method in ALL_METHODS:
        for preset in PRESETS:
            result = score_portfolio(portfolio, method=method, preset=preset)
            assert len(result.ranks) == len(portfolio.candidates)
            assert np.isfinite(result.value).all() and (result.value >= 0).all()


# --- the command line ---------------------------------------------------------------------

CANDIDATE_ROWS = [
    ["candidate_id", "name", "one_time_cost", "annual_savings", "delivery_risk",
     "strategic_alignment", "Equity score"],
    ["C-1", "-1 Payroll", 100000, 20000, 2, 5, 3],
    ["C-2", "Permit portal", 250000, 50000, 3, 4, 5],
    ["C-3", "Payroll", 400000, 90000, 4, 3, 1],
]


def _write(tmp_path: Path, sheets: dict[str, list[list[object]]]) -> str:
    path = tmp_path / "city.xlsx"
    path.write_bytes(workbook_bytes(sheets))
    return str(path)


def test_score_command_prints_json_with_ranks_and_contributions(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path, {"Candidates": CANDIDATE_ROWS, "Criteria": [
        ["criterion", "column", "direction", "weight"],
        ["Savings", "annual_savings", "max", 2], ["Risk", "delivery_risk", "min", 1],
        ["Equity", "Equity score", "max", 1]]})
    assert main(["score", path, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["method"] == "wsm" and data["weights"]["Savings"] == pytest.approx(0.5)
    assert [c["rank"] for c in data["candidates"]] == [1, 2, 3]
    assert set(data["candidates"][0]["contributions"]) == {"Savings", "Risk", "Equity"}


def test_score_command_accepts_method_preset_and_weights(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path, {"Candidates": CANDIDATE_ROWS})
    code = main(["score", path, "--method", "topsis", "--preset", "fiscal_stewardship",
                 "--weights", "Payback=0.5; Delivery risk=0.1", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["method"] == "topsis"
    assert "vector normalization" in data["normalization"]


def test_score_command_csv_neutralizes_formula_like_names(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path, {"Candidates": CANDIDATE_ROWS})
    assert main(["score", path, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 3 and rows[0]["rank"] == "1"
    names = {r["candidate_id"]: r["name"] for r in rows}
    assert names["C-1"] == "'-1 Payroll"


def test_score_command_text_lists_every_candidate(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path, {"Candidates": CANDIDATE_ROWS})
    assert main(["score", path]) == 0
    out = capsys.readouterr().out
    assert "Method: wsm" in out and all(c in out for c in ("C-1", "C-2", "C-3"))


def test_score_command_exits_1_without_candidates(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path, {"Systems": [["system_id", "name"], ["S-1", "ERP"]]})
    assert main(["score", path]) == 1
    assert "no valid candidates" in capsys.readouterr().err


def test_score_command_exits_1_on_malformed_weights(tmp_path: Path, capsys) -> None:
    path = _write(tmp_path, {"Candidates": CANDIDATE_ROWS})
    assert main(["score", path, "--weights", "Legacy risk=lots"]) == 1
    assert "not a number" in capsys.readouterr().err


def test_score_command_exits_2_on_an_unreadable_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip")
    assert main(["score", str(path)]) == 2


SCORE_EVERY_WAY = """
import sys
from planner.score.methods import METHOD_KEYS, method
from planner.score.rank_robustness import smaa
from planner.score.scoring import score_matrix, score_portfolio
from tests.factories import make_portfolio
from tests.score.methods.problems import criteria, frame

portfolio = make_portfolio(n=30, seed=3)
used = []
for key in METHOD_KEYS:
    smaa(score_portfolio(portfolio, method=key), samples=50)
    for norm in method(key).normalizations:
        result = score_matrix(frame([[1, 4], [2, 3], [5, 1]]), criteria(2, minimize=(1,)),
                              method=key, normalization=norm)
        used.append(result.extra["normalization_key"])
print(used, sorted({"skcriteria", "scipy.stats"} & set(sys.modules)))
"""


def test_scoring_every_way_loads_neither_scikit_criteria_nor_scipy_statistics() -> None:
    # Each method is its own numpy code: scoring pays for no library import (about 2.3 s).
    done = subprocess.run([sys.executable, "-c", SCORE_EVERY_WAY], capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parents[2], check=True)
    assert done.stdout.split("] ")[1].strip() == "[]"
    assert done.stdout.startswith("['scale', 'lifted', 'ratio', 'vector', 'vikor']")
