"""What the council brief says about the plan: its outcomes, its roadmap, what is left out.

Every figure is worded here in the council's language (money as $2.5M, shares as 18%, no
internal names), as plain data: the Typst template only lays it out, and reads every text as
text, never as markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from planner.brief.figures import plan_headlines, systems_retired
from planner.core.models import Portfolio
from planner.core.plans import Plan, PlanResult, PlanStatus, UnfundedItem
from planner.core.reasons import reasons_words
from planner.core.words import fy, fy_span, money, share, years_words

ALONGSIDE = "; or, alongside the current plan: "  # how what_it_takes joins its two routes
TOP_VALUE = 1.0  # a project's value is its score from 0 to 1: a value needed above is out of reach
PLAIN = {"no value would do within today's limits": "even the top rating would not fit today's "
                                                   "limits",
         "no value would do": "even the top rating would not fund it",
         "beside the required candidates": "beside the mandatory projects",
         "IT staff FTE": "full-time IT staff"}


@dataclass(frozen=True)
class Limits:
    """How many rows the long lists show (the rest are in the council workbook)."""

    unfunded: int = 40
    retired: int = 24


def count(number: int, noun: str, plural: str | None = None) -> str:
    """'1 project', '45 projects'."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def summary_paragraph(portfolio: Portfolio, plan: Plan, values: Mapping[str, float]) -> str:
    """The brief's first paragraph: what the plan funds, spends and achieves."""
    figures = plan_headlines(portfolio, plan, values)
    years = years_words(portfolio.fiscal_years)
    funded, total = int(figures["funded"]), int(figures["candidates"])
    text = (f"The plan funds {funded} of {count(total, 'candidate project')} over {years}, "
            f"using {money(figures['spend'])} of the {money(figures['capital'])} capital "
            f"budget available ({share(figures['budget_share'])}).")
    outcomes = []
    retired = systems_retired(portfolio, plan)
    if retired:
        outcomes.append(f"retires {count(len(retired), 'old system')}")
    if portfolio.systems:
        outcomes.append(f"removes {share(figures['risk_share'])} of the legacy risk in the "
                        "city's systems")
    if figures["hours_freed"] >= 1:
        outcomes.append(f"frees {figures['hours_freed']:,.0f} staff hours a year")
    savings = figures["net_savings"]
    if savings >= 0.5:
        outcomes.append(f"saves a net {money(savings)} a year once every funded project is "
                        "live")
    elif savings <= -0.5:
        outcomes.append(f"adds a net {money(-savings)} a year in operating cost once every "
                        "funded project is live")
    if outcomes:
        joined = outcomes[0] if len(outcomes) == 1 else \
            ", ".join(outcomes[:-1]) + " and " + outcomes[-1]
        text += f" It {joined}."
    return text


def key_figures(portfolio: Portfolio, plan: Plan, values: Mapping[str, float]
                ) -> list[dict[str, str]]:
    """The headline figures as label, figure and what the figure means."""
    f = plan_headlines(portfolio, plan, values)
    rows = [
        ("Projects funded", f"{f['funded']:.0f} of {f['candidates']:.0f}",
         "candidate projects in the plan"),
        ("Capital used", money(f["spend"]),
         f"of {money(f['capital'])} available ({share(f['budget_share'])})"),
    ]
    if portfolio.systems:
        rows.append(("Legacy risk retired", share(f["risk_share"]),
                     "of the legacy risk points of the city's systems"))
    rows += [("Staff hours freed", f"{f['hours_freed']:,.0f} a year",
              "staff time paper and manual processes no longer take"),
             ("Net savings", f"{money(f['net_savings'])} a year",
              "retired upkeep, paper and staff time, less new operating cost")]
    return [{"label": label, "figure": figure, "meaning": meaning}
            for label, figure, meaning in rows]


def proof_sentence(plan: Plan) -> str:
    """How good the plan is known to be, without the solver's numbers."""
    if plan.status is PlanStatus.OPTIMAL:
        return ("The planner proved that no other choice of projects within the same budget "
                "and rules captures more value.")
    gap = f"within {share(plan.gap, 1)} of" if plan.gap is not None else "close to"
    if plan.status is PlanStatus.HEURISTIC:
        return "This plan comes from a rule of thumb; no optimality proof was sought."
    return (f"The planner stopped before proving this plan the best; it is {gap} the best "
            "possible value.")


def comparison_sentence(result: PlanResult) -> str:
    """The plan beside rank and cut, as shares of this plan's value."""
    plan = result.optimized
    base = result.baselines.get("rank_and_cut")
    if base is None or base.is_infeasible or plan.objective <= 0:
        return ""
    ratio = base.objective / plan.objective
    if ratio >= 0.995:
        return ("Funding projects in score order until the money runs out (rank and cut) "
                "would do as well here.")
    return (f"Funding projects in score order until the money runs out (rank and cut) would "
            f"fund {len(base.funded)} projects and capture {share(ratio)} of this plan's "
            f"value: this plan captures {share(plan.objective / base.objective - 1)} more.")


def retired_systems(portfolio: Portfolio, plan: Plan, limit: int) -> dict[str, object]:
    """The old systems the plan retires, each with the project that does it."""
    found = systems_retired(portfolio, plan)
    rows = [{"system": system, "project": project} for system, project in found[:limit]]
    more = len(found) - len(rows)
    return {"rows": rows, "more": f"and {count(more, 'other system')}" if more > 0 else ""}


def spend_table(portfolio: Portfolio, plan: Plan, funds: list[str]) -> dict[str, object]:
    """Spend per fiscal year and fund, with each year's capital budget."""
    spend: dict[tuple[int, str], float] = {}
    for item in plan.funded:
        for year, by_fund in item.spend.items():
            for fund, amount in by_fund.items():
                spend[(year, fund)] = spend.get((year, fund), 0.0) + amount
    rows = []
    for year in portfolio.fiscal_years:
        amounts = [spend.get((year, fund), 0.0) for fund in funds]
        budget = sum(portfolio.capital_cap(year, fund) for fund in funds)
        rows.append([fy(year), *[money(a) for a in amounts], money(sum(amounts)),
                     money(budget)])
    return {"header": ["Fiscal year", *funds, "Total", "Budget"], "rows": rows}


def projects_by_year(portfolio: Portfolio, plan: Plan) -> list[dict[str, str]]:
    """The funded projects grouped by the fiscal year they start, with years and cost."""
    groups: dict[int, list[str]] = {}
    for item in sorted(plan.funded, key=lambda i: (i.start_year, -i.total_cost)):
        cand = portfolio.candidates.get(item.candidate_id)
        name = cand.name if cand else item.candidate_id
        span = "" if item.end_year == item.start_year else \
            f", {fy_span(item.start_year, item.end_year)}"
        groups.setdefault(item.start_year, []).append(f"{name} ({money(item.total_cost)}"
                                                      f"{span})")
    return [{"year": f"Starting in {fy(year)}", "projects": "; ".join(names) + "."}
            for year, names in sorted(groups.items())]


def what_it_would_take(portfolio: Portfolio, item: UnfundedItem, value: float) -> str:
    """What would get an unfunded project in, short: the money, staff or room it lacks and
    how much more valuable it would have to be rated (no internal value units)."""
    text = item.what_it_would_take or ""
    route, _, alongside = text.partition(ALONGSIDE)
    if not route.startswith("a value of"):
        route, alongside = "", text.split(". Alongside the current plan")[0]
    needs = []
    for need in filter(None, (n.strip() for n in alongside.split("; "))):
        head, sep, _detail = need.partition(": ")
        needs.append(head if sep and head[:1] in "$0123456789" else need)
    parts = [named(plain("; ".join(needs)), portfolio)] if needs else []
    if item.value_needed is not None and value > 0:
        if item.value_needed <= TOP_VALUE:
            parts.append(f"a value {item.value_needed / value:.1f} times today's")
        elif parts:
            parts.append("no higher rating alone would fund it")
    return " - or ".join(parts) if parts else "no simple change would fund it"


def plain(text: str) -> str:
    """The engine's wording of a limit in the council's words."""
    for engine, council in PLAIN.items():
        text = text.replace(engine, council)
    return text


def named(text: str, portfolio: Portfolio) -> str:
    """The text with each candidate id the engine wrote replaced by the project's name."""
    ids = sorted(portfolio.candidates, key=len, reverse=True)
    if not ids:
        return text
    pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(cid)}(?![\w-])" for cid in ids))
    return pattern.sub(lambda m: f"'{portfolio.candidates[m.group()].name}'", text)


def unfunded_rows(portfolio: Portfolio, plan: Plan, values: Mapping[str, float],
                  limit: int) -> dict[str, object]:
    """The unfunded projects, most valuable first: cost, why not, and what it would take."""
    ordered = sorted(plan.unfunded, key=lambda u: -float(values.get(u.candidate_id, 0.0)))
    rows = []
    for item in ordered[:limit]:
        cand = portfolio.candidates.get(item.candidate_id)
        rows.append({"project": cand.name if cand else item.candidate_id,
                     "cost": money(cand.one_time_cost if cand else None),
                     "why": reasons_words(item.codes) or "; ".join(item.reasons),
                     "takes": what_it_would_take(portfolio, item,
                                                 float(values.get(item.candidate_id, 0.0)))})
    more = len(ordered) - len(rows)
    note = (f"The other {count(more, 'unfunded project')}, and every project's reasons in "
            "full, are on the Unfunded sheet of the council workbook." if more > 0 else "")
    return {"count": len(ordered), "rows": rows, "more": note}
