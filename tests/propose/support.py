"""Builders shared by the proposal tests: systems, processes and a small city around them."""

from __future__ import annotations

import datetime as dt

from planner.core.models import (
    BudgetLine,
    Candidate,
    Portfolio,
    Process,
    Settings,
    System,
)
from planner.propose.proposals import (
    propose_candidates,
)


def system(sid: str = "S1", **fields: object) -> System:
    """A system with middling ratings unless told otherwise."""
    base: dict[str, object] = {"name": f"System {sid}", "annual_om_cost": 100_000.0,
                               "criticality": 3, "security_risk": 2,
                               "technical_condition": 3, "functional_fit": 3,
                               "end_of_support": dt.date(2035, 12, 31)}
    base.update(fields)
    return System(system_id=sid, **base)


def process(pid: str = "P1", **fields: object) -> Process:
    """A paper process: 10,000 a year at 12 minutes each."""
    base: dict[str, object] = {"name": f"Process {pid}", "annual_volume": 10_000,
                               "minutes_per_transaction": 12, "resident_facing": False,
                               "annual_paper_cost": 5_000.0}
    base.update(fields)
    return Process(process_id=pid, **base)


def city(*items: System | Process, candidates: tuple[Candidate, ...] = (),
         budget: float = 10_000_000, **setting: object) -> Portfolio:
    """A portfolio whose first fiscal year is FY2027, with one fund."""
    return Portfolio.build(
        systems=[i for i in items if isinstance(i, System)],
        processes=[i for i in items if isinstance(i, Process)],
        candidates=candidates,
        budget=[BudgetLine(fiscal_year=y, fund="General", capital_budget=budget / 5)
                for y in range(2027, 2032)],
        settings=Settings(first_fiscal_year=2027, **setting),
    )


def sample_proposals() -> tuple[Portfolio, list[Candidate], object]:
    """A city of one system and one process, and the candidates proposed for it."""
    portfolio = city(system("S1", technical_condition=2, functional_fit=4), process("P1"))
    proposals = propose_candidates(portfolio)
    return portfolio, proposals.candidates, proposals
