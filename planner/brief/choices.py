"""What the council brief says about the choices behind the plan: how priorities were set
and by whom, the manual overrides, what more or less money would change, and the method."""

from __future__ import annotations

from typing import Any

import pandas as pd

from planner.core.models import Portfolio
from planner.core.plans import Overrides, PlanResult
from planner.core.words import fy, money, share
from planner.export.words import method_words
from planner.plan.timing import timing_words
from planner.score.stakeholders import AGGREGATION_RULE

FRONTIER_SCALES = (0.75, 0.9, 1.1, 1.25, 1.5)  # the budget levels the brief's table shows


def _names(portfolio: Portfolio, ids: Any) -> str:
    names = [portfolio.candidates[c].name if c in portfolio.candidates else str(c)
             for c in sorted(ids)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _better(criterion: Any) -> str:
    direction = str(getattr(criterion.direction, "value", criterion.direction))
    return "lower is better" if direction == "min" else "higher is better"


def priorities(portfolio: Portfolio, scores: Any) -> dict[str, Any]:
    """The criteria and their weights in words, and who set the weights."""
    by_name = {c.criterion: c for c in scores.criteria}
    ordered = sorted(scores.weights.items(), key=lambda kv: -kv[1])
    rows = [{"criterion": name, "weight": share(weight),
             "better": _better(by_name[name]) if name in by_name else ""}
            for name, weight in ordered if weight > 0]
    return {"rows": rows, "who": who_set_them(portfolio, scores)}


def who_set_them(portfolio: Portfolio, scores: Any) -> str:
    """Where the criteria and weights came from, and the stakeholders, if any."""
    source = scores.extra.get("criteria_source", "the Criteria sheet")
    weighing = scores.extra.get("weighting")
    text = f"The criteria come from {source}."
    if weighing is not None:
        text += f" Way of weighing: {weighing.label.lower()} ({weighing.inputs_words()})"
        text += ", then adjusted by hand." if weighing.changed_by_hand else "."
    people = portfolio.stakeholders
    combined = any("combined by" in note for note in scores.notes)
    if people and combined:
        listed = "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in people)
        text += (f" They combine the weights of {len(people)} stakeholders ({listed}) by "
                 f"their {AGGREGATION_RULE}, so no single stakeholder dominates.")
    elif people:
        text += (f" The {len(people)} stakeholders listed were not used for these weights.")
    else:
        text += " No stakeholders' weights were recorded."
    return text


def overrides_sentences(portfolio: Portfolio, overrides: Overrides) -> list[str]:
    """The manual decisions, each in a sentence; one sentence when there are none."""
    lines = []
    if overrides.force_in:
        lines.append(f"Funded by decision, whatever their score: "
                     f"{_names(portfolio, overrides.force_in)}.")
    if overrides.force_out:
        lines.append(f"Left out by decision: {_names(portfolio, overrides.force_out)}.")
    for cid, year in sorted(overrides.pin_start.items()):
        name = portfolio.candidates[cid].name if cid in portfolio.candidates else cid
        lines.append(f"{name} was set to start in {fy(year)}.")
    mandatory = [c for c in portfolio.candidates.values() if c.mandatory]
    if mandatory:
        lines.append(f"{len(mandatory)} projects are marked mandatory (for example a legal "
                     "requirement) and must be funded.")
    if not (overrides.force_in or overrides.force_out or overrides.pin_start):
        lines.insert(0, "No project was forced in or out of the plan, and no start year was "
                        "pinned: the choice is the planner's within the rules.")
    return lines


def money_rows(frontier: pd.DataFrame | None, today: float) -> list[list[str]]:
    """The budget frontier at a few levels: capital, projects funded, value vs today's plan."""
    if frontier is None or frontier.empty or today <= 0:
        return []
    rows = []
    for scale in FRONTIER_SCALES:
        found = frontier[(frontier["scale"] - scale).abs() < 1e-9]
        if found.empty:
            continue
        point = found.iloc[0]
        change = f"{abs(scale - 1):.0%} {'more' if scale > 1 else 'less'}"
        if pd.isna(point["optimized"]):
            rows.append([change, money(point["capital_budget"]), "no plan fits", "-"])
            continue
        rows.append([change, money(point["capital_budget"]), f"{int(point['funded'])}",
                     share(float(point["optimized"]) / today)])
    return rows


def money_sentence(frontier: pd.DataFrame | None, today: float) -> str:
    """What more or less money would change, in one sentence from the frontier."""
    rows = {scale: row for scale, row in zip(frontier["scale"], frontier.itertuples(),
                                              strict=True)} if frontier is not None else {}
    less, more = rows.get(0.9), rows.get(1.1)
    if less is None or more is None or today <= 0:
        return "The budget frontier was not computed for this brief."
    parts = []
    if not pd.isna(less.optimized):
        parts.append(f"with 10% less capital the best plan keeps "
                     f"{share(less.optimized / today)} of today's value")
    else:
        parts.append("with 10% less capital no plan meets every rule")
    if not pd.isna(more.optimized):
        gain = more.optimized / today - 1
        parts.append(f"10% more would add {share(gain)}" if gain >= 0.005 else
                     "10% more would add almost nothing, because other limits (staff or the "
                     "operating budget) bind first")
    return (f"{parts[0][0].upper()}{parts[0][1:]}; {parts[1]}. Value here is the sum of the "
            "funded projects' values, shown as a share of today's plan.")


def method_paragraph(portfolio: Portfolio, result: PlanResult, scores: Any) -> str:
    """How the plan was made, in one paragraph."""
    settings = portfolio.settings
    timing = " " + timing_words(settings)
    carry = (" Unspent budget carries into the next year." if settings.carry_over else
             " Each year's budget is for that year only.")
    return (f"Each candidate project is rated on the criteria above from the city's own "
            f"inventory of systems, processes and projects; its value is its score from 0 to "
            f"1. {method_words(scores.method)} The planner then chooses which projects to "
            "fund, in which fiscal year and from which fund, so that the funded projects' "
            "total value is as high as possible while every year stays within each fund's "
            "capital budget, the IT staff available and the operating increase allowed; "
            "prerequisites finish first, only one of each either/or group is chosen and "
            f"mandatory projects are funded.{carry}{timing} The same rules applied to "
            "ranking by score and funding down the list until the money runs out (rank and "
            "cut) give the comparison above.")


def funds_sentence(result: PlanResult, funds: list[str]) -> str:
    """Which funds the plan draws on, and how much from each."""
    totals: dict[str, float] = dict.fromkeys(funds, 0.0)
    for item in result.optimized.funded:
        for by_fund in item.spend.values():
            for fund, amount in by_fund.items():
                totals[fund] = totals.get(fund, 0.0) + amount
    parts = [f"{fund} {money(amount)}" for fund, amount in totals.items() if amount > 0.5]
    return "By fund: " + "; ".join(parts) + "." if parts else "The plan spends no capital."
