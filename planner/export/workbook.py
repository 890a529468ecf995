"""The council roadmap workbook: plan in, polished and reproducible .xlsx bytes out.

The app's download button, `planner plan -o` and `planner export` all call
`export_workbook`. Its input sheets (Systems ... Settings, Pairwise) are the canonical
tables, so importing the exported workbook gives back the portfolio that was planned.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

import pandas as pd
from openpyxl import Workbook

import planner
from planner.core.models import Portfolio
from planner.core.plans import Overrides, Plan
from planner.export import styles as xs
from planner.export.assumptions import write_assumptions
from planner.export.chart_alt import with_chart_alt_text
from planner.export.charts import CHARTS_SHEET, write_charts
from planner.export.context import ExportContext, ScoreLike
from planner.export.glossary import GLOSSARY_SHEET, write_glossary
from planner.export.plan_sheets import write_by_year, write_funded, write_roadmap, write_unfunded
from planner.export.record import (
    input_frames,
    set_properties,
    write_input,
    write_issues,
    write_record,
)
from planner.export.rules_sheet import rules_sheets, write_rules
from planner.export.safe_cells import sheet_title, write_cell_changes
from planner.export.scores import WEIGHING_SHEET, write_robustness, write_scores, write_weighing
from planner.export.stakeholders import stakeholder_sheets, write_stakeholders
from planner.export.summary import write_summary

REPORT_SHEETS = ("Summary", "Roadmap", "By Fiscal Year", CHARTS_SHEET, "Funded", "Unfunded",
                 "Scores", WEIGHING_SHEET, "Robustness", GLOSSARY_SHEET)
CLOSING_SHEETS = ("Data Issues", "Decision Record")


def _plan_parts(plan: Any) -> tuple[Plan, dict[str, Plan], pd.DataFrame | None,
                                     Overrides | None]:
    """A Plan, or a PlanResult carrying `optimized`, `baselines`, `frontier`, `overrides`."""
    if isinstance(plan, Plan):
        return plan, {}, None, None
    baselines = dict(getattr(plan, "baselines", None) or {})
    return (plan.optimized, baselines, getattr(plan, "frontier", None),
            getattr(plan, "overrides", None))


def _smaa_notes(result: Any) -> tuple[str, ...]:
    """Plain-language lines from an SMAA result's headline figures (none for a bare table)."""
    own = getattr(result, "export_notes", None)
    if callable(own):  # a result that words its own notes (funding acceptability)
        return tuple(own())
    samples = getattr(result, "samples", None)
    if samples is None:
        return ()
    notes = [f"Based on {samples:,} sets of weights drawn at random around the chosen "
             f"weights (seed {getattr(result, 'seed', 0)}). Each project's chances are the "
             "share of those sets in which it reaches that rank."]
    k = getattr(result, "k", None)
    stability = getattr(result, "top_set_stability", None)
    winner = getattr(result, "winner_confidence", None)
    if k is not None and stability is not None and winner is not None:
        notes.append(f"The chosen weights' top {k} stays exactly the top {k} in "
                     f"{stability:.0%} of the sets; their first place stays first in "
                     f"{winner:.0%}.")
    return tuple(notes)


def _table(value: Any, attribute: str) -> pd.DataFrame | None:
    """A DataFrame given as is, or taken from a result object (SMAA summary, method ranks)."""
    if value is None or isinstance(value, pd.DataFrame):
        return value
    found = getattr(value, attribute)
    return found() if callable(found) else found


def build_context(
    portfolio: Portfolio,
    plan: Any,
    *,
    scores: ScoreLike | None = None,
    validated: Any = None,
    issues: pd.DataFrame | None = None,
    files: Mapping[str, str] | None = None,
    baselines: Mapping[str, Plan] | None = None,
    frontier: pd.DataFrame | None = None,
    robustness: Any = None,
    method_ranks: Any = None,
    overrides: Overrides | None = None,
    scenario: str | None = None,
    timestamp: dt.datetime | None = None,
    changes: tuple[str, ...] = (),
) -> ExportContext:
    """Normalize the export's inputs; explicit arguments win over what `plan` carries."""
    optimized, carried, carried_frontier, carried_overrides = _plan_parts(plan)
    if validated is not None:
        issues = validated.issues if issues is None else issues
        files = validated.files if files is None else files
    stamp = timestamp or dt.datetime.now(dt.UTC)
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC)
    return ExportContext(
        portfolio=portfolio,
        plan=optimized,
        timestamp=stamp,
        scenario=scenario or portfolio.settings.scenario_name,
        version=planner.__version__,
        baselines=dict(baselines if baselines is not None else carried),
        frontier=frontier if frontier is not None else carried_frontier,
        scores=scores,
        method_ranks=_table(method_ranks, "ranks"),
        robustness=_table(robustness, "summary"),
        robustness_notes=_smaa_notes(robustness),
        issues=issues,
        files=dict(files or {}),
        overrides=overrides or carried_overrides or Overrides(),
        changes=tuple(changes),
    )


def build_workbook(ctx: ExportContext) -> Workbook:
    """The workbook, sheet by sheet, in the order a reader meets them."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    xs.register_styles(workbook)
    frames = input_frames(ctx)
    titles: set[str] = set()
    tables: set[str] = set()
    # Input sheets come before the import report and the record: when re-imported, a
    # sheet titled "Settings" is then read before any report sheet that merely looks like
    # one (an issue naming a column "Name", say).
    assumptions = ["Assumptions"] if ctx.has_estimates else []
    order = [*REPORT_SHEETS, *frames, *stakeholder_sheets(ctx), *rules_sheets(ctx),
             *assumptions, *CLOSING_SHEETS]
    sheets = {name: workbook.create_sheet(sheet_title(name, titles)) for name in order}
    ranges = write_by_year(sheets["By Fiscal Year"], ctx, tables)
    write_summary(sheets["Summary"], ctx, tables)
    write_roadmap(sheets["Roadmap"], ctx, tables, ranges)
    write_charts(sheets[CHARTS_SHEET], ctx)  # the shared chart specs as pictures, alt text
    write_funded(sheets["Funded"], ctx, tables)
    write_unfunded(sheets["Unfunded"], ctx, tables)
    write_scores(sheets["Scores"], ctx, tables)
    write_weighing(sheets[WEIGHING_SHEET], ctx, tables)
    write_robustness(sheets["Robustness"], ctx, tables)
    write_glossary(sheets[GLOSSARY_SHEET], ctx, tables)
    for name, frame in frames.items():
        write_input(sheets[name], name, frame, ctx, tables)
    write_stakeholders(sheets, ctx, tables)
    write_rules(sheets, ctx, tables)
    if assumptions:
        write_assumptions(sheets["Assumptions"], ctx, tables)
    write_issues(sheets["Data Issues"], ctx, tables)
    write_record(sheets["Decision Record"], ctx, tables)
    write_cell_changes(workbook)  # cells cut to fit or neutralized, each with its place
    set_properties(workbook, ctx)
    workbook.active = 0
    # Totals are formulas without cached values; ask the application to compute on open.
    workbook.calculation.fullCalcOnLoad = True
    return workbook


def export_workbook(
    portfolio: Portfolio,
    plan: Any,
    *,
    scores: ScoreLike | None = None,
    validated: Any = None,
    issues: pd.DataFrame | None = None,
    files: Mapping[str, str] | None = None,
    baselines: Mapping[str, Plan] | None = None,
    frontier: pd.DataFrame | None = None,
    robustness: Any = None,
    method_ranks: Any = None,
    overrides: Overrides | None = None,
    scenario: str | None = None,
    timestamp: dt.datetime | None = None,
    changes: tuple[str, ...] = (),
) -> bytes:
    """The council roadmap workbook as .xlsx bytes.

    `plan` is a Plan or a PlanResult (its baselines, frontier and overrides are used);
    `scores` a ScoreResult; `validated` the import result (issues and file hashes);
    `robustness` an SMAA result or table; `method_ranks` a method comparison or table.
    """
    ctx = build_context(
        portfolio, plan, scores=scores, validated=validated, issues=issues, files=files,
        baselines=baselines, frontier=frontier, robustness=robustness,
        method_ranks=method_ranks, overrides=overrides, scenario=scenario,
        timestamp=timestamp, changes=changes)
    buffer = io.BytesIO()
    workbook = build_workbook(ctx)
    workbook.save(buffer)
    return with_chart_alt_text(buffer.getvalue(), workbook)
