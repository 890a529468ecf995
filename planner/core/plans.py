"""What a plan is: funded items with their schedule and spend, unfunded items with reasons.

The optimizer and both baselines return this same shape, so every view, export and test
works on all three.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from planner.core.balance import RuleReport
from planner.errors import InputError

if TYPE_CHECKING:  # pandas loads only when a table is asked for, so start-up stays light
    import pandas as pd


class PlanStatus(StrEnum):
    """How good a plan is known to be."""

    OPTIMAL = "optimal"  # proven optimal within the requested gap
    FEASIBLE = "feasible"  # stopped on reaching the requested gap; not proven optimal
    TIME_LIMIT = "time_limit"  # a work or time limit reached; best plan so far, with its gap
    INFEASIBLE = "infeasible"  # no plan satisfies the hard constraints
    HEURISTIC = "heuristic"  # a rule-based baseline: feasible, no bound


@dataclass(frozen=True)
class Overrides:
    """The user's manual decisions: force in, force out, pin a start year."""

    force_in: frozenset[str] = frozenset()
    force_out: frozenset[str] = frozenset()
    pin_start: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (sorted, for reproducible records)."""
        return {"force_in": sorted(self.force_in), "force_out": sorted(self.force_out),
                "pin_start": dict(sorted(self.pin_start.items()))}

    @classmethod
    def from_text(cls, force_in: str | None = None, force_out: str | None = None,
                  pin_start: str | None = None) -> Overrides:
        """Overrides as the command line and the Settings sheet write them: ids separated by
        commas or semicolons, pins as ID=YEAR (2028 or FY2028). InputError for a bad pin."""
        pins: dict[str, int] = {}
        for part in _id_list(pin_start):
            cid, sep, year = part.rpartition("=")
            digits = year.strip().upper().removeprefix("FY")
            if not sep or not cid.strip() or not digits.isdigit():
                raise InputError(f"write each pinned start as ID=YEAR (e.g. C-004=2028); "
                                 f"could not read '{part}'")
            pins[cid.strip()] = int(digits)
        return cls(_id_list(force_in), _id_list(force_out), pins)

    @classmethod
    def from_settings(cls, settings: Any) -> Overrides:
        """The overrides a Settings sheet records (a council workbook writes them there)."""
        return cls.from_text(getattr(settings, "force_in", ""),
                             getattr(settings, "force_out", ""),
                             getattr(settings, "pin_start", ""))

    def as_settings(self) -> dict[str, str]:
        """The Settings values that record these overrides (the inverse of from_settings)."""
        return {"force_in": ", ".join(sorted(self.force_in)),
                "force_out": ", ".join(sorted(self.force_out)),
                "pin_start": ", ".join(f"{cid}={year}"
                                       for cid, year in sorted(self.pin_start.items()))}

    def merged(self, other: Overrides) -> Overrides:
        """These overrides with `other`'s added; `other`'s pinned starts win."""
        return Overrides(self.force_in | other.force_in, self.force_out | other.force_out,
                         {**self.pin_start, **other.pin_start})

    @property
    def empty(self) -> bool:
        """True when nothing is forced or pinned."""
        return not (self.force_in or self.force_out or self.pin_start)


def _id_list(text: str | None) -> frozenset[str]:
    return frozenset(p.strip() for p in (text or "").replace(";", ",").split(",") if p.strip())


@dataclass(frozen=True)
class FundedItem:
    """A funded candidate: when it runs and what it draws from each fund each year."""

    candidate_id: str
    start_year: int
    end_year: int
    spend: dict[int, dict[str, float]]  # fiscal year -> fund -> amount
    value: float = 0.0
    escalation: float = 0.0  # dollars its spend gained from cost escalation
    restricted_funds: tuple[str, ...] = ()  # "Fund: why it may use that restricted money"

    @property
    def total_cost(self) -> float:
        """All spend over the plan."""
        return sum(sum(by_fund.values()) for by_fund in self.spend.values())

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, as in the `plan` command's output."""
        return {
            "id": self.candidate_id,
            "start_year": self.start_year,
            "end_year": self.end_year,
            "value": self.value,
            "spend": {str(y): {f: round(a, 2) for f, a in by_fund.items()}
                      for y, by_fund in sorted(self.spend.items())},
            **({"escalation": round(self.escalation, 2)} if self.escalation else {}),
            **({"restricted_funds": list(self.restricted_funds)}
               if self.restricted_funds else {}),
        }


@dataclass(frozen=True)
class UnfundedItem:
    """An unfunded candidate with its reasons in plain words and what would get it funded."""

    candidate_id: str
    reasons: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()  # budget, prerequisite, alternative, deadline, staff, ...
    what_it_would_take: str | None = None
    value_needed: float | None = None  # the value at which the optimizer would fund it

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data: dict[str, Any] = {"id": self.candidate_id, "reasons": list(self.reasons),
                                "codes": list(self.codes)}
        if self.what_it_would_take:
            data["what_it_would_take"] = self.what_it_would_take
        if self.value_needed is not None:
            data["value_needed"] = self.value_needed
        return data


@dataclass(frozen=True)
class Plan:
    """A roadmap: the optimizer's, or a baseline's in the same shape."""

    name: str  # "optimized", "rank_and_cut" or "greedy"
    status: PlanStatus
    objective: float
    funded: tuple[FundedItem, ...] = ()
    unfunded: tuple[UnfundedItem, ...] = ()
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0
    message: str = ""
    reasons: tuple[str, ...] = ()  # plain-language causes when status is infeasible
    rules: tuple[RuleReport, ...] = ()  # how the plan stands against each balance rule

    @property
    def funded_ids(self) -> list[str]:
        """Ids of the funded candidates, in plan order."""
        return [item.candidate_id for item in self.funded]

    @property
    def is_proven_optimal(self) -> bool:
        """True only when the solver proved optimality (within the requested gap)."""
        return self.status is PlanStatus.OPTIMAL

    @property
    def is_infeasible(self) -> bool:
        """True when no plan (or, for a baseline, its rule) satisfies every hard constraint."""
        return self.status is PlanStatus.INFEASIBLE

    def raise_if_infeasible(self) -> Plan:
        """Return the plan, or raise InfeasiblePlanError with its reasons when infeasible."""
        if self.is_infeasible:
            from planner.errors import InfeasiblePlanError

            raise InfeasiblePlanError(self.message, list(self.reasons))
        return self

    def unfunded_item(self, candidate_id: str) -> UnfundedItem | None:
        """The unfunded entry of a candidate, if it is unfunded."""
        return next((u for u in self.unfunded if u.candidate_id == candidate_id), None)

    def spend_frame(self) -> pd.DataFrame:
        """Long table of spend: candidate_id, fiscal_year, fund, amount."""
        import pandas as pd

        rows = [
            (item.candidate_id, year, fund, amount)
            for item in self.funded
            for year, by_fund in item.spend.items()
            for fund, amount in by_fund.items()
            if amount
        ]
        return pd.DataFrame(rows, columns=["candidate_id", "fiscal_year", "fund", "amount"])

    def spend_by_year_fund(self) -> pd.DataFrame:
        """Spend pivoted: one row per fiscal year, one column per fund."""
        import pandas as pd

        frame = self.spend_frame()
        if frame.empty:
            return pd.DataFrame()
        return frame.pivot_table(index="fiscal_year", columns="fund", values="amount",
                                 aggfunc="sum", fill_value=0.0)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, as in the `plan` command's output."""
        return {
            "status": self.status.value,
            "objective": self.objective,
            "bound": self.bound,
            "gap": self.gap,
            "seconds": round(self.seconds, 3),
            "message": self.message,
            "reasons": list(self.reasons),
            "funded": [item.as_dict() for item in self.funded],
            "unfunded": [item.as_dict() for item in self.unfunded],
            "rules": [rule.as_dict() for rule in self.rules],
        }


BASELINE_NAMES = ("rank_and_cut", "greedy")


@dataclass(frozen=True)
class PlanResult:
    """The optimized plan beside the two baselines, with values, gains and the frontier."""

    optimized: Plan
    baselines: dict[str, Plan]
    values: dict[str, float]
    frontier: pd.DataFrame | None = None
    overrides: Overrides = field(default_factory=Overrides)
    notes: tuple[str, ...] = ()  # e.g. how far "what it would take" got within its budget

    @property
    def plans(self) -> dict[str, Plan]:
        """All three plans by name, optimized first."""
        return {"optimized": self.optimized, **self.baselines}

    def gain_over(self, name: str) -> float | None:
        """Value the optimized plan captures beyond a baseline (None if either failed)."""
        base = self.baselines.get(name)
        if base is None or base.is_infeasible or self.optimized.is_infeasible:
            return None
        return self.optimized.objective - base.objective

    def gains(self) -> dict[str, dict[str, float | None]]:
        """Per baseline: value gained and gain as a share of the baseline's value."""
        out: dict[str, dict[str, float | None]] = {}
        for name, base in self.baselines.items():
            gain = self.gain_over(name)
            share = gain / base.objective if gain is not None and base.objective > 0 else None
            out[name] = {"value": gain, "percent": None if share is None else 100.0 * share}
        return out

    def as_dict(self) -> dict[str, Any]:
        """The `plan` command's JSON: the optimized plan's keys plus baselines and gains."""
        data = self.optimized.as_dict()
        data["baselines"] = {
            name: {"objective": plan.objective, "status": plan.status.value,
                   "message": plan.message, "reasons": list(plan.reasons),
                   "seconds": round(plan.seconds, 3),
                   "funded": [item.as_dict() for item in plan.funded],
                   "unfunded": [item.as_dict() for item in plan.unfunded]}
            for name, plan in self.baselines.items()
        }
        data["gain"] = self.gains()
        data["overrides"] = self.overrides.as_dict()
        data["notes"] = list(self.notes)
        if self.frontier is not None:
            frame = self.frontier.astype(object).where(self.frontier.notna(), None)
            data["frontier"] = frame.to_dict(orient="records")
        return data
