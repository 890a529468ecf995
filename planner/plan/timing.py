"""How timing enters the plan: what earlier delivery is worth, and what later spend costs.

One definition each, used by the model's objective, the baselines, the independent plan
checker and the words the workbook's Summary shows:

- **Value captured** (the plan's objective, its bound and gap, the baselines, the frontier,
  every "value it would need"): the sum of the funded candidates' values. With Settings
  `time_weighting` on, each value counts for the share of the horizon the candidate is in
  service: (last year - go-live + 1) / horizon years (`value_weight`).
- **Delivery discount** (the default; Settings `delivery_discount`, 3% a year): the plan is
  chosen in two steps. First which candidates: a set of the most value captured. Then when:
  among the schedules of exactly that set that keep every rule, the one worth the most when
  each value is discounted by the rate for every year its go-live (its last year of spend)
  falls after the plan's first year: weight = 1 / (1 + discount) ** (go-live - first year)
  (`schedule_weight`), as far as a fixed amount of solver work finds (on a large plan, among
  the schedules its LP relaxation leaves open: planner.plan.optimize). So of two plans of
  the same value the one that delivers earlier wins, and the discount never trades value
  away for speed. It plays no part with time weighting on (which already values timing) or
  with a discount of 0 (the plain sum, any schedule).
- **Cost escalation.** Settings `cost_escalation` (default 0) raises a flexible candidate's
  spend in year t by (1 + rate) ** (t - first year): its one-time cost is taken to be in the
  plan's first year's dollars. A candidate with explicit cost_FY columns is already in each
  year's dollars and is not escalated.
"""

from __future__ import annotations

from typing import Any


def value_weight(end: int, years: list[int], settings: Any) -> float:
    """The weight of a candidate's value in the value captured, going live in year `end`."""
    if years and settings.time_weighting:
        return (years[-1] - end + 1) / len(years)
    return 1.0


def schedules_by_discount(settings: Any) -> bool:
    """True when the funded set's schedule is chosen by the delivery discount (step two)."""
    return not settings.time_weighting and float(settings.delivery_discount or 0.0) > 0


def schedule_weight(end: int, years: list[int], settings: Any) -> float:
    """The discount weight of going live in year `end`, used to choose the funded set's
    schedule: 1 / (1 + discount) ** (end - first year); 1 when the discount plays no part."""
    if not years or not schedules_by_discount(settings):
        return 1.0
    return 1.0 / (1.0 + float(settings.delivery_discount)) ** (end - years[0])


def is_plain_sum(settings: Any) -> bool:
    """True when the value captured is the plain sum of the funded values (no time weighting)."""
    return not settings.time_weighting


def escalation_factor(year: int, years: list[int], settings: Any) -> float:
    """What one dollar of a flexible candidate's estimate costs in `year`."""
    rate = float(settings.cost_escalation or 0.0)
    if rate <= 0 or not years:
        return 1.0
    return (1.0 + rate) ** (year - years[0])


def _percent(share: float) -> str:
    return f"{100 * share:.3g}%"


def timing_words(settings: Any) -> str:
    """One sentence saying how timing was valued and costed (for the Summary)."""
    if settings.time_weighting:
        value = ("Earlier delivery is worth more: each project's value counts for the share "
                 "of the planning horizon it is in service, from its go-live year to the "
                 "plan's last year.")
    elif schedules_by_discount(settings):
        value = (f"Earlier delivery is worth more: the plan first captures the most value "
                 f"(the plain sum of the funded projects' values), then, of the schedules of "
                 f"those same projects, takes the one that delivers earliest, each year a "
                 f"project goes live after the plan's first year discounted by "
                 f"{_percent(settings.delivery_discount)}.")
    else:
        value = ("Timing was not valued: the plan maximizes the plain sum of the funded "
                 "projects' values, whenever they go live.")
    rate = float(settings.cost_escalation or 0.0)
    if rate > 0:
        value += (f" Costs escalate by {_percent(rate)} a year from the plan's first year, "
                  f"except projects whose cost is given year by year.")
    return value
