"""End to end on the sample city: export, re-import, score and plan again, same plan."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook

from planner.core.models import Pairwise, Severity
from planner.core.plans import Overrides
from planner.export.workbook import export_workbook
from planner.score.criteria import PRESETS
from planner.score.scoring import score_portfolio
from planner.service import load_files, load_paths, run_plan
from tests.export.support import TIMESTAMP
from tests.factories import make_portfolio

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"


def replan(data: bytes, **score_options: object):
    """Import an exported workbook, score and plan it as its settings say (overrides too)."""
    loaded = load_files([("roadmap.xlsx", data)])
    scores = score_portfolio(loaded.portfolio, **score_options)
    overrides = Overrides.from_settings(loaded.portfolio.settings)
    return loaded, scores, run_plan(loaded.portfolio, scores.value, overrides=overrides,
                                    explain=False, frontier=False)


@pytest.fixture(scope="module")
def sample() -> tuple:
    loaded = load_paths([SAMPLE])
    scores = score_portfolio(loaded.portfolio)
    result = run_plan(loaded.portfolio, scores.value, explain=False, frontier=False)
    data = export_workbook(loaded.portfolio, result, scores=scores, validated=loaded,
                           timestamp=TIMESTAMP)
    return loaded, scores, result, data


def test_the_sample_city_workbook_reimports_to_the_same_portfolio(sample) -> None:
    loaded, _, _, data = sample
    again = load_files([("roadmap.xlsx", data)])
    assert [i for i in again.log.items if i.severity is not Severity.INFO] == []
    for table in ("systems", "processes", "candidates", "budget", "pairwise"):
        assert getattr(again.portfolio, table) == getattr(loaded.portfolio, table), table
    assert again.portfolio.settings == loaded.portfolio.settings


def test_reimport_reproduces_the_weights_scores_and_plan(sample) -> None:
    _, scores, result, data = sample
    _, scores_again, result_again = replan(data)
    assert scores_again.method == scores.method
    assert scores_again.weights == pytest.approx(scores.weights)
    assert scores_again.scores.to_dict() == pytest.approx(scores.scores.to_dict())
    assert sorted(result_again.optimized.funded_ids) == sorted(result.optimized.funded_ids)
    assert result_again.optimized.objective == pytest.approx(result.optimized.objective)


def test_the_record_names_the_input_file_by_its_hash(sample) -> None:
    loaded, _, _, data = sample
    sheet = load_workbook(io.BytesIO(data))["Decision Record"]
    record = {r[0].value: r[1].value for r in sheet.iter_rows(min_row=5) if r[0].value}
    assert record["Input file SHA-256: sample_city.xlsx"] == loaded.files["sample_city.xlsx"]


def test_a_method_and_weights_chosen_at_export_time_are_what_reimport_uses() -> None:
    portfolio = make_portfolio(n=20, seed=11)
    chosen = score_portfolio(portfolio, method="topsis")
    weights = {name: (i + 1.0) for i, name in enumerate(chosen.weights)}
    scores = score_portfolio(portfolio, method="topsis", weights=weights)
    overrides = Overrides(force_out=frozenset({scores.order[0]}),
                          pin_start={scores.order[1]: 2029})
    result = run_plan(portfolio, scores.value, overrides=overrides, explain=False,
                      frontier=False)
    assert scores.order[0] not in result.optimized.funded_ids
    data = export_workbook(portfolio, result, scores=scores, timestamp=TIMESTAMP)
    loaded, scores_again, again = replan(data)
    assert loaded.portfolio.settings.method == "topsis"
    assert scores_again.weights == pytest.approx(scores.weights)
    assert Overrides.from_settings(loaded.portfolio.settings) == overrides  # recorded in Settings
    assert sorted(again.optimized.funded_ids) == sorted(result.optimized.funded_ids)
    assert again.optimized.objective == pytest.approx(result.optimized.objective)


def _ahp_portfolio():
    names = [c.criterion for c in PRESETS["balanced"].criteria]
    weights = np.linspace(len(names), 1, len(names))
    matrix = weights[:, None] / weights[None, :]
    pairwise = Pairwise(criteria=tuple(names), matrix=tuple(map(tuple, matrix)))
    return make_portfolio(n=20, seed=12).replace(pairwise=pairwise)


def test_ahp_weights_come_back_from_the_pairwise_sheet() -> None:
    portfolio = _ahp_portfolio()
    scores = score_portfolio(portfolio)
    assert scores.consistency_ratio is not None
    plan = run_plan(portfolio, scores.value, explain=False, frontier=False)
    data = export_workbook(portfolio, plan, scores=scores, timestamp=TIMESTAMP)
    loaded, scores_again, _ = replan(data)
    again = loaded.portfolio.pairwise
    assert again.criteria == portfolio.pairwise.criteria
    assert np.allclose(again.matrix, portfolio.pairwise.matrix, rtol=1e-14)
    assert scores_again.weights == pytest.approx(scores.weights)
    assert scores_again.consistency_ratio == pytest.approx(scores.consistency_ratio)


def test_hand_set_weights_over_ahp_are_what_reimport_uses() -> None:
    portfolio = _ahp_portfolio()
    first = next(iter(score_portfolio(portfolio).weights))
    scores = score_portfolio(portfolio, weights={first: 0.6})
    plan = run_plan(portfolio, scores.value, explain=False, frontier=False)
    data = export_workbook(portfolio, plan, scores=scores, timestamp=TIMESTAMP)
    loaded, scores_again, _ = replan(data)
    assert loaded.portfolio.pairwise is None
    assert scores_again.weights == pytest.approx(scores.weights)
