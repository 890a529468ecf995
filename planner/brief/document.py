"""The council brief as one JSON-ready document: every text the Typst template lays out.

Made from the same plan as the council workbook (the optimized plan beside its baselines,
its frontier and overrides, and the scores behind it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.brief import choices, content
from planner.core.models import Portfolio
from planner.core.plans import PlanResult
from planner.core.words import years_words
from planner.export.chart_specs import chart_funds, spend_alt, spend_and_caps
from planner.propose.proposals import proposal_share


def build_document(portfolio: Portfolio, result: PlanResult, scores: Any, *,
                   scenario: str | None = None, prepared: dt.date | None = None,
                   limits: content.Limits | None = None) -> dict[str, Any]:
    """Every text of the brief, worded for the council, keyed as the template reads them."""
    plan, values = result.optimized, result.values
    limits = limits or content.Limits()
    city = portfolio.settings.city
    scenario = scenario or portfolio.settings.scenario_name
    funds = chart_funds(portfolio, plan)
    standing = [content.proof_sentence(plan), content.comparison_sentence(result)]
    today = plan.objective
    unfunded = content.unfunded_rows(portfolio, plan, values, limits.unfunded)
    return {
        "title": f"{city}: modernization plan, council brief ({scenario})",
        "city": city, "scenario": scenario,
        "horizon": years_words(portfolio.fiscal_years),
        "prepared": (prepared or dt.datetime.now(dt.UTC).date()).strftime("%B %-d, %Y"),
        "summary": content.summary_paragraph(portfolio, plan, values),
        "figures": content.key_figures(portfolio, plan, values),
        "standing": [s for s in standing if s],
        "estimates": _estimates(portfolio, result),
        "retired": content.retired_systems(portfolio, plan, limits.retired),
        "roadmap_alt": roadmap_alt(portfolio, result),
        "roadmap_caption": roadmap_caption(portfolio),
        "spend": content.spend_table(portfolio, plan, funds),
        "funds": choices.funds_sentence(result, funds),
        "by_year": content.projects_by_year(portfolio, plan),
        "unfunded_intro": _unfunded_intro(unfunded["count"]),
        "unfunded": unfunded,
        "money": choices.money_sentence(result.frontier, today),
        "money_rows": choices.money_rows(result.frontier, today),
        "priorities": choices.priorities(portfolio, scores),
        "overrides": choices.overrides_sentences(portfolio, result.overrides),
        "method": choices.method_paragraph(portfolio, result, scores),
    }


def _estimates(portfolio: Portfolio, result: PlanResult) -> str:
    plan = result.optimized
    share = proposal_share(portfolio, plan.funded_ids)
    if not share.rests_on_estimates:
        return ""
    return (f"This plan rests partly on estimates: {share.sentence()} The council workbook's "
            "Assumptions sheet gives the rule behind every estimated figure.")


def _unfunded_intro(number: int) -> str:
    if number == 0:
        return "Every candidate project is funded."
    return (f"{content.count(number, 'candidate project')} "
            f"{'is' if number == 1 else 'are'} not funded. The table lists the most valuable "
            "first, with what holds each back and what would get it in: the money, staff or "
            "operating room it lacks alongside this plan, or how much more valuable it would "
            "have to be rated.")


def roadmap_caption(portfolio: Portfolio) -> str:
    """What the roadmap chart's marks mean."""
    text = ("Bars: planned capital spend in each fiscal year, by fund. Red marks: the "
            "year's capital budget, all funds.")
    if portfolio.settings.carry_over:
        text += (" Orange band and dashed mark: the budget plus what earlier years left "
                 "unspent (carry-over).")
    return text


def roadmap_alt(portfolio: Portfolio, result: PlanResult) -> str:
    """The roadmap chart's message in words, for readers who cannot see it."""
    spend, caps = spend_and_caps(portfolio, result.optimized)
    return spend_alt(spend, caps)
