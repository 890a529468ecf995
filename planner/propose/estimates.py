"""Transparent estimates for proposed candidates: every number with the sum that produced it."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.core.models import Approach, Process, System
from planner.core.words import money_full
from planner.propose.assumptions import Assumptions
from planner.propose.disposition import Ratings

HOURS_FREED = "staff_hours_freed"
ESTIMATED_FIELDS: tuple[str, ...] = (
    "one_time_cost", "duration_months", "annual_operating_cost", "annual_savings", "staff_fte",
    "delivery_risk", "strategic_alignment",
)


@dataclass(frozen=True)
class Estimate:
    """The estimated values of one proposed candidate and how each was worked out."""

    one_time_cost: float
    duration_months: int
    annual_operating_cost: float
    annual_savings: float
    staff_fte: float
    delivery_risk: int
    strategic_alignment: int
    explanation: str
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def fields(self) -> dict[str, float | int]:
        """The estimated Candidate fields by name."""
        return {name: getattr(self, name) for name in ESTIMATED_FIELDS}

    @property
    def estimated(self) -> frozenset[str]:
        """Names of every estimated value, custom columns included."""
        return frozenset(ESTIMATED_FIELDS) | frozenset(self.extra)


def _round(amount: float, step: float) -> float:
    # Round estimates so they do not pretend to a precision nobody has.
    return float(round(amount / step) * step)


def estimate_system(system: System, approach: Approach, ratings: Ratings,
                    assumptions: Assumptions) -> Estimate:
    """Cost, duration, running cost and savings of applying `approach` to a system."""
    drivers = assumptions.approach(approach)
    om = system.annual_om_cost
    scaled = drivers.cost_multiple * (om or 0.0)
    cost = _round(max(drivers.cost_floor, scaled), 1_000)
    if om is None:
        cost_text = f"the {approach.value} floor (annual O&M not given)"
        run_text = "no O&M given, so no running cost or savings counted"
    else:
        cost_text = f"{drivers.cost_multiple:g} x annual O&M {money_full(om)}"
        if scaled < drivers.cost_floor:
            cost_text += f", raised to the floor {money_full(drivers.cost_floor)}"
        run_text = (f"new operating cost {drivers.operating_share:g} x O&M; savings = today's "
                    "O&M, which stops")
    explanation = (f"one-time cost {money_full(cost)} = {cost_text}; {drivers.months} months; "
                   f"{run_text}")
    return Estimate(
        one_time_cost=cost,
        duration_months=drivers.months,
        annual_operating_cost=_round(drivers.operating_share * (om or 0.0), 100),
        annual_savings=_round(om or 0.0, 100),
        staff_fte=drivers.staff_fte,
        delivery_risk=drivers.delivery_risk,
        # A mission-critical system is central to the city's strategy by definition.
        strategic_alignment=ratings.criticality,
        explanation=explanation,
    )


def hours_freed(process: Process, assumptions: Assumptions) -> float:
    """Staff hours a year that digitizing frees: volume x minutes / 60 x assumed reduction."""
    return float(round(process.staff_hours * assumptions.digitize_time_reduction))


def estimate_process(process: Process, assumptions: Assumptions,
                     staff_hourly_cost: float) -> Estimate:
    """Cost, duration, running cost and savings of digitizing a paper or manual process."""
    a = assumptions
    drivers = a.approach(Approach.DIGITIZE)
    volume = process.annual_volume or 0.0
    extra = a.digitize_resident_extra if process.resident_facing else 0.0
    cost = _round(a.digitize_cost_base + a.digitize_cost_per_transaction * volume + extra, 1_000)
    freed = hours_freed(process, a)
    paper = (process.annual_paper_cost or 0.0) * a.digitize_paper_reduction
    savings = _round(freed * staff_hourly_cost + paper, 100)
    cost_text = (f"{money_full(a.digitize_cost_base)} + ${a.digitize_cost_per_transaction:g} x "
                 f"{volume:,.0f} transactions")
    if extra:
        cost_text += f" + {money_full(extra)} for a public online form and e-payment"
    savings_text = f"{freed:,.0f} h x {money_full(staff_hourly_cost)}/h"
    if process.annual_paper_cost:
        savings_text += (f" + {a.digitize_paper_reduction:.0%} of paper cost "
                         f"{money_full(process.annual_paper_cost)}")
    explanation = (f"one-time cost {money_full(cost)} = {cost_text}; {drivers.months} months; "
                   f"operating cost {drivers.operating_share:.0%} of the one-time cost a year; "
                   f"savings {money_full(savings)} = {savings_text}")
    alignment = 3 + bool(process.resident_facing) + bool(process.legal_mandate)
    return Estimate(
        one_time_cost=cost,
        duration_months=drivers.months,
        annual_operating_cost=_round(drivers.operating_share * cost, 100),
        annual_savings=savings,
        staff_fte=drivers.staff_fte,
        delivery_risk=drivers.delivery_risk,
        strategic_alignment=min(5, alignment),
        explanation=explanation,
        extra={HOURS_FREED: freed},
    )


def process_reason(process: Process, assumptions: Assumptions) -> str:
    """One line on why and how the process is digitized."""
    what = ("online form, workflow and e-payment" if process.resident_facing
            else "electronic workflow")
    if not process.annual_volume or not process.minutes_per_transaction:
        missing = "volume" if not process.annual_volume else "minutes per transaction"
        return f"paper or manual process, {missing} not given so no staff time counted: " \
               f"digitize ({what})"
    return (f"paper or manual process, {process.annual_volume:,.0f} a year x "
            f"{process.minutes_per_transaction:g} min = {process.staff_hours:,.0f} staff hours, "
            f"{assumptions.digitize_time_reduction:.0%} assumed saved = "
            f"{hours_freed(process, assumptions):,.0f} hours: digitize ({what})")
