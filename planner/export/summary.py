"""The Summary sheet: what a council member reads first."""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from planner.core.plans import Plan, PlanStatus
from planner.core.words import POINTS_DEFINITION, fy, money, status_words, years_words
from planner.export import styles as xs
from planner.export.context import ExportContext
from planner.export.layout import Col, SheetWriter
from planner.export.words import (
    PLAN_WORDS,
    carry_over_rows,
    council_text,
    improvement,
    method_words,
    override_rows,
    plural,
    restricted_funds_words,
    three_sentences,
    timing_sentence,
)
from planner.propose.proposals import ProposalShare, proposal_share
from planner.score.metrics import METRIC_LABELS

WIDTHS = {1: 34, 2: 24, 3: 18, 4: 16, 5: 16, 6: 16}
SENTENCE_COLUMNS = 6  # sentences span A:F
VALUE_SPAN = (5, sum(WIDTHS.values()) - WIDTHS[1])  # long values wrap across B:F
SENTENCE_WIDTH = sum(WIDTHS.values()) * 0.9  # sentences are 11-point, a little wider


def write_summary(ws: Worksheet, ctx: ExportContext, tables: set[str]) -> None:
    """Headline figures, the plan in three sentences, the weights and method in words."""
    out = SheetWriter(ws, tables)
    stamp = ctx.timestamp.strftime("%Y-%m-%d %H:%M")
    out.title(f"{ctx.city}: modernization roadmap",
              f"Scenario: {ctx.scenario}  |  {years_words(ctx.fiscal_years)}  |  "
              f"prepared {stamp} UTC")
    out.line("The plan in three sentences", xs.SECTION)
    for sentence in three_sentences(ctx):
        out.paragraph(sentence, SENTENCE_COLUMNS, SENTENCE_WIDTH)
    share = _proposals(ctx)
    if share.rests_on_estimates:
        out.paragraph(f"This plan rests partly on estimates: {share.sentence()} The "
                      "Assumptions sheet gives the rules behind every estimated figure.",
                      SENTENCE_COLUMNS, SENTENCE_WIDTH)
    for sentence in carry_over_sentences(ctx):
        out.paragraph(sentence, SENTENCE_COLUMNS, SENTENCE_WIDTH)
    out.skip()
    out.line("Headline figures", xs.SECTION)
    out.pairs(_headlines(ctx), span=VALUE_SPAN)
    out.skip()
    out.line("Choices that shaped the plan", xs.SECTION)
    out.pairs([(label, text, xs.TEXT) for label, text in choice_rows(ctx)], span=VALUE_SPAN)
    out.skip()
    _scoring(out, ctx)
    _plans_compared(out, ctx)
    out.fit(WIDTHS, fixed=True)
    xs.print_setup(ws, scenario=ctx.scenario, pages_tall=1)


def _headlines(ctx: ExportContext) -> list[tuple[str, Any, str]]:
    plan = ctx.plan
    candidates = ctx.portfolio.candidates
    mandatory = [cid for cid, c in candidates.items() if c.mandatory]
    funded = set(plan.funded_ids)
    budget = ctx.total_budget
    items: list[tuple[str, Any, str]] = [
        ("City", ctx.city, xs.HEADLINE),
        ("Scenario", ctx.scenario, xs.HEADLINE),
        ("Planning horizon", years_words(ctx.fiscal_years), xs.TEXT),
        ("Projects funded", f"{len(plan.funded)} of {len(candidates)}", xs.HEADLINE),
    ]
    if mandatory:
        done = sum(1 for cid in mandatory if cid in funded)
        items.append(("Mandatory projects funded", f"{done} of {len(mandatory)}", xs.TEXT))
    share = _proposals(ctx)
    if share.rests_on_estimates:
        items.append(("Planner's proposals (estimated)",
                      f"{share.proposed} of {share.considered} considered, "
                      f"{share.funded} funded", xs.TEXT))
    items += [
        ("Planned capital spend", ctx.total_spend, xs.HEADLINE_MONEY),
        ("Capital budget available", budget, xs.COMPACT_MONEY_CELL),
        ("Share of budget used", ctx.total_spend / budget if budget else None,
         xs.HEADLINE_PERCENT),
        ("Value captured", plan.objective, xs.HEADLINE_POINTS),
        *_value_share(ctx),
        ("What a point is", POINTS_DEFINITION, xs.TEXT),
    ]
    for name in ("rank_and_cut", "greedy"):
        gain = improvement(plan, ctx.baselines.get(name))
        if gain is not None:
            label = "rank and cut" if name == "rank_and_cut" else "greedy"
            items.append((f"Value gained over {label}", gain, xs.PERCENT_CELL))
    items.append(("Solver status", status_words(plan), xs.TEXT))
    counts = [plural(ctx.issue_count("error"), "error"),
              plural(ctx.issue_count("warning"), "warning"),
              plural(ctx.issue_count("info"), "note")]
    items.append(("Import problems", f"{', '.join(counts)} (see Data Issues)", xs.TEXT))
    return items


def _value_share(ctx: ExportContext) -> list[tuple[str, Any, str]]:
    """The value as a share of the best any plan within the rules can capture (the bound)."""
    plan = ctx.plan
    if plan.is_infeasible:
        return []
    if plan.status is PlanStatus.OPTIMAL:
        best = plan.objective
    elif plan.bound is not None and plan.bound > 0:
        best = plan.bound
    else:
        return []
    return [("Share of the best possible plan", plan.objective / best if best > 0 else None,
             xs.PERCENT_CELL)]


def choice_rows(ctx: ExportContext) -> list[tuple[str, str]]:
    """The choices behind the plan besides the scores: overrides, carry-over, restricted
    funds, how timing was valued and any balance rules."""
    rows = [*override_rows(ctx),
            *carry_over_rows(ctx),
            ("Restricted funds", restricted_funds_words(ctx)),
            ("How timing was valued", timing_sentence(ctx.portfolio.settings))]
    rules = tuple(getattr(ctx.portfolio, "rules", ()) or ())
    if rules:
        rows.append(("Balance rules", f"{plural(len(rules), 'rule')} on the shares, amounts "
                     "or counts of capital for groups of projects (see the Rules sheet)"))
    return rows


def carry_over_sentences(ctx: ExportContext) -> list[str]:
    """With carry-over on, one sentence per year that spends above its own budget, saying
    what was carried in to pay for it."""
    sentences = []
    for year in ctx.fiscal_years:
        spent = sum(ctx.spend.get((year, f), 0.0) for f in ctx.funds)
        own = sum(ctx.cap(year, f) for f in ctx.funds)
        if ctx.carried_into(year) > 0 and spent > own + 0.5:
            sentences.append(
                f"Carry-over is on: {fy(year)} spends {money(spent)}, above its own budget of "
                f"{money(own)}, from the {money(ctx.carried_into(year))} carried in from "
                "earlier years' unspent budget.")
    return sentences


def _proposals(ctx: ExportContext) -> ProposalShare:
    plan = ctx.plan
    return proposal_share(ctx.portfolio, None if plan.is_infeasible else plan.funded_ids)


def _scoring(out: SheetWriter, ctx: ExportContext) -> None:
    out.line("How projects were scored", xs.SECTION)
    scores = ctx.scores
    if scores is None:
        out.line("Scores were not given to this export.", xs.NOTE)
        out.skip()
        return
    items: list[tuple[str, Any, str]] = [
        ("Method", method_words(scores.method), xs.TEXT),
        ("Rating scale", council_text(scores.normalization), xs.TEXT),
        ("Score direction", "Higher is better" if scores.higher_is_better
         else "Lower is better", xs.TEXT),
    ]
    if scores.consistency_ratio is not None:
        items.append(("AHP consistency ratio (below 0.10 is acceptable)",
                      scores.consistency_ratio, xs.SCORE_CELL))
    out.pairs(items, span=VALUE_SPAN)
    out.skip()
    by_name = {c.criterion: c for c in scores.criteria}
    names = list(scores.weights)
    out.table([
        Col("Criterion", names),
        Col("Weight", [scores.weights[n] for n in names], xs.PERCENT_CELL),
        Col("Better when", [_better(by_name.get(n)) for n in names], xs.FLAG),
        Col("Measured by", [measure_words(by_name[n].column) if n in by_name else ""
                            for n in names]),
    ])
    out.skip()


def measure_words(column: str) -> str:
    """What a criterion reads, in words: a derived metric's label, else the column's name."""
    if column in METRIC_LABELS:
        return METRIC_LABELS[column]
    return column.replace("_", " ").capitalize() if column.islower() else column


def _better(criterion: Any) -> str:
    if criterion is None:
        return ""
    return "higher" if str(getattr(criterion.direction, "value", criterion.direction)) == "max" \
        else "lower"


def _plans_compared(out: SheetWriter, ctx: ExportContext) -> None:
    plans: list[Plan] = [ctx.plan, *ctx.baselines.values()]
    if len(plans) == 1:
        return
    out.line("Plans compared", xs.SECTION)
    best = ctx.plan.objective
    out.table([
        Col("Plan", [PLAN_WORDS.get(p.name, p.name) for p in plans], xs.WRAP),
        Col("Projects funded", [len(p.funded) for p in plans], xs.INTEGER_CELL),
        Col("Planned spend", [sum(i.total_cost for i in p.funded) for p in plans],
             xs.COMPACT_MONEY_CELL),
        Col("Value captured", [p.objective for p in plans], xs.POINTS_CELL),
        Col("Share of the optimized plan's value", [p.objective / best if best > 0 else None
                                                    for p in plans], xs.PERCENT_CELL),
    ])
