"""Plain-language phrases for the council: methods, plans, the plan in three sentences.

Money, fiscal years, shares, the solver status and reason codes are worded once, in
planner.core.words and planner.core.reasons, so the workbook says what the app and the
command line say.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from planner.core.plans import Plan, PlanStatus
from planner.core.reasons import reason_words
from planner.core.words import fy, money, share, status_words, years_words
from planner.export.context import ExportContext
from planner.score.methods import METHOD_KEYS
from planner.score.methods import method as method_spec

METHOD_WORDS = {
    **{key: method_spec(key).council_words for key in METHOD_KEYS},
    "ahp": "AHP: weights from pairwise comparisons, scores as a weighted sum.",
}

# Column names that engine text may carry into a council sheet, in the words a reader knows.
INTERNAL_WORDS = {
    "scale_min to scale_max": "the low to the high end of the Criteria sheet's scale",
    "scale_min": "the scale's low end", "scale_max": "the scale's high end",
    "enters_below": "funded if lower", "leaves_below": "dropped if lower",
    "enters_above": "funded if higher", "leaves_above": "dropped if higher",
    "value_per_million": "value per $1M more", "would_fund": "would also fund",
    "would_drop": "would drop", "extra_dollars": "extra budget",
    "value_gain": "value gained", "legacy_risk": "legacy risk",
    "funding_sources": "list of eligible funds", "alternative_group": "either/or group",
    "must_finish_by": "finish-by year", "earliest_start": "earliest start year",
    "one_time_cost": "one-time cost", "staff_fte": "IT staff FTE",
}

PLAN_WORDS = {
    "optimized": "Optimized plan",
    "rank_and_cut": "Rank and cut (fund in score order until the money runs out)",
    "greedy": "Greedy (fund the best value per dollar first)",
}


# "a value of 2.289 to 3.837 or more (now 0.6168)": the value a project would need, in the
# Summary's points (planner.explain.what_it_takes words it without a unit)
_VALUE_NEEDED = re.compile(r"\ba value of ([\d.,]+(?: to [\d.,]+)?) or more \(now ([\d.,]+)\)")


def plain_names(text: str) -> str:
    """Engine text with any internal column name it quotes put in plain words, and a value
    it needs given in points."""
    for name, words in INTERNAL_WORDS.items():
        text = text.replace(name, words)
    return _VALUE_NEEDED.sub(r"a value of \1 points or more (now \2)", text)


def council_text(text: str) -> str:
    """Engine text in plain words, as a sentence starts (a capital first letter)."""
    text = plain_names(text)
    return text[:1].upper() + text[1:]


def method_words(method: str) -> str:
    """A scoring method explained in one sentence."""
    return METHOD_WORDS.get(method.lower(), f"{method.upper()}.")


def improvement(plan: Plan, baseline: Plan | None) -> float | None:
    """How much more value the plan captures than a baseline, as a share (0.18 = 18%)."""
    if baseline is None or baseline.objective <= 0:
        return None
    return plan.objective / baseline.objective - 1.0


def three_sentences(ctx: ExportContext) -> list[str]:
    """The plan in three sentences of plain language."""
    plan = ctx.plan
    total = len(ctx.portfolio.candidates)
    if plan.status is PlanStatus.INFEASIBLE:
        # a plan built elsewhere may carry its cause in its message rather than its reasons
        first = status_words(plan, sentence=True) if plan.reasons or not plan.message \
            else f"{status_words(plan)}: {plan.message}"
        if not first.endswith("."):
            first += "."
        return [first, "The Unfunded sheet lists the conflicting projects and reasons.",
                "Change the budget, the mandatory projects or the rules, and plan again."]
    budget = ctx.total_budget
    used = f" ({share(ctx.total_spend / budget)})" if budget else ""
    first = (f"The plan funds {len(plan.funded)} of {total} candidate projects over "
             f"{years_words(ctx.fiscal_years)}, spending {money(ctx.total_spend)} of the "
             f"{money(budget)} capital budget{used}.")
    return [first, _value_sentence(ctx), _unfunded_sentence(ctx)]


def _value_sentence(ctx: ExportContext) -> str:
    plan = ctx.plan
    proof = {
        PlanStatus.OPTIMAL: "the solver proved that no plan within the same rules does better",
        PlanStatus.FEASIBLE: "the solver did not prove that no better plan exists",
        PlanStatus.TIME_LIMIT: "the solver ran out of time before proving it the best",
        PlanStatus.HEURISTIC: "it comes from a rule of thumb, not an optimizer",
    }[plan.status]
    gain = improvement(plan, ctx.baselines.get("rank_and_cut"))
    if gain is None:
        return f"It captures a total value of {plan.objective:,.1f}, and {proof}."
    more = f"{share(gain)} more value than" if gain >= 0.005 else "as much value as"
    return (f"It captures {more} funding projects in score order until the "
            f"money runs out (rank and cut), and {proof}.")


def _unfunded_sentence(ctx: ExportContext) -> str:
    unfunded = ctx.plan.unfunded
    if not unfunded:
        return "Every candidate project is funded."
    counts = Counter(code for item in unfunded for code in dict.fromkeys(item.codes))
    noun = "project is" if len(unfunded) == 1 else "projects are"
    if not counts:
        return (f"{len(unfunded)} {noun} left unfunded; the Unfunded sheet gives the "
                "reasons and what each would take.")
    parts = [f"{reason_words(code)} ({count})"
             for code, count in counts.most_common(3)]
    reasons = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (f"{len(unfunded)} {noun} left unfunded, mainly because of {reasons}; "
            "the Unfunded sheet says what each would take.")


def plural(count: int, noun: str, many: str | None = None) -> str:
    """A count with its noun: 1 error, 2 errors, 1 note of kind ..., 0 warnings."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def join_words(parts: list[str]) -> str:
    """a, b and c."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def override_rows(ctx: ExportContext) -> list[tuple[str, str]]:
    """The user's overrides in words, each project named (one row each kind that is used)."""
    over = ctx.overrides
    if over.empty:
        return [("Overrides", "none: every project was chosen by the optimizer within the "
                 "rules")]

    def named(ids: Any) -> str:
        return "; ".join(f"{cid} ({ctx.name(cid)})" for cid in sorted(ids))

    rows = []
    if over.force_in:
        rows.append(("Forced in by the user", named(over.force_in)))
    if over.force_out:
        rows.append(("Forced out by the user", named(over.force_out)))
    if over.pin_start:
        rows.append(("Start year fixed by the user", "; ".join(
            f"{cid} ({ctx.name(cid)}) from {fy(year)}"
            for cid, year in sorted(over.pin_start.items()))))
    return rows


def restricted_funds_words(ctx: ExportContext) -> str:
    """The restricted funds (money only the projects that name the fund may use: a grant, an
    enterprise fund, planner.core.funds), each with its kind and how many projects may use
    it; or 'none'."""
    portfolio = ctx.portfolio
    restricted = [f for f in ctx.funds if f in set(portfolio.restricted_funds)]
    if not restricted:
        return "none: every project may draw on every fund it names or, naming none, on all"
    ids = list(portfolio.candidates)
    users = dict.fromkeys(ctx.funds, 0)
    for cid in ids:
        for fund in portfolio.eligible_funds(cid):
            users[fund] = users.get(fund, 0) + 1
    kinds: dict[str, str] = {}  # a kind the fund's own name does not already say
    for line in portfolio.budget:
        kind = str(line.fund_kind or "").strip()
        if kind and kind.casefold() not in line.fund.casefold():
            kinds.setdefault(line.fund, kind)
    parts = [f"{fund}{f' ({kinds[fund]})' if fund in kinds else ''}: {users[fund]} of "
             f"{len(ids)} projects name it" for fund in restricted]
    return "; ".join(parts) + (". Only projects that name a restricted fund may use its "
                               "money.")


def timing_sentence(settings: Any) -> str:
    """How timing was valued: the plan's own words when it gives them, else from Settings."""
    try:
        from planner.plan.timing import timing_words
    except ImportError:  # an engine without the timing module values time one way only
        timing_words = None
    if timing_words is not None:
        return timing_words(settings)
    if getattr(settings, "time_weighting", False):
        return ("Earlier delivery is worth more: each project's value counts for the share "
                "of the planning horizon it is in service.")
    return ("Timing was not valued: the plan maximizes the plain sum of the funded "
            "projects' values, whenever they go live.")


def carry_over_rows(ctx: ExportContext) -> list[tuple[str, str]]:
    """Whether unspent budget carries forward and, when it does, how much went into which
    year."""
    if not ctx.portfolio.settings.carry_over:
        return [("Carry-over", "off: each year's budget is for that year only")]
    carried = [(y, ctx.carried_into(y)) for y in ctx.fiscal_years if ctx.carried_into(y) > 0]
    return [("Carry-over", "on: a year's unspent budget carries into the next"),
            ("Carried in from earlier years", "; ".join(f"{fy(y)} {money(v)}" for y, v in
                                                       carried)
             or "nothing (every year's budget was spent)")]
