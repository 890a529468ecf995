"""Derived metrics: legacy risk, resident impact, staff hours, savings, payback, defaults."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from planner.core.models import Approach, Candidate, Portfolio, Process, Settings, System
from planner.score.metrics import (
    APPROACH_EFFECTS,
    METRIC_COLUMNS,
    PAYBACK_NEVER,
    RISK_POINTS,
    candidate_metrics,
    detect_legacy_platform,
    metrics_table,
    reference_date,
    system_legacy_risk,
    system_risk_components,
)
from tests.factories import make_portfolio

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"
SETTINGS = Settings(first_fiscal_year=2027, horizon_years=5, staff_hourly_cost=50.0)


def _portfolio(systems=(), processes=(), candidates=(), settings=SETTINGS) -> Portfolio:
    return Portfolio.build(systems=systems, processes=processes, candidates=candidates,
                           settings=settings)


@pytest.mark.parametrize("text, label", [
    ("IBM AS/400 (RPG III)", "AS/400"), ("iSeries", "AS/400"),
    ("COBOL batch", "COBOL"), ("IBM z/OS mainframe", "Mainframe"),
    ("PowerBuilder 9 client/server", "PowerBuilder"), ("Microsoft Access 2010", "Microsoft Access"),
    ("Excel workbooks + Access", "Microsoft Access"), ("Oracle Forms 6i", "Oracle Forms"),
    ("VB6 desktop", "Visual Basic 6"), ("Lotus Notes 8.5", "Lotus Notes"),
    ("Visual FoxPro 9", "FoxPro"),
])
def test_recognizes_legacy_platforms_from_free_text(text: str, label: str) -> None:
    assert detect_legacy_platform(text) == (label, 1.0)


@pytest.mark.parametrize("text", ["SaaS", "Azure App Service", "", None, "Access control panel"])
def test_modern_or_blank_platforms_are_not_legacy(text: str | None) -> None:
    assert detect_legacy_platform(text) is None


def test_outdated_versions_earn_part_of_the_platform_points() -> None:
    label, share = detect_legacy_platform("Windows Server 2012 / SQL Server 2012")
    assert label == "Unsupported Windows" and 0 < share < 1


def test_reference_date_is_the_start_of_the_first_fiscal_year() -> None:
    assert reference_date(_portfolio()) == dt.date(2026, 7, 1)


def test_worst_possible_system_scores_100_and_a_new_saas_scores_little() -> None:
    old = System(system_id="S1", name="Billing", platform="COBOL on mainframe",
                 year_implemented=1985, end_of_support=dt.date(2020, 1, 1), criticality=5,
                 security_risk=5, technical_condition=1)
    new = System(system_id="S2", name="New", platform="SaaS", year_implemented=2025,
                 end_of_support=dt.date(2040, 1, 1), criticality=1, security_risk=1,
                 technical_condition=5)
    risk = system_legacy_risk(_portfolio(systems=[old, new]))
    assert risk["S1"] == pytest.approx(100.0)
    assert risk["S2"] == pytest.approx(0.0)


def test_a_system_with_blank_fields_gets_neutral_half_points() -> None:
    blank = System(system_id="S1", name="Unknown")
    components = system_risk_components(_portfolio(systems=[blank]))
    assert components.loc["S1", list(RISK_POINTS)].sum() == pytest.approx(50.0)


def test_support_ending_within_five_years_earns_partial_points() -> None:
    system = System(system_id="S1", name="X", end_of_support=dt.date(2029, 1, 1))
    points = system_risk_components(_portfolio(systems=[system])).loc["S1", "vendor_support"]
    assert 0 < points < RISK_POINTS["vendor_support"]


def test_staff_hours_and_net_savings_follow_the_documented_formula() -> None:
    system = System(system_id="S1", name="Old", annual_om_cost=100_000.0)
    process = Process(process_id="P1", name="Paper permits", annual_volume=6000,
                      minutes_per_transaction=30, annual_paper_cost=10_000.0,
                      resident_facing=True, turnaround_days=15)
    cand = Candidate(candidate_id="C1", name="Replace", targets=("S1", "P1"),
                     approach="replace", one_time_cost=500_000,
                     annual_operating_cost=40_000)
    row = candidate_metrics(_portfolio([system], [process], [cand])).loc["C1"]
    effect = APPROACH_EFFECTS[Approach.REPLACE]
    hours = 6000 * 30 / 60 * effect.hours_reduction
    retired = 100_000 * effect.om_retired + 10_000 * effect.paper_retired
    net = retired + hours * 50.0 - 40_000
    assert row["staff_hours_freed"] == pytest.approx(hours)
    assert row["net_annual_savings"] == pytest.approx(net)
    assert row["payback_years"] == pytest.approx(500_000 / net)
    assert row["residents_reached"] == pytest.approx(6000)


def test_stated_savings_replace_the_derived_estimate_instead_of_adding_to_it() -> None:
    system = System(system_id="S1", name="Old", annual_om_cost=100_000.0)
    cand = Candidate(candidate_id="C1", name="Replace", targets=("S1",), approach="replace",
                     one_time_cost=500_000, annual_savings=120_000,
                     annual_operating_cost=40_000)
    row = candidate_metrics(_portfolio([system], [], [cand])).loc["C1"]
    assert row["net_annual_savings"] == pytest.approx(80_000)
    assert row["payback_years"] == pytest.approx(500_000 / 80_000)


def test_a_candidate_that_never_pays_back_gets_the_cap() -> None:
    cand = Candidate(candidate_id="C1", name="X", one_time_cost=100.0,
                     annual_operating_cost=50.0)
    row = candidate_metrics(_portfolio(candidates=[cand])).loc["C1"]
    assert row["net_annual_savings"] == -50.0
    assert row["payback_years"] == PAYBACK_NEVER


def test_a_candidate_without_targets_or_ratings_gets_neutral_defaults_and_no_nan() -> None:
    cand = Candidate(candidate_id="C1", name="Bare", one_time_cost=1000.0)
    table = metrics_table(_portfolio(candidates=[cand]))
    row = table.values.loc["C1"]
    assert not table.values.isna().any().any()
    assert row["legacy_risk"] == 0 and row["staff_hours_freed"] == 0
    assert row["strategic_alignment"] == 3 and row["delivery_risk"] == 3
    assert table.defaulted.loc["C1", "strategic_alignment"]
    assert not table.defaulted.loc["C1", "one_time_cost"]


def test_retain_addresses_less_legacy_risk_than_replace() -> None:
    system = System(system_id="S1", name="Old", platform="AS/400", criticality=5)
    cands = [Candidate(candidate_id=f"C{a.value}", name=a.value, targets=("S1",), approach=a,
                       one_time_cost=1.0) for a in (Approach.RETAIN, Approach.REPLACE)]
    metrics = candidate_metrics(_portfolio([system], candidates=cands))
    assert metrics.loc["Cretain", "legacy_risk"] < metrics.loc["Creplace", "legacy_risk"]


def test_numeric_candidate_columns_become_custom_metrics_with_median_for_blanks() -> None:
    cands = [Candidate(candidate_id=f"C{i}", name=f"C{i}", one_time_cost=1.0,
                       extra=extra) for i, extra in enumerate(
        [{"Equity score": 2.0, "Lead": "Ann"}, {"Equity score": 4.0}, {"Equity score": 9.0},
         {}])]
    table = metrics_table(_portfolio(candidates=cands))
    assert table.custom_columns == ("Equity score",)
    assert table.values.loc["C3", "Equity score"] == 4.0
    assert table.defaulted.loc["C3", "Equity score"]
    assert "Lead" not in table.values


def test_metrics_have_one_row_per_candidate_and_every_documented_column() -> None:
    portfolio = make_portfolio(n=40, seed=3)
    metrics = candidate_metrics(portfolio)
    assert list(metrics.index) == list(portfolio.candidates)
    assert set(METRIC_COLUMNS) <= set(metrics.columns)
    assert np.isfinite(metrics.to_numpy()).all()


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample city not generated")
def test_sample_city_metrics_are_complete_and_rank_the_mainframe_as_risky() -> None:
    from planner.service import load_paths

    portfolio = load_paths([SAMPLE]).portfolio
    metrics = candidate_metrics(portfolio)
    assert len(metrics) == len(portfolio.candidates)
    assert np.isfinite(metrics.to_numpy()).all()
    risk = system_legacy_risk(portfolio)
    assert risk.between(0, 100).all()
    mainframes = [s for s, sys in portfolio.systems.items() if "mainframe" in
                  (sys.platform or "").lower()]
    assert all(risk[s] > risk.median() for s in mainframes)
