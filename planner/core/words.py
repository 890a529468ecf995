"""The one wording of figures the app, the command line and the workbook show.

Money is stored as numbers and worded only here, in two forms: `money` for the council's
compact form ("$12.4M", "$850K", "$450") and `money_full` where a table needs the exact
figure ("$12,400,000"). A spreadsheet cell that holds money as a number shows it through
the matching number format, `MONEY_COMPACT_FORMAT` or `MONEY_FULL_FORMAT`, so a workbook
says "$2.5M" or "$2,500,000" exactly as the text does, never "$2,500,000.00". A plan's
value is worded in points (`points`): each funded project adds its score. Fiscal years are
ints worded "FY2027"; shares are worded "18%"; the solver's status has one short label and
one sentence, both from `status_words`.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.core.plans import Plan, PlanStatus

MISSING = "-"  # how a money figure that is not known is shown

STATUS_LABELS = {
    PlanStatus.OPTIMAL: "Proven optimal",
    PlanStatus.FEASIBLE: "Feasible, but not proven optimal",
    PlanStatus.TIME_LIMIT: "Stopped at the solver's limit; the best plan found is shown",
    PlanStatus.INFEASIBLE: "No plan satisfies every rule",
    PlanStatus.HEURISTIC: "Rule-based plan (no optimality proof)",
}

# The number formats that show a money cell as `money_full` and `money` word it: whole
# dollars (negatives as -$1,250), and the compact form for amounts of zero or more ($12.4M
# under $100M, $850K, $450).
MONEY_FULL_FORMAT = '"$"#,##0;-"$"#,##0'
MONEY_COMPACT_FORMAT = '[>=999500]"$"#,##0.0,,"M";[>=999.5]"$"#,##0,"K";"$"#,##0'
POINTS_FORMAT = '#,##0.0 "points"'
POINTS_DEFINITION = ("Value is counted in points: each funded project adds its score (0 to 1, "
                     "from the weighted criteria), less any reduction for going live later; "
                     "a plan's value is the sum over its projects.")

# The status in a table cell (the budget frontier's Status column), a few words each.
STATUS_SHORT = {
    PlanStatus.OPTIMAL: "proven optimal",
    PlanStatus.FEASIBLE: "not proven optimal",
    PlanStatus.TIME_LIMIT: "stopped by a limit",
    PlanStatus.INFEASIBLE: "no plan fits",
    PlanStatus.HEURISTIC: "rule of thumb",
}

SHOWN_GAP = 0.00005  # a smaller gap reads as 0.00%, so it is not worth saying


def money(amount: float | None) -> str:
    """Money as a council reads it at a glance: $12.4M, $125M, $850K, $450."""
    if amount is None:
        return MISSING
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    # pick the unit after rounding, so that 999,999 reads $1.0M and not $1,000K
    if round(amount / 1e3) >= 1_000:
        millions = amount / 1e6
        return f"{sign}${millions:,.1f}M" if round(millions, 1) < 100 else \
            f"{sign}${millions:,.0f}M"
    if round(amount) >= 1_000:
        return f"{sign}${amount / 1e3:,.0f}K"
    return f"{sign}${amount:,.0f}"


def money_full(amount: float | None) -> str:
    """Money to the dollar, for tables and notes that need the exact figure: $12,400,000."""
    if amount is None:
        return MISSING
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.0f}"


def points(value: float | None) -> str:
    """A plan's or a project's value in points: 20.9 points (see POINTS_DEFINITION)."""
    if value is None:
        return MISSING
    return f"{value:,.1f} points" if abs(value) >= 0.05 or value == 0 else f"{value:.3f} points"


def fy(year: int | None) -> str:
    """A fiscal year as people write it: FY2027."""
    return f"FY{year}"


def fy_span(start: int, end: int) -> str:
    """The fiscal years a project runs: FY2027-FY2029, or FY2027 for a single year."""
    return f"{fy(start)}-{fy(end)}" if end > start else fy(start)


def years_words(years: Sequence[int]) -> str:
    """A planning horizon in words: FY2027 to FY2031 (or a single year)."""
    if not years:
        return "no fiscal years"
    if len(years) == 1:
        return fy(years[0])
    return f"{fy(years[0])} to {fy(years[-1])}"


def share(fraction: float, decimals: int = 0) -> str:
    """A share as a percentage: 0.18 reads 18%."""
    return f"{fraction:.{decimals}%}"


def _figure(value: float | None) -> str:
    return "unknown" if value is None else f"{value:,.4g}"


def _sentence(plan: Plan, label: str) -> str:
    gap = share(plan.gap, 2) if plan.gap is not None else "an unknown share"
    if plan.status is PlanStatus.OPTIMAL:
        return f"{label}: no plan that meets every constraint captures more value than " \
               f"{_figure(plan.objective)}."
    if plan.status is PlanStatus.FEASIBLE:
        return f"{label}: the best possible plan captures at most {gap} more value " \
               f"(bound {_figure(plan.bound)})."
    if plan.status is PlanStatus.TIME_LIMIT:
        if not plan.funded and not plan.objective:
            return "Stopped at the solver's limit before any plan was found."
        return (f"Stopped at the solver's limit: this plan captures "
                f"{_figure(plan.objective)}, and no plan can capture more than "
                f"{_figure(plan.bound)} ({gap} more).")
    if plan.status is PlanStatus.INFEASIBLE and plan.reasons:
        return f"{label}: " + "; ".join(plan.reasons)
    return f"{label}."


def status_short(status: object) -> str:
    """A solver status (a PlanStatus or its value, such as 'time_limit') in a few words."""
    try:
        return STATUS_SHORT[PlanStatus(str(getattr(status, "value", status)))]
    except ValueError:
        return str(status).replace("_", " ")


def status_words(plan: Plan, *, sentence: bool = False) -> str:
    """The solver's status in words: a short label with the gap, or the full sentence.

    The label ("Feasible, but not proven optimal (within 0.12% of the best possible value)")
    heads the workbook's summary; the sentence is the plan's message, which the app, the
    command line and the workbook's record all show.
    """
    label = STATUS_LABELS.get(plan.status, str(plan.status))
    if sentence:
        return _sentence(plan, label)
    if plan.gap is not None and plan.gap >= SHOWN_GAP and not plan.is_infeasible:
        label += f" (within {share(plan.gap, 2)} of the best possible value)"
    return label
