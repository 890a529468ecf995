"""Plain-language phrases for the council: methods, plans, the plan in three sentences.

Money, fiscal years, shares, the solver status and reason codes are worded once, in
planner.core.words and planner.core.reasons, so the workbook says what the app and the
command line say.
"""

from __future__ import annotations

from collections import Counter

from planner.core.plans import Plan, PlanStatus
from planner.core.reasons import reason_words
from planner.core.words import money, share, status_words, years_words
from planner.export.context import ExportContext
from planner.score.methods import METHOD_KEYS
from planner.score.methods import method as method_spec

METHOD_WORDS = {
    **{key: method_spec(key).council_words for key in METHOD_KEYS},
    "ahp": "AHP: weights from pairwise comparisons, scores as a weighted sum.",
}

PLAN_WORDS = {
    "optimized": "Optimized plan",
    "rank_and_cut": "Rank and cut (fund in score order until the money runs out)",
    "greedy": "Greedy (fund the best value per dollar first)",
}


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
    more = f"{share(gain)} more" if gain >= 0.005 else "as much"
    return (f"It captures {more} value than funding projects in score order until the "
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
