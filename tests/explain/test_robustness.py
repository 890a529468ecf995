"""Funding acceptability: SMAA over plans, its classes, determinism and progress."""

from __future__ import annotations

import io
import json
import sys
import types
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planner.core.models import Candidate, Criterion, Portfolio
from planner.core.plans import Overrides
from planner.errors import InfeasiblePlanError, ScoringError
from planner.explain.robustness import (
    CONTESTED,
    CORE,
    FIXED,
    OUT,
    classify,
    concentration_for,
    fixed_by_decision,
    funding_robustness,
    sample_gap,
    weight_samples,
)
from planner.plan.optimize import optimize
from planner.score.scoring import score_portfolio
from tests.factories import make_portfolio

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"
CRITERIA = (
    Criterion(criterion="Alignment", column="strategic_alignment", direction="max", weight=0.4,
              scale_min=1, scale_max=5),
    Criterion(criterion="Delivery", column="delivery_risk", direction="min", weight=0.3,
              scale_min=1, scale_max=5),
    Criterion(criterion="Savings", column="net_annual_savings", direction="max", weight=0.3),
)


def _with_extremes() -> Portfolio:
    """A small portfolio plus a dominant, cheap candidate and one no budget can ever pay for."""
    base = make_portfolio(n=20, seed=3, with_alternatives=False)
    yearly = sum(line.capital_budget for line in base.budget) / len(base.fiscal_years)
    dominant = Candidate(candidate_id="DOM", name="Best at everything", approach="digitize",
                         one_time_cost=1_000.0, duration_months=6, annual_operating_cost=0.0,
                         annual_savings=10_000_000.0, delivery_risk=1, strategic_alignment=5)
    too_big = Candidate(candidate_id="BIG", name="Never affordable", approach="replace",
                        one_time_cost=10 * yearly, duration_months=12, annual_savings=0.0,
                        delivery_risk=3, strategic_alignment=3)
    return base.replace(candidates={**base.candidates, "DOM": dominant, "BIG": too_big},
                        criteria=CRITERIA)


@pytest.fixture(scope="module")
def extremes() -> Portfolio:
    return _with_extremes()


@pytest.fixture(scope="module")
def run(extremes):
    scores = score_portfolio(extremes)
    calls: list[tuple[int, int, float | None]] = []
    result = funding_robustness(extremes, scores, samples=16, seed=4, spread=0.5, workers=1,
                                progress=lambda *args: calls.append(args))
    return result, calls


def test_a_dominant_cheap_candidate_is_funded_under_every_weighting(run) -> None:
    result, _ = run
    assert result.table.loc["DOM", "p_funded"] == 1.0
    assert "DOM" in result.core


def test_a_candidate_no_budget_can_pay_for_is_never_funded(run) -> None:
    result, _ = run
    assert result.table.loc["BIG", "p_funded"] == 0.0
    assert pd.isna(result.table.loc["BIG", "typical_start"])
    assert "BIG" in result.out


def test_classes_follow_the_funding_probability(run) -> None:
    result, _ = run
    table = result.table
    assert set(table.index) == set(_with_extremes().candidates)
    for cid, row in table.iterrows():
        assert row["class"] == classify(row["p_funded"]), cid
    assert sorted(result.core + result.contested + result.out) == sorted(table.index)
    assert (table.loc[result.core, "p_funded"] >= 0.9).all()
    assert (table.loc[result.out, "p_funded"] <= 0.1).all()
    assert list(table["p_funded"]) == sorted(table["p_funded"], reverse=True)


def test_classify_uses_the_thresholds_inclusively() -> None:
    assert classify(0.9) == CORE and classify(0.1) == OUT and classify(0.5) == CONTESTED
    assert classify(0.8, core_at=0.8) == CORE and classify(0.25, out_at=0.25) == OUT


def test_the_progress_callback_ends_with_done_equal_to_total(run) -> None:
    _, calls = run
    assert calls[-1][0] == calls[-1][1] == 16
    assert calls[-1][2] == 0.0
    dones = [done for done, _, _ in calls]
    assert dones == sorted(dones) and all(total == 16 for _, total, _ in calls)


def test_the_same_seed_gives_the_same_result(extremes, run) -> None:
    scores = score_portfolio(extremes)
    again = funding_robustness(extremes, scores, samples=16, seed=4, spread=0.5, workers=1)
    assert again.table.equals(run[0].table)


def test_different_seeds_draw_different_weights(extremes) -> None:
    scores = score_portfolio(extremes)
    a = weight_samples(scores, 10, seed=1)
    b = weight_samples(scores, 10, seed=2)
    assert not np.allclose(a, b)
    assert np.allclose(weight_samples(scores, 10, seed=1), a)


def test_worker_processes_give_the_same_result_and_never_rerun_the_main_script(
        extremes, run, tmp_path, monkeypatch) -> None:
    # Streamlit runs the app as __main__ from a file: a spawned worker must not run it again.
    marker = tmp_path / "ran"
    script = tmp_path / "app_script.py"
    script.write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    fake = types.ModuleType("__main__")
    fake.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake)
    scores = score_portfolio(extremes)
    parallel = funding_robustness(extremes, scores, samples=16, seed=4, spread=0.5, workers=2)
    assert parallel.workers == 2
    assert parallel.table.equals(run[0].table)
    assert not marker.exists()
    assert sys.modules["__main__"] is fake


def test_weight_samples_sum_to_one_and_keep_zero_weights_at_zero(extremes) -> None:
    scores = score_portfolio(extremes, weights={"Alignment": 0.5, "Delivery": 0.5,
                                                "Savings": 0.0})
    for around in ("chosen", "uniform"):
        w = weight_samples(scores, 50, seed=0, around=around)
        assert w.shape == (3, 50)
        assert np.allclose(w.sum(axis=0), 1.0)
        assert np.all(w[2] == 0.0)


def test_the_spread_is_the_variation_of_a_weight_of_average_size() -> None:
    rng = np.random.default_rng(0)
    center = np.full(4, 0.25)
    c = concentration_for(0.2, 4)
    draws = rng.dirichlet(c * center, size=20_000)
    assert draws[:, 0].std() / 0.25 == pytest.approx(0.2, rel=0.05)
    with pytest.raises(ScoringError):
        concentration_for(0.0, 4)


def test_stakeholder_samples_take_turns_around_each_stakeholders_weights(extremes) -> None:
    scores = score_portfolio(extremes)
    sets = {"Finance": {"Savings": 1.0}, "Operations": {"Alignment": 1.0, "Delivery": 1.0}}
    w = weight_samples(scores, 10, seed=0, around="stakeholders", stakeholders=sets,
                       spread=0.1)
    assert np.allclose(w[:, 0::2], [[0], [0], [1]])  # Finance weighs only savings
    assert np.all(w[2, 1::2] == 0) and np.allclose(w[:2, 1::2].mean(axis=1), 0.5, atol=0.1)
    with pytest.raises(ScoringError, match="not scored"):
        weight_samples(scores, 4, around="stakeholders", stakeholders={"X": {"Colour": 1}})
    with pytest.raises(ScoringError):
        weight_samples(scores, 4, around="stakeholders")


def test_with_time_weighting_a_tiny_spread_keeps_the_plan_and_its_start_years() -> None:
    base = make_portfolio(n=20, seed=11)
    portfolio = base.replace(settings=base.settings.model_copy(update={
        "time_weighting": True, "mip_gap": 0.0}))
    scores = score_portfolio(portfolio)
    plan = optimize(portfolio, scores.value)
    result = funding_robustness(portfolio, scores, samples=6, seed=0, spread=0.005, gap=0.0,
                                workers=1)
    funded = {item.candidate_id: item.start_year for item in plan.funded}
    table = result.table
    assert set(table.index[table["p_funded"] == 1.0]) == set(funded)
    assert (table.loc[list(funded), "typical_start"] == list(funded.values())).all()


def test_an_infeasible_portfolio_raises_with_reasons() -> None:
    base = make_portfolio(n=10, seed=0, with_mandatory=True)
    broke = base.replace(budget=tuple(line.model_copy(update={"capital_budget": 0.0})
                                      for line in base.budget))
    with pytest.raises(InfeasiblePlanError):
        funding_robustness(broke, score_portfolio(broke), samples=2)


def test_the_gap_per_sample_is_half_an_average_funded_project() -> None:
    assert sample_gap(50) == pytest.approx(0.01)
    assert sample_gap(500) == pytest.approx(0.001)
    assert sample_gap(1) == 0.01 and sample_gap(100_000) == 1e-4


def test_the_json_document_carries_what_the_command_line_promises(run) -> None:
    data = run[0].as_dict()
    assert {"samples", "seed", "candidates"} <= set(data)
    first = data["candidates"][0]
    assert {"id", "p_funded", "class", "typical_start"} <= set(first)
    dom = next(c for c in data["candidates"] if c["id"] == "DOM")
    assert dom["p_funded"] == 1.0 and dom["class"] == "core" and dom["typical_start"] >= 2027


def test_the_workbook_summary_labels_years_and_the_plan(run) -> None:
    summary = run[0].summary()
    assert list(summary.columns) == ["p_funded", "standing", "typical_start", "in_the_plan"]
    assert summary.loc["DOM", "standing"] == "stable core"
    assert summary.loc["BIG", "standing"] == "stable out"
    assert summary.loc["DOM", "typical_start"].startswith("FY")
    assert summary.loc["BIG", "typical_start"] == ""
    notes = run[0].export_notes()
    assert any("stable core" in n for n in notes)


class _Sensitivity:
    """Stands in for a one-way or budget sensitivity result: anything with sentences()."""

    def sentences(self) -> list[str]:
        return ["Delivery: the funded projects stay the same for weights from 10% to 40%."]


def test_the_workbook_robustness_sheet_shows_each_candidates_chance(run, extremes) -> None:
    from openpyxl import load_workbook

    from planner.export.workbook import export_workbook

    result = run[0].with_sensitivity(_Sensitivity(), None)
    scores = score_portfolio(extremes)
    content = export_workbook(extremes, optimize(extremes, scores.value), scores=scores,
                              robustness=result)
    sheet = load_workbook(io.BytesIO(content))["Robustness"]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Chance funded" in cells and "Standing" in cells
    assert "DOM" in cells and "BIG" in cells
    assert any("stable core" in c for c in cells)
    assert any(c.startswith("Delivery: the funded projects stay the same") for c in cells)
    assert not any("reaches that rank" in c for c in cells)


def test_plan_command_json_carries_the_robustness_of_each_candidate(capsys) -> None:
    from planner.cli import main

    code = main(["plan", str(SAMPLE), "--robustness", "6", "--seed", "3", "--spread", "0.4",
                 "--no-explain", "--no-frontier", "--format", "json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    robustness = data["robustness"]
    assert robustness["samples"] == 6 and robustness["seed"] == 3
    ids = {c["id"] for c in robustness["candidates"]}
    assert ids == {c["id"] for c in data["funded"]} | {c["id"] for c in data["unfunded"]}
    mandatory = {"C-011", "C-015", "C-016", "C-017", "C-018"}
    for item in robustness["candidates"]:
        if item["id"] in mandatory:
            assert item["class"] == FIXED and item["fixed_by"] == "fixed: mandatory"
        elif item["class"] == FIXED:  # what a mandatory project implies
            assert item["fixed_by"].startswith("fixed: "), item
        else:
            assert item["class"] == classify(item["p_funded"]) and item["fixed_by"] is None
        assert item["typical_start"] is None or 2027 <= item["typical_start"] <= 2031


def test_methods_not_linear_in_the_weights_solve_every_sample(extremes) -> None:
    scores = score_portfolio(extremes, method="topsis")
    result = funding_robustness(extremes, scores, samples=8, seed=1, workers=1)
    assert result.certified == 0 and result.solves == 8 and result.method == "topsis"
    assert result.table.loc["DOM", "p_funded"] == 1.0


def test_forced_out_candidates_stay_out_under_every_weighting(extremes) -> None:
    scores = score_portfolio(extremes)
    result = funding_robustness(extremes, scores, samples=8, seed=2, workers=1,
                                around="stakeholders", overrides=Overrides(
                                    force_out=frozenset({"DOM"})),
                                stakeholders={"A": {"Savings": 1.0}, "B": {"Alignment": 1.0}})
    assert result.table.loc["DOM", "p_funded"] == 0.0
    assert result.around == "stakeholders"
    assert result.table.loc["DOM", "class"] == FIXED and "DOM" not in result.out


def _decided() -> Portfolio:
    """The extremes with a chain (LATE needs MID needs BASE), an either/or pair and a
    mandatory project."""
    base = _with_extremes()
    some = next(iter(base.candidates.values())).model_copy(
        update={"one_time_cost": 20_000.0, "duration_months": 6, "spend_profile": {}})
    extra = {
        "BASE": some.model_copy(update={"candidate_id": "BASE", "name": "Base"}),
        "MID": some.model_copy(update={"candidate_id": "MID", "name": "Mid",
                                       "requires": ("BASE",)}),
        "LATE": some.model_copy(update={"candidate_id": "LATE", "name": "Late",
                                        "requires": ("MID",)}),
        "ALT1": some.model_copy(update={"candidate_id": "ALT1", "name": "Option 1",
                                        "alternative_group": "pick"}),
        "ALT2": some.model_copy(update={"candidate_id": "ALT2", "name": "Option 2",
                                        "alternative_group": "pick"}),
        "LAW": some.model_copy(update={"candidate_id": "LAW", "name": "By law",
                                       "mandatory": True}),
    }
    return base.replace(candidates={**base.candidates, **extra})


def test_each_decision_and_what_it_implies_is_said_in_words() -> None:
    portfolio = _decided()
    assert fixed_by_decision(portfolio) == {"LAW": "fixed: mandatory"}
    fixed = fixed_by_decision(portfolio, Overrides(
        force_in=frozenset({"MID"}), force_out=frozenset({"DOM"}), pin_start={"ALT1": 2029}))
    assert fixed["MID"] == "fixed: forced in by the council"
    assert fixed["BASE"] == "fixed: needed first by MID, which is forced in by the council"
    assert fixed["DOM"] == "fixed: forced out by the council"
    assert fixed["ALT1"] == "fixed: pinned to start in FY2029"
    assert fixed["ALT2"] == "fixed: either/or with ALT1, which is pinned to start in FY2029"
    assert fixed["LAW"] == "fixed: mandatory"
    assert "LATE" not in fixed and "BIG" not in fixed
    out = fixed_by_decision(portfolio, Overrides(force_out=frozenset({"BASE"})))
    assert out["MID"] == "fixed: needs BASE, which is out by a decision"
    assert out["LATE"] == "fixed: needs MID, which is out by a decision"
    both = fixed_by_decision(portfolio, Overrides(force_in=frozenset({"LAW"})))
    assert both["LAW"] == "fixed: forced in by the council, mandatory"


@pytest.fixture(scope="module")
def decided_run():
    portfolio = _decided()
    overrides = Overrides(force_in=frozenset({"MID"}), force_out=frozenset({"DOM"}),
                          pin_start={"ALT1": 2029})
    scores = score_portfolio(portfolio)
    return portfolio, scores, funding_robustness(portfolio, scores, samples=8, seed=1,
                                                 workers=1, overrides=overrides)


def test_decided_projects_are_fixed_never_stable(decided_run) -> None:
    _, _, result = decided_run
    decided = {"MID", "BASE", "DOM", "ALT1", "ALT2", "LAW"}
    assert set(result.fixed) == decided
    assert not decided & set(result.core + result.contested + result.out)
    assert sorted(result.core + result.contested + result.out + result.fixed) == \
        sorted(result.table.index)
    assert list(result.table.index[-len(decided):]) == result.fixed  # listed last
    assert result.table.loc["DOM", "decision"] == "fixed: forced out by the council"
    assert result.table.loc["LAW", "decision"] == "fixed: mandatory"
    assert result.class_words[FIXED] == "Fixed by a decision"
    assert any("6 more are fixed by a decision" in s for s in result.sentences())
    summary = result.summary()
    assert summary.loc["DOM", "standing"] == "fixed: forced out by the council"
    assert summary.loc["ALT1", "standing"] == "fixed: pinned to start in FY2029"
    assert summary.loc[sorted(decided), "p_funded"].isna().all()  # no chance shown
    assert not summary.loc[sorted(decided), "standing"].str.contains("stable").any()
    data = {c["id"]: c for c in result.as_dict()["candidates"]}
    assert data["LAW"]["class"] == FIXED and data["LAW"]["fixed_by"] == "fixed: mandatory"


def test_the_workbook_robustness_sheet_says_which_decision_fixes_a_project(decided_run) -> None:
    from openpyxl import load_workbook

    from planner.export.workbook import export_workbook

    portfolio, scores, result = decided_run
    content = export_workbook(portfolio, optimize(portfolio, scores.value, overrides=Overrides(
        force_in=frozenset({"MID"}), force_out=frozenset({"DOM"}), pin_start={"ALT1": 2029})),
        scores=scores, robustness=result)
    sheet = load_workbook(io.BytesIO(content))["Robustness"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if "Standing" in r)
    by_id = {r[0]: r for r in rows[rows.index(header) + 1:] if r and r[0]}
    standing, chance = header.index("Standing"), header.index("Chance funded")
    assert by_id["DOM"][standing] == "fixed: forced out by the council"
    assert by_id["LAW"][standing] == "fixed: mandatory"
    assert by_id["BASE"][standing].startswith("fixed: needed first by MID")
    for cid in ("DOM", "LAW", "MID", "BASE", "ALT1", "ALT2"):
        assert by_id[cid][chance] is None, cid  # a decision, not a chance
    assert by_id["BIG"][standing] == "stable out" and by_id["BIG"][chance] == 0
