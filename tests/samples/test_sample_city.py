"""Tests for the deterministic sample city generator."""

import itertools
import math
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from scipy.optimize import linprog

from planner.samples.sample_city import (
    BUDGET_COLUMNS,
    CANDIDATE_COLUMNS,
    FISCAL_YEARS,
    FUNDS,
    PROCESS_COLUMNS,
    SETTINGS_COLUMNS,
    SPEND_COLUMNS,
    SYSTEM_COLUMNS,
    build_sample_city,
    write_sample_city,
)

FIRST, LAST = FISCAL_YEARS[0], FISCAL_YEARS[-1]
GRANT = "ARPA/Federal Grant"


@pytest.fixture(scope="module")
def city() -> dict[str, pd.DataFrame]:
    return build_sample_city()


@pytest.fixture(scope="module")
def cands(city: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return city["Candidates"].set_index("candidate_id", drop=False)


def split(cell: object) -> list[str]:
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def explicit_spend(row: pd.Series) -> dict[int, int]:
    return {
        int(col.removeprefix("cost_FY")): int(row[col])
        for col in SPEND_COLUMNS
        if not pd.isna(row[col])
    }


def opt_year(value: object) -> int | None:
    return None if pd.isna(value) else int(value)


def capacity(city: dict[str, pd.DataFrame]) -> dict[tuple[int, str], float]:
    budget = city["Budget"]
    return {
        (int(r.fiscal_year), r.fund): float(r.capital_budget) for r in budget.itertuples()
    }


def eligible(row: pd.Series) -> list[str]:
    return split(row["funding_sources"]) or list(FUNDS)


def earliest_finish(cands: pd.DataFrame) -> dict[str, int]:
    """Earliest last year of each candidate, ignoring money (duration rounded up to years)."""
    finish: dict[str, int] = {}

    def visit(cid: str) -> int:
        if cid not in finish:
            row = cands.loc[cid]
            spend = explicit_spend(row)
            ready = max([visit(r) + 1 for r in split(row["requires"])], default=FIRST)
            if spend:
                assert min(spend) >= ready, f"{cid} starts before its requirements finish"
                finish[cid] = max(spend)
            else:
                start = max(ready, opt_year(row["earliest_start"]) or FIRST)
                finish[cid] = start + math.ceil(row["duration_months"] / 12) - 1
        return finish[cid]

    for cid in cands.index:
        visit(cid)
    return finish


def test_canonical_columns(city: dict[str, pd.DataFrame]) -> None:
    assert list(city) == ["Systems", "Processes", "Candidates", "Budget", "Settings"]
    assert list(city["Systems"].columns) == SYSTEM_COLUMNS
    assert list(city["Processes"].columns) == PROCESS_COLUMNS
    assert list(city["Candidates"].columns) == CANDIDATE_COLUMNS
    assert list(city["Budget"].columns) == BUDGET_COLUMNS
    assert list(city["Settings"].columns) == SETTINGS_COLUMNS
    assert [f"cost_FY{fy}" for fy in range(2027, 2032)] == SPEND_COLUMNS


def test_counts(city: dict[str, pd.DataFrame]) -> None:
    assert len(city["Systems"]) >= 36
    assert len(city["Processes"]) >= 22
    assert len(city["Candidates"]) >= 72
    assert len(city["Budget"]) == 20
    settings = dict(zip(city["Settings"]["key"], city["Settings"]["value"], strict=True))
    assert settings["city_name"] == "City of Riverton"
    assert settings["method"] == "wsm"
    assert settings["first_fiscal_year"] == 2027
    assert settings["horizon_years"] == 5


def test_ids_unique_and_well_formed(city: dict[str, pd.DataFrame]) -> None:
    for sheet, col, prefix in [
        ("Systems", "system_id", "S-"),
        ("Processes", "process_id", "P-"),
        ("Candidates", "candidate_id", "C-"),
    ]:
        ids = city[sheet][col]
        assert ids.is_unique, sheet
        assert ids.str.fullmatch(rf"{prefix}\d{{3}}").all(), sheet


def test_value_ranges(city: dict[str, pd.DataFrame]) -> None:
    systems = city["Systems"]
    assert systems["year_implemented"].between(1988, 2022).all()
    eos = [v.year if isinstance(v, date) else v for v in systems["end_of_support"]]
    assert all(isinstance(v, int) and 2015 <= v <= 2032 for v in eos)
    assert systems["annual_om_cost"].between(15_000, 900_000).all()
    for col in ["criticality", "security_risk", "technical_condition", "functional_fit"]:
        assert systems[col].between(1, 5).all()
    healthy = systems[(systems["technical_condition"] >= 4) & (systems["functional_fit"] >= 4)]
    assert len(healthy) >= 3

    processes = city["Processes"]
    assert processes["annual_volume"].between(200, 60_000).all()
    assert processes["minutes_per_transaction"].between(5, 120).all()
    assert processes["error_rate"].between(0, 0.5).all()
    for col in ["resident_facing", "legal_mandate"]:
        assert set(processes[col]) == {"yes", "no"}

    cands = city["Candidates"]
    assert cands["one_time_cost"].between(40_000, 9_000_000).all()
    assert cands["duration_months"].between(3, 36).all()
    assert cands["staff_fte"].between(0.25, 4).all()
    assert cands["delivery_risk"].between(1, 5).all()
    assert cands["strategic_alignment"].between(1, 5).all()
    assert set(cands["mandatory"]) == {"yes", "no"}
    approaches = {"retire", "retain", "rehost", "replatform", "repurchase", "refactor",
                  "replace", "digitize"}
    assert set(cands["approach"]) == approaches
    for col in ["earliest_start", "must_finish_by"]:
        years = cands[col].dropna()
        assert years.between(FIRST, LAST).all()
        assert all(isinstance(int(y), int) for y in years)


def test_references_resolve(city: dict[str, pd.DataFrame], cands: pd.DataFrame) -> None:
    known_targets = set(city["Systems"]["system_id"]) | set(city["Processes"]["process_id"])
    funds = set(FUNDS)
    for cid, row in cands.iterrows():
        targets = split(row["targets"])
        assert targets and set(targets) <= known_targets, cid
        assert set(split(row["requires"])) <= set(cands.index), cid
        assert cid not in split(row["requires"]), cid
        assert set(split(row["funding_sources"])) <= funds, cid
    digitize = cands[cands["approach"] == "digitize"]
    assert len(digitize) >= 10
    assert all(any(t.startswith("P-") for t in split(ts)) for ts in digitize["targets"])


def test_no_dependency_cycles(cands: pd.DataFrame) -> None:
    graph = {cid: split(req) for cid, req in cands["requires"].items()}
    done: set[str] = set()
    while len(done) < len(graph):
        ready = [c for c, reqs in graph.items() if c not in done and set(reqs) <= done]
        assert ready, f"cycle among {sorted(set(graph) - done)}"
        done.update(ready)


def test_requires_are_sensible(cands: pd.DataFrame) -> None:
    for cid, row in cands.iterrows():
        reqs = split(row["requires"])
        groups = [cands.loc[r, "alternative_group"] for r in reqs]
        named = [g for g in groups if isinstance(g, str)]
        assert len(named) == len(set(named)), f"{cid} requires two either/or candidates"
        own = row["alternative_group"]
        if isinstance(own, str):
            assert own not in named, f"{cid} requires a member of its own group"


def test_dependencies_fit_in_horizon(cands: pd.DataFrame) -> None:
    finish = earliest_finish(cands)
    for cid, row in cands.iterrows():
        deadline = min(LAST, opt_year(row["must_finish_by"]) or LAST)
        assert finish[cid] <= deadline, f"{cid} cannot finish by FY{deadline}"


def test_mandatory(cands: pd.DataFrame) -> None:
    mandatory = cands[cands["mandatory"] == "yes"]
    assert 4 <= len(mandatory) <= 6
    groups = mandatory["alternative_group"].dropna()
    assert groups.is_unique
    for cid, row in mandatory.iterrows():
        for req in split(row["requires"]):
            assert cands.loc[req, "mandatory"] == "yes", f"{cid} requires optional {req}"


def test_explicit_spend(cands: pd.DataFrame) -> None:
    with_spend = [cid for cid, row in cands.iterrows() if explicit_spend(row)]
    assert 5 <= len(with_spend) <= 8
    for cid in with_spend:
        spend = explicit_spend(cands.loc[cid])
        assert sum(spend.values()) == cands.loc[cid, "one_time_cost"], cid
        assert sorted(spend) == list(range(min(spend), max(spend) + 1)), cid
        years = math.ceil(cands.loc[cid, "duration_months"] / 12)
        assert len(spend) == years, cid


def test_budget_shape_and_ratio(city: dict[str, pd.DataFrame]) -> None:
    budget = city["Budget"]
    assert sorted(set(budget["fiscal_year"])) == list(FISCAL_YEARS)
    assert set(budget["fund"]) == set(FUNDS)
    assert all(isinstance(v, int) for v in budget["fiscal_year"].tolist())
    grant = budget[budget["fund"] == GRANT]
    assert set(grant.loc[grant["capital_budget"] > 0, "fiscal_year"]) == {2027, 2028}
    general = budget["fund"] == "General Fund"
    assert budget.loc[general, "staff_fte_capacity"].between(9, 12).all()
    assert budget.loc[general, "operating_budget_increase"].notna().all()
    assert budget.loc[~general, "staff_fte_capacity"].isna().all()
    assert budget.loc[~general, "operating_budget_increase"].isna().all()
    ratio = budget["capital_budget"].sum() / city["Candidates"]["one_time_cost"].sum()
    assert 0.30 <= ratio <= 0.50, ratio


def even_schedules(row: pd.Series) -> list[dict[int, float]]:
    """Every way to run a candidate: its explicit spend, or its cost spread evenly."""
    spend = explicit_spend(row)
    if spend:
        return [{fy: float(v) for fy, v in spend.items()}]
    years = math.ceil(row["duration_months"] / 12)
    first = max(FIRST, opt_year(row["earliest_start"]) or FIRST)
    last = min(LAST, opt_year(row["must_finish_by"]) or LAST) - years + 1
    per_year = row["one_time_cost"] / years
    return [{s + k: per_year for k in range(years)} for s in range(first, last + 1)]


def fundable(rows: list[pd.Series], plan: list[dict[int, float]],
             cap: dict[tuple[int, str], float]) -> bool:
    """LP: can each candidate's yearly spend be paid from its eligible funds within capacity?"""
    keys = [(i, fy, fund) for i, (row, sched) in enumerate(zip(rows, plan, strict=True))
            for fy in sched for fund in eligible(row)]
    a_eq = np.zeros((sum(len(s) for s in plan), len(keys)))
    b_eq: list[float] = []
    demand = [(i, fy) for i, sched in enumerate(plan) for fy in sched]
    for r, (i, fy) in enumerate(demand):
        b_eq.append(plan[i][fy])
        for k, (ki, kfy, _) in enumerate(keys):
            if (ki, kfy) == (i, fy):
                a_eq[r, k] = 1
    cells = sorted(cap)
    a_ub = np.zeros((len(cells), len(keys)))
    for r, cell in enumerate(cells):
        for k, (_, kfy, kfund) in enumerate(keys):
            if (kfy, kfund) == cell:
                a_ub[r, k] = 1
    result = linprog(np.zeros(len(keys)), A_ub=a_ub, b_ub=[cap[c] for c in cells],
                     A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    return result.status == 0


def test_mandatory_jointly_affordable(
    city: dict[str, pd.DataFrame], cands: pd.DataFrame
) -> None:
    cap = capacity(city)
    rows = [row for _, row in cands[cands["mandatory"] == "yes"].iterrows()]
    options = [even_schedules(row) for row in rows]
    assert all(options)
    assert any(fundable(rows, list(plan), cap) for plan in itertools.product(*options))


def test_every_candidate_individually_affordable(
    city: dict[str, pd.DataFrame], cands: pd.DataFrame
) -> None:
    cap = capacity(city)
    for cid, row in cands.iterrows():
        assert any(fundable([row], [s], cap) for s in even_schedules(row)), cid


def test_deterministic(city: dict[str, pd.DataFrame]) -> None:
    again = build_sample_city()
    assert list(again) == list(city)
    for name, frame in city.items():
        pd.testing.assert_frame_equal(frame, again[name])


def test_workbook_roundtrip(city: dict[str, pd.DataFrame], tmp_path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "sub" / "b.xlsx"
    write_sample_city(first)
    write_sample_city(second)
    assert first.read_bytes() == second.read_bytes()

    wb = load_workbook(first)
    assert wb.properties.modified == wb.properties.created == datetime(2026, 1, 1)
    assert wb.sheetnames == ["About", *city]
    assert "python -m planner.samples.sample_city" in " ".join(
        str(c.value) for c in wb["About"]["A"] if c.value
    )
    for name, frame in city.items():
        ws = wb[name]
        header = [c.value for c in ws[1]]
        assert header == list(frame.columns), name
        assert ws.max_row == len(frame) + 1, name
        assert ws[1][0].font.bold
    systems = wb["Systems"]
    col = SYSTEM_COLUMNS.index("end_of_support") + 1
    values = [systems.cell(row=r, column=col).value for r in range(2, systems.max_row + 1)]
    assert all(isinstance(v, date) for v in values)
    budget = wb["Budget"]
    fte_col = BUDGET_COLUMNS.index("staff_fte_capacity") + 1
    fund_col = BUDGET_COLUMNS.index("fund") + 1
    for r in range(2, budget.max_row + 1):
        fte = budget.cell(row=r, column=fte_col).value
        assert (fte is None) == (budget.cell(row=r, column=fund_col).value != "General Fund")


def test_committed_sample_workbook_matches_the_generator(tmp_path) -> None:
    """data/sample_city.xlsx is regenerated by `make sample`; the committed copy must be current."""
    from pathlib import Path

    from planner.service import load_paths

    committed = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"
    fresh = tmp_path / "fresh.xlsx"
    write_sample_city(fresh)
    assert committed.read_bytes() == fresh.read_bytes()
    result = load_paths([committed])
    assert not result.log.has_errors
    assert result.counts["Candidates"] >= 70


def test_the_sample_city_reads_in_the_app_with_no_warning_of_its_own() -> None:
    """The app's editor types each column once: a column mixing years and dates became text
    and every year was then noted as 'text read as the year' (39 warnings on Systems)."""
    from pathlib import Path

    from planner.views.workspace import all_issues, read_workspace, validate_workspace

    path = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"
    workspace = read_workspace([(path.name, path.read_bytes())])
    issues = all_issues(workspace, validate_workspace(workspace))
    serious = issues[issues["severity"].astype(str) != "info"]
    assert serious.empty, serious.to_dict("records")[:3]
    assert set(issues["code"]) == {"unknown-sheet"}  # the About sheet, on purpose


def test_the_sample_plan_delivers_early_and_keeps_restricted_money_to_those_naming_it(
        tmp_path) -> None:
    from planner.plan.check import violations
    from planner.score.scoring import score_portfolio
    from planner.service import load_paths, run_plan

    path = tmp_path / "sample_city.xlsx"
    write_sample_city(path)
    portfolio = load_paths([path]).portfolio
    assert portfolio.restricted_funds == ["Enterprise Fund (Utilities)", GRANT]
    values = dict(score_portfolio(portfolio).value)
    result = run_plan(portfolio, values, explain=False, frontier=False, time_limit=60)
    plan = result.optimized
    starts = [item.start_year for item in plan.funded]
    assert starts.count(LAST) < starts.count(FIRST)
    for each in result.plans.values():
        assert violations(portfolio, each, result.overrides, values) == [], each.name
    for item in plan.funded:
        named = portfolio.candidates[item.candidate_id].funding_sources
        used = {f for by_fund in item.spend.values() for f, a in by_fund.items() if a > 0}
        assert bool(named) or not used & set(portfolio.restricted_funds), item.candidate_id
        assert len(item.restricted_funds) == len(used & set(portfolio.restricted_funds))
