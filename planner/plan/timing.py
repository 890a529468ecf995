"""How timing enters the plan: what earlier delivery is worth, and what later spend costs.

One definition each, used by the model's objective, the baselines, the independent plan
checker and the words the workbook's Summary shows:

- **Delivery weight.** By default a candidate's value is discounted by Settings
  `delivery_discount` (3% a year) for each year its go-live (its last year of spend) falls
  after the plan's first year: weight = 1 / (1 + discount) ** (go-live - first year). With
  Settings `time_weighting` on, the weight is instead the share of the horizon the candidate
  is in service: (last year - go-live + 1) / horizon years. With time weighting off and a
  discount of 0 the objective is the plain sum of values.
- **Cost escalation.** Settings `cost_escalation` (default 0) raises a flexible candidate's
  spend in year t by (1 + rate) ** (t - first year): its one-time cost is taken to be in the
  plan's first year's dollars. A candidate with explicit cost_FY columns is already in each
  year's dollars and is not escalated.
"""

from __future__ import annotations

from typing import Any


def delivery_weight(end: int, years: list[int], settings: Any) -> float:
    """The weight of a candidate's value when it goes live (last spend) in year `end`."""
    if not years:
        return 1.0
    if settings.time_weighting:
        return (years[-1] - end + 1) / len(years)
    discount = float(settings.delivery_discount or 0.0)
    if discount <= 0:
        return 1.0
    return 1.0 / (1.0 + discount) ** (end - years[0])


def is_plain_sum(settings: Any) -> bool:
    """True when the objective is the plain sum of the funded values (no timing)."""
    return not settings.time_weighting and not (settings.delivery_discount or 0.0) > 0


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
    elif is_plain_sum(settings):
        value = ("Timing was not valued: the plan maximizes the plain sum of the funded "
                 "projects' values, whenever they go live.")
    else:
        value = (f"Earlier delivery is worth more: each project's value is discounted by "
                 f"{_percent(settings.delivery_discount)} for every year it goes live after "
                 f"the plan's first year.")
    rate = float(settings.cost_escalation or 0.0)
    if rate > 0:
        value += (f" Costs escalate by {_percent(rate)} a year from the plan's first year, "
                  f"except projects whose cost is given year by year.")
    return value
