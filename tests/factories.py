"""Factory fixtures: generated portfolios with keyword knobs instead of a zoo of static files."""

from __future__ import annotations

import io
import math
import random
from pathlib import Path

from openpyxl import Workbook, load_workbook

from planner.core.models import (
    Approach,
    BudgetLine,
    Candidate,
    Portfolio,
    Process,
    Settings,
    System,
)

FUNDS = ("General Fund", "Enterprise Fund", "Federal Grant")
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_city.xlsx"


def make_portfolio(
    n: int = 50,
    seed: int = 0,
    years: int = 5,
    first_year: int = 2027,
    funds: tuple[str, ...] = FUNDS,
    budget_share: float = 0.4,
    with_dependencies: bool = True,
    with_alternatives: bool = True,
    with_mandatory: bool = False,
    with_fixed_profiles: bool = True,
    with_staff: bool = False,
) -> Portfolio:
    """A random but valid portfolio of `n` candidates over `years` fiscal years."""
    rng = random.Random(seed)
    systems = [
        System(system_id=f"S{i:04d}", name=f"System {i}", department=rng.choice(
            ["Finance", "Utilities", "Police", "Parks"]),
            year_implemented=rng.randint(1985, 2020), end_of_support=None,
            annual_om_cost=rng.randint(10, 500) * 1000.0, residents_served=rng.randint(0, 150000),
            criticality=rng.randint(1, 5), security_risk=rng.randint(1, 5),
            technical_condition=rng.randint(1, 5), functional_fit=rng.randint(1, 5))
        for i in range(max(1, n // 3))
    ]
    processes = [
        Process(process_id=f"P{i:04d}", name=f"Process {i}", annual_volume=rng.randint(100, 20000),
                minutes_per_transaction=rng.randint(5, 90), resident_facing=rng.random() < 0.5)
        for i in range(max(1, n // 5))
    ]
    last_year = first_year + years - 1
    candidates: list[Candidate] = []
    for i in range(n):
        cid = f"C{i:04d}"
        target = rng.choice(systems).system_id if rng.random() < 0.7 else \
            rng.choice(processes).process_id
        cost = float(rng.randint(20, 2000) * 1000)
        profile: dict[int, float] = {}
        if with_fixed_profiles and rng.random() < 0.1:
            start = rng.randint(first_year, last_year)
            span = rng.randint(1, min(2, last_year - start + 1))
            profile = {start + k: round(cost / span, 2) for k in range(span)}
            cost = sum(profile.values())
        requires: tuple[str, ...] = ()
        if with_dependencies and i > 5 and rng.random() < 0.15:
            requires = (f"C{rng.randint(0, i - 1):04d}",)
        group = None
        if with_alternatives and rng.random() < 0.15:
            group = f"G{rng.randint(0, max(1, n // 20))}"
        eligible: tuple[str, ...] = ()
        if len(funds) > 1 and rng.random() < 0.3:
            eligible = tuple(rng.sample(list(funds), rng.randint(1, len(funds) - 1)))
        candidates.append(Candidate(
            candidate_id=cid, name=f"Candidate {i}", targets=(target,),
            approach=rng.choice(list(Approach)), one_time_cost=cost,
            duration_months=rng.choice([6, 12, 18, 24, 36]),
            annual_operating_cost=float(rng.randint(0, 100) * 1000),
            annual_savings=float(rng.randint(0, 200) * 1000),
            staff_fte=rng.choice([0.5, 1.0, 2.0]) if with_staff else None,
            delivery_risk=rng.randint(1, 5), strategic_alignment=rng.randint(1, 5),
            requires=requires, alternative_group=group, funding_sources=eligible,
            spend_profile=profile,
        ))
    if with_mandatory:
        for cand in rng.sample([c for c in candidates if not c.requires
                                and not c.alternative_group and not c.spend_profile], 2):
            index = candidates.index(cand)
            candidates[index] = cand.model_copy(update={"mandatory": True,
                                                        "one_time_cost": 50_000.0,
                                                        "funding_sources": ()})
    total = sum(c.one_time_cost for c in candidates)
    per_line = total * budget_share / (years * len(funds))
    budget = [
        BudgetLine(fiscal_year=year, fund=fund, capital_budget=round(per_line, 2),
                   staff_fte_capacity=(n / 10 if with_staff and fund == funds[0] else None))
        for year in range(first_year, last_year + 1) for fund in funds
    ]
    return Portfolio.build(systems=systems, processes=processes, candidates=candidates,
                           budget=budget,
                           settings=Settings(first_fiscal_year=first_year, horizon_years=years))


def workbook_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """An .xlsx built from {sheet title: rows of cells}, for import tests."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def frames_to_xlsx(frames: dict) -> bytes:
    """Canonical frames (planner.validate.canonical.portfolio_frames) as a plain workbook."""
    return workbook_bytes({
        name: [list(frame.columns)] + [
            [None if isinstance(v, float) and math.isnan(v) else v for v in row]
            for row in frame.itertuples(index=False)]
        for name, frame in frames.items()
    })


def sample_inventory_bytes() -> bytes:
    """The sample city workbook with its Candidates sheet removed (systems, processes and
    budget only, as a city without a project list keeps them)."""
    book = load_workbook(SAMPLE)
    del book["Candidates"]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
