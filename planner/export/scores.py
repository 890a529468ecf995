"""The Scores sheet (criteria, weights, contributions, ranks) and the Robustness sheet."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.core.words import status_short
from planner.export import styles as xs
from planner.export.chart_specs import frontier_alt
from planner.export.charts import frontier_chart
from planner.export.context import ExportContext
from planner.export.layout import (
    CHART_ROWS,
    Col,
    SheetWriter,
    colour_scale,
    data_bar,
    freeze,
    place_chart,
)
from planner.export.safe_cells import write_cell
from planner.export.words import INTERNAL_WORDS, council_text
from planner.score.rank_robustness import kendall_tau_table
from planner.score.weighting import WEIGHTING_MODES

LABELS = {"candidate_id": "Candidate", "p_first": "Chance ranked first",
          "expected_rank": "Expected rank", "rank": "Rank", "p_funded": "Chance funded"}
PLAN_COLUMNS = ("optimized", "rank and cut", "greedy", "value")
NOT_COMPUTED = ("Robustness was not computed for this export. Run the stress test (SMAA "
                "over the weights) and the budget frontier, then export again to include "
                "them.")


def write_scores(ws: Worksheet, ctx: ExportContext, tables: set[str]) -> None:
    """One row per candidate: score, rank, raw criterion values and their contributions."""
    out = SheetWriter(ws, tables)
    scores = ctx.scores
    if scores is None:
        out.title("Scores")
        out.line("Scores were not given to this export.", xs.NOTE)
        xs.print_setup(ws, scenario=ctx.scenario)
        return
    better = "higher" if scores.higher_is_better else "lower"
    out.title("Scores: how each project was rated",
              f"Method: {scores.method.upper()} (see Summary). Weights and directions sit "
              f"above each criterion. A {better} score is better; rank 1 is best.")
    names = [str(c) for c in scores.matrix.columns]
    directions = {c.criterion: c.direction for c in scores.criteria}
    ids = list(scores.ranks.sort_values(kind="stable").index)
    funded = set(ctx.plan.funded_ids)
    columns = [
        Col("Candidate", ids),
        Col("Project", [ctx.name(c) for c in ids]),
        Col("Score", [ctx.score(c) for c in ids], xs.SCORE_CELL),
        Col("Rank", [ctx.rank(c) for c in ids], xs.INTEGER_CELL),
        Col("Funded", ["yes" if c in funded else "" for c in ids], xs.FLAG),
    ]
    if ctx.method_ranks is not None:
        ranks = ctx.method_ranks.reindex(ids)
        columns += [Col(f"Rank ({str(m).upper()})", list(ranks[m]), xs.INTEGER_CELL)
                    for m in ranks.columns]
    matrix = scores.matrix.reindex(ids)
    parts = scores.contributions.reindex(ids)
    first_value = len(columns) + 1
    columns += [Col(n, list(matrix[n]), _magnitude_style(matrix[n])) for n in names]
    first_part = len(columns) + 1
    columns += [Col(f"Part: {n}", list(parts[n]) if n in parts else [], xs.SCORE_CELL)
                for n in names]
    # Weight and direction sit directly above each criterion's columns.
    for label, row_values in (("Weight", [scores.weights.get(n) for n in names]),
                              ("Better when", [_better(directions.get(n)) for n in names])):
        write_cell(ws, out.row, 2, label, xs.LABEL)
        for offset, value in enumerate(row_values):
            style = xs.PERCENT_CELL if label == "Weight" else xs.TEXT
            for column in (first_value + offset, first_part + offset):
                write_cell(ws, out.row, column, value, style).alignment = xs.CENTRE
        out.skip()
    block = out.table(columns, name="Scores")
    freeze(ws, block, columns=2)
    if block.rows:
        data_bar(ws, block.data_range("Score"))
        colour_scale(ws, f"{get_column_letter(first_part)}{block.first_row}:"
                         f"{get_column_letter(first_part + len(names) - 1)}{block.last_row}")
    out.fit()
    xs.print_setup(ws, scenario=ctx.scenario, title_cols="A:B",
                   title_rows=f"{block.header_row - 2}:{block.header_row}")


WEIGHING_SHEET = "Weighing"


def write_weighing(ws: Worksheet, ctx: ExportContext, tables: set[str]) -> None:
    """How the weights were set and how far the methods agree, on a page of their own: below
    the Scores table they would print under its repeated header rows, with none of its rows."""
    out = SheetWriter(ws, tables)
    out.title("Weighing: how the weights were set and how far the methods agree",
              "The weights of the Summary and the Scores sheet, where they come from, and "
              "how alike the rankings of the scoring methods are.")
    scores = ctx.scores
    if scores is None:
        out.line("Scores were not given to this export.", xs.NOTE)
    else:
        write_weighting(out, scores)
        write_agreement(out, ctx.method_ranks)
    # fixed widths: long words wrap across the merged row, and each method gets one column
    out.fit({1: 22, **{c: 12 for c in range(2, 9)}}, fixed=True)
    xs.print_setup(ws, scenario=ctx.scenario)


def write_weighting(out: SheetWriter, scores: Any) -> None:
    """How the weights were set: the way of weighing, what it means, the inputs behind it."""
    weighing = getattr(scores, "extra", {}).get("weighting")
    if weighing is None:
        return
    mode = WEIGHTING_MODES[weighing.mode]
    out.skip()
    out.line("How the weights were set", xs.SECTION)
    out.pairs([("Weighting", f"{mode.label} ({weighing.mode})", xs.TEXT),
               ("What it means", mode.meaning, xs.TEXT),
               ("Based on", weighing.inputs_words(), xs.TEXT)], span=(8, 8 * 14))
    if weighing.inputs:
        out.table([Col("Criterion", list(weighing.inputs)),
                   Col(str(mode.column).capitalize(), list(weighing.inputs.values()),
                       xs.DECIMAL_CELL),
                   Col("Weight", [weighing.weights.get(n) for n in weighing.inputs],
                       xs.PERCENT_CELL)], name="WeightingInputs")


def write_agreement(out: SheetWriter, ranks: pd.DataFrame | None) -> None:
    """Kendall's tau between the methods' rankings (1 = the same order, -1 = reversed)."""
    if ranks is None or ranks.shape[1] < 2:
        return
    tau = kendall_tau_table(ranks)
    labels = [str(m).upper() for m in tau.columns]
    out.skip()
    out.line("Agreement between methods (Kendall's tau: 1 = the same order, 0 = unrelated, "
             "-1 = reversed)", xs.SECTION)
    out.table([Col("Method", labels),
               *[Col(label, list(tau[m]), xs.DECIMAL_CELL)
                 for label, m in zip(labels, tau.columns, strict=True)]],
              name="MethodAgreement")


def _magnitude_style(values: pd.Series) -> str:
    """Whole numbers for large or integral values, two decimals for small fractional ones."""
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    if numbers.empty or (numbers.abs().max() >= 1000) or (numbers % 1 == 0).all():
        return xs.INTEGER_CELL
    return xs.DECIMAL_CELL


def _better(direction: Any) -> str:
    if direction is None:
        return ""
    return "higher" if str(getattr(direction, "value", direction)) == "max" else "lower"


def _style_for(name: str, values: pd.Series) -> str:
    """A number style guessed from a column's name and values (robustness tables vary)."""
    key = name.lower()
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if not numeric:
        return xs.WRAP_COLUMN  # indented, so it never runs into the figure on its left
    if key.replace("_", " ") in PLAN_COLUMNS or key in ("bound", "objective"):
        return xs.POINTS_CELL  # a plan's value, in the Summary's points
    if key == "gap":
        return xs.PERCENT_FINE_CELL
    if key.startswith("p_") or any(w in key for w in ("prob", "share", "scale", "acceptab",
                                                       "percent", "rate", "confidence")):
        return xs.PERCENT_CELL
    if any(w in key for w in ("budget", "cost", "spend", "amount", "dollar")):
        return xs.MONEY_CELL
    if "rank" in key or "count" in key or key.startswith("n_") or "funded" in key:
        return xs.INTEGER_CELL if pd.api.types.is_integer_dtype(values) else xs.DECIMAL_CELL
    if "value" in key:
        return xs.POINTS_CELL
    return xs.DECIMAL_CELL


def _frame_columns(frame: pd.DataFrame, ctx: ExportContext) -> list[Col]:
    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    columns = [Col(_label(c), [status_short(v) if v is not None else v for v in frame[c]]
                   if str(c).lower() == "status" else list(frame[c]),
                   _style_for(str(c), frame[c])) for c in frame.columns]
    if "candidate_id" in frame.columns:
        columns.insert(1, Col("Project", [ctx.name(str(c)) for c in frame["candidate_id"]]))
    return columns


def _label(name: Any) -> str:
    text = str(name)
    if text in LABELS:
        return LABELS[text]
    if text in INTERNAL_WORDS:
        return INTERNAL_WORDS[text][:1].upper() + INTERNAL_WORDS[text][1:]
    top = re.fullmatch(r"p_top_(\d+)", text)
    if top:
        return f"Chance in top {top.group(1)}"
    return text.replace("_", " ").capitalize() if text.islower() else text


def write_robustness(ws: Worksheet, ctx: ExportContext, tables: set[str]) -> None:
    """The budget frontier and its chart when computed, then the SMAA results, else a clear
    'not computed'. The frontier comes first: the SMAA table's header repeats on every page
    it runs to, and a chart after it would print under that header alone."""
    out = SheetWriter(ws, tables)
    out.title("Robustness: how firm the plan is",
              "How much value more or less budget would buy, and how firm each project's "
              "standing is when the weights vary (SMAA). Value is in points (see Summary).")
    robustness, frontier = ctx.robustness, ctx.frontier
    if (robustness is None or robustness.empty) and (frontier is None or frontier.empty):
        out.paragraph(NOT_COMPUTED, 8, 8 * 14)
        out.fit({c: 14 for c in range(1, 9)})
        xs.print_setup(ws, scenario=ctx.scenario)
        return
    _write_frontier(out, ctx)
    title_rows = None
    if robustness is not None and not robustness.empty:
        out.line("Under weight uncertainty (SMAA)", xs.SECTION)
        for note in ctx.robustness_notes:
            out.paragraph(council_text(note), 8, 8 * 14, xs.WRAP)
        block = out.table(_frame_columns(robustness, ctx), name="Robustness")
        for header in block.headers:
            if "prob" in header.lower() or "share" in header.lower():
                data_bar(ws, block.data_range(header))
        title_rows = f"{block.header_row}:{block.header_row}"
    else:
        out.line("SMAA over the weights was not computed for this export.", xs.NOTE)
    out.fit()
    xs.print_setup(ws, scenario=ctx.scenario, title_rows=title_rows)


def _write_frontier(out: SheetWriter, ctx: ExportContext) -> None:
    """The budget frontier's table and chart, or a note that it was not computed."""
    frontier = ctx.frontier
    if frontier is None or frontier.empty:
        out.line("The budget frontier was not computed for this export.", xs.NOTE)
        out.skip()
        return
    out.line("Budget frontier", xs.SECTION)
    block = out.table(_frame_columns(frontier, ctx), name="Frontier")
    x = next((h for h in block.headers if "budget" in h.lower()), None)
    ys = [h for h in block.headers if h.lower() in PLAN_COLUMNS]
    if x is not None and ys and block.rows >= 2:
        chart = frontier_chart(out.ws, block.col(x), [block.col(y) for y in ys],
                               block.header_row, block.last_row, xs.MONEY_MILLIONS)
        out.skip()
        row = place_chart(out.ws, chart, out.row, alt=frontier_alt(frontier, ctx.total_budget))
        out.row = row + CHART_ROWS
    out.skip()
