"""Plain-language phrases for the council: methods, solver status, money, the plan itself."""

from __future__ import annotations

from collections import Counter

from planner.core.plans import Plan, PlanStatus
from planner.export.context import ExportContext
from planner.score.methods import METHOD_KEYS
from planner.score.methods import method as method_spec

METHOD_WORDS = {
    **{key: method_spec(key).council_words for key in METHOD_KEYS},
    "ahp": "AHP: weights from pairwise comparisons, scores as a weighted sum.",
}

STATUS_WORDS = {
    PlanStatus.OPTIMAL: "Proven optimal",
    PlanStatus.FEASIBLE: "Feasible, but not proven optimal",
    PlanStatus.TIME_LIMIT: "Stopped at the time limit; the best plan found is shown",
    PlanStatus.INFEASIBLE: "No plan satisfies every rule",
    PlanStatus.HEURISTIC: "Rule-based plan (no optimality proof)",
}

PLAN_WORDS = {
    "optimized": "Optimized plan",
    "rank_and_cut": "Rank and cut (fund in score order until the money runs out)",
    "greedy": "Greedy (fund the best value per dollar first)",
}

REASON_WORDS = {
    "budget": "not enough budget",
    "prerequisite": "an unfunded or late prerequisite",
    "alternative": "an either/or choice",
    "deadline": "its deadline",
    "staff": "staff capacity",
    "operating": "the operating budget",
    "forced_out": "a manual exclusion",
    "forced-out": "a manual exclusion",
    "fund": "no eligible fund",
    "horizon": "the planning horizon",
}


def method_words(method: str) -> str:
    """A scoring method explained in one sentence."""
    return METHOD_WORDS.get(method.lower(), f"{method.upper()}.")


def status_words(plan: Plan) -> str:
    """The solver's status in words, with the optimality gap when known."""
    words = STATUS_WORDS.get(plan.status, plan.status.value)
    if plan.gap is not None and plan.gap >= 0.00005 and plan.status is not \
            PlanStatus.INFEASIBLE:
        words += f" (within {plan.gap:.2%} of the best possible value)"
    return words


def money(amount: float) -> str:
    """Dollars in words a council reads at a glance: $12.4 million, $850,000."""
    if abs(amount) >= 1e6:
        return f"${amount / 1e6:,.1f} million"
    return f"${amount:,.0f}"


def years_words(years: list[int]) -> str:
    """FY2027 to FY2031 (or a single year)."""
    if not years:
        return "no fiscal years"
    if len(years) == 1:
        return f"FY{years[0]}"
    return f"FY{years[0]} to FY{years[-1]}"


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
        first = "No plan satisfies every rule" + (f": {plan.message}" if plan.message else ".")
        if not first.endswith("."):
            first += "."
        return [first, "The Unfunded sheet lists the conflicting projects and reasons.",
                "Change the budget, the mandatory projects or the rules, and plan again."]
    budget = ctx.total_budget
    share = f" ({ctx.total_spend / budget:.0%})" if budget else ""
    first = (f"The plan funds {len(plan.funded)} of {total} candidate projects over "
             f"{years_words(ctx.fiscal_years)}, spending {money(ctx.total_spend)} of the "
             f"{money(budget)} capital budget{share}.")
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
    more = f"{gain:.0%} more" if gain >= 0.005 else "as much"
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
    parts = [f"{REASON_WORDS.get(code, code.replace('_', ' '))} ({count})"
             for code, count in counts.most_common(3)]
    reasons = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (f"{len(unfunded)} {noun} left unfunded, mainly because of {reasons}; "
            "the Unfunded sheet says what each would take.")
