"""The reproducibility sheets: canonical inputs for re-import, the import report, the record."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from planner.core.models import Portfolio
from planner.core.schema import PAIRWISE_NAME, SHEETS_BY_NAME, Kind
from planner.core.words import fy, status_words
from planner.export import styles as xs
from planner.export.context import ExportContext, count_issues
from planner.export.layout import Col, SheetWriter, freeze
from planner.export.safe_cells import clean_text
from planner.export.words import method_words, plural
from planner.validate.canonical import pairwise_frame, portfolio_frames

KIND_STYLES = {
    Kind.MONEY: xs.MONEY_CELL, Kind.PERCENT: xs.PERCENT_CELL, Kind.INTEGER: xs.INTEGER_CELL,
    Kind.NUMBER: xs.DECIMAL_CELL, Kind.YEAR: xs.PLAIN_YEAR_CELL,
    Kind.FISCAL_YEAR: xs.PLAIN_YEAR_CELL, Kind.DATE_OR_YEAR: xs.DATE_CELL,
}
INPUT_SHEETS = ("Systems", "Processes", "Candidates", "Budget", "Criteria", "Settings")


def reproducible_portfolio(ctx: ExportContext) -> Portfolio:
    """The portfolio as it was planned: the scenario's name, method, weights and overrides
    written in."""
    portfolio = ctx.portfolio
    updates: dict[str, Any] = {"scenario_name": ctx.scenario, **ctx.overrides.as_settings()}
    scores = ctx.scores
    if scores is not None:
        updates["method"] = scores.method
        # The weights actually used (slider moves included) become the Criteria sheet.
        criteria = tuple(c.model_copy(update={"weight": float(scores.weights.get(
            c.criterion, c.weight))}) for c in scores.criteria)
        portfolio = portfolio.replace(criteria=criteria)
        if _ahp_overridden(scores):
            # The Pairwise sheet would bring back the AHP weights on re-import and undo the
            # hand-set ones; the Criteria sheet alone reproduces what was planned.
            portfolio = portfolio.replace(pairwise=None)
    settings = portfolio.settings.model_copy(update=updates)
    return portfolio.replace(settings=settings)


def _ahp_overridden(scores: Any) -> bool:
    """True when AHP weights were computed but the scores used other weights."""
    ahp = getattr(scores, "ahp", None)
    if ahp is None:
        return False
    return any(abs(ahp.weights.get(name, 0.0) - weight) > 1e-9
               for name, weight in scores.weights.items())


def input_frames(ctx: ExportContext) -> dict[str, pd.DataFrame]:
    """Every canonical input table, plus Pairwise when present, keyed by sheet title."""
    portfolio = reproducible_portfolio(ctx)
    frames = portfolio_frames(portfolio)
    pairwise = pairwise_frame(portfolio)
    if pairwise is not None:
        frames[PAIRWISE_NAME] = pairwise
    return frames


def _style(sheet: str, column: str) -> str:
    spec = SHEETS_BY_NAME.get(sheet)
    if column.startswith("cost_FY"):
        return xs.MONEY_CELL
    if spec is None or column not in spec.column_index:
        return xs.TEXT
    return KIND_STYLES.get(spec.column_index[column].kind, xs.TEXT)


def write_input(ws: Worksheet, name: str, frame: pd.DataFrame, ctx: ExportContext,
                tables: set[str]) -> None:
    """One canonical table with its header on row 1, exactly as the importer reads it."""
    out = SheetWriter(ws, tables)
    if name == PAIRWISE_NAME:
        frame = frame.reset_index(names="criterion")
    columns = [Col(str(c), list(frame[c]), _style(name, str(c))) for c in frame.columns]
    block = out.table(columns, name=f"Input{name}")
    freeze(ws, block, columns=1)
    out.fit()
    xs.print_setup(ws, scenario=ctx.scenario, title_rows="1:1", title_cols="A:B")


def write_issues(ws: Worksheet, ctx: ExportContext, tables: set[str]) -> None:
    """The import report of the council workbook."""
    write_issue_sheet(ws, ctx.issue_table, ctx.scenario, tables)


# What each kind of note is about, for the one line that counts them.
NOTE_KINDS = {
    "unknown-sheet": "sheets not read as an input table",
    "skipped-row": "rows skipped as titles, blanks or totals",
    "unit-converted": "values converted from the unit their header states",
    "value-mapped": "words read as values (such as 'high' read as 4)",
    "unmapped-column": "columns not used by the planner",
    "coerced-value": "values read in another form than typed",
    "unknown-setting": "Settings keys the planner does not use",
    "file-format": "notes on the file's format",
}


def write_issue_sheet(ws: Worksheet, table: pd.DataFrame, scenario: str, tables: set[str], *,
                      left_out: str = "rows with errors were left out of the plan") -> None:
    """The import report: every error and warning with its sheet, spreadsheet row and
    reason; notes, which ask nothing of the reader, counted in one line per kind."""
    out = SheetWriter(ws, tables)
    counts = ", ".join(plural(count_issues(table, word), noun) for word, noun in
                       (("error", "error"), ("warning", "warning"), ("info", "note")))
    out.title("Data issues found on import",
              f"{counts}. Row numbers are the ones shown in the original spreadsheet; "
              f"{left_out}.")
    notes = _is_note(table)
    clean = "No problems were found when the input was imported."
    if not table.empty and notes.any():
        clean = "No errors or warnings were found when the input was imported."
        out.line("Notes (for information; every one is listed in the app's import report)",
                 xs.SECTION)
        for line in note_lines(table[notes]):
            out.line(line, xs.TEXT)
        out.skip()
        table = table[~notes]
    if table.empty:
        out.line(clean, xs.NOTE)
        out.fit({1: 60})
        xs.print_setup(ws, scenario=scenario)
        return
    widths = {"message": 70, "value": 30}
    styles = {"row": xs.INTEGER_CELL, "message": xs.WRAP}
    columns = [Col(str(c).capitalize(), list(table[c]),
                   styles.get(str(c), xs.TEXT), widths.get(str(c))) for c in table.columns]
    block = out.table(columns, name="DataIssues")
    freeze(ws, block)
    if "Severity" in block.headers:
        letter = block.letter("Severity")
        span = f"A{block.first_row}:{block.letter(block.headers[-1])}{block.last_row}"
        for word, colour in (("error", "FFC7CE"), ("warning", "FFEB9C")):
            ws.conditional_formatting.add(span, FormulaRule(
                formula=[f'${letter}{block.first_row}="{word}"'],
                fill=PatternFill("solid", bgColor=colour), font=Font(color="000000")))
    out.fit()
    xs.print_setup(ws, scenario=scenario, title_rows=f"{block.header_row}:{block.header_row}")


def _is_note(table: pd.DataFrame) -> pd.Series:
    if table.empty or "severity" not in table:
        return pd.Series(False, index=table.index)
    return table["severity"].astype(str) == "info"


def note_lines(notes: pd.DataFrame) -> list[str]:
    """One line per kind of note: how many, what they are about, the sheets they name."""
    lines = []
    codes = notes["code"].astype(str) if "code" in notes else pd.Series("", index=notes.index)
    for code, group in notes.groupby(codes, sort=False):
        about = NOTE_KINDS.get(str(code), str(code).replace("-", " ") or "other notes")
        sheets = sorted({str(v) for v in group.get("sheet", pd.Series(dtype=object)).dropna()})
        where = f" ({', '.join(sheets[:6])}{', ...' if len(sheets) > 6 else ''})" \
            if sheets else ""
        lines.append(f"{plural(len(group), 'note')} of kind '{code}': {about}{where}.")
    return lines


def _change_rows(changes: tuple[str, ...]) -> list[tuple[str, Any, str]]:
    """The changes made in the app before this export, oldest first, one row each."""
    if not changes:
        return [("Changes made in the app", "none", xs.TEXT)]
    return [(f"Change {n}", clean_text(line), xs.WRAP) for n, line in enumerate(changes, 1)]


def _record_rows(ctx: ExportContext) -> list[tuple[str, Any, str]]:
    record = {**ctx.record(), "changes": list(ctx.changes)}
    plan = ctx.plan
    rows: list[tuple[str, Any, str]] = [
        ("Product version", record["product_version"], xs.TEXT),
        ("Exported at (UTC)", ctx.timestamp.replace(tzinfo=None), xs.DATETIME_CELL),
        ("City", ctx.city, xs.TEXT),
        ("Scenario", ctx.scenario, xs.TEXT),
    ]
    for filename, digest in record["input_files"].items():
        rows.append((f"Input file SHA-256: {filename}", digest, xs.TEXT))
    if not record["input_files"]:
        rows.append(("Input files", "none recorded", xs.TEXT))
    if ctx.scores is not None:
        rows += [("Scoring method", ctx.scores.method, xs.TEXT),
                 ("Method in words", method_words(ctx.scores.method), xs.WRAP),
                 ("Rating scale", ctx.scores.normalization, xs.TEXT)]
        if ctx.scores.consistency_ratio is not None:
            rows.append(("AHP consistency ratio", ctx.scores.consistency_ratio, xs.SCORE_CELL))
        rows += [(f"Weight: {name}", float(w), xs.PERCENT_CELL)
                 for name, w in ctx.scores.weights.items()]
    rows += [(f"Setting: {key}", _plain(value), xs.TEXT)
             for key, value in record["settings"].items()]
    overrides = ctx.overrides
    rows += [
        ("Override: forced in", ", ".join(sorted(overrides.force_in)) or "none", xs.TEXT),
        ("Override: forced out", ", ".join(sorted(overrides.force_out)) or "none", xs.TEXT),
        ("Override: pinned starts", ", ".join(f"{cid} {fy(year)}" for cid, year in
                                              sorted(overrides.pin_start.items())) or "none",
         xs.TEXT),
        *_change_rows(ctx.changes),
        ("Solver status", plan.status.value, xs.TEXT),
        ("Solver status in words", status_words(plan), xs.WRAP),
        ("Objective (value captured)", plan.objective, xs.POINTS_CELL),
        ("Best possible bound", plan.bound, xs.POINTS_CELL),
        ("Optimality gap", plan.gap, xs.PERCENT_FINE_CELL),
        ("Solve time (seconds)", round(plan.seconds, 3), xs.DECIMAL_CELL),
    ]
    if plan.message:
        rows.append(("Solver message", plan.message, xs.WRAP))
    for name, baseline in ctx.baselines.items():
        rows.append((f"Baseline objective: {name}", baseline.objective, xs.POINTS_CELL))
    rows.append(("Record (JSON)", json.dumps(record, default=str, sort_keys=True), xs.WRAP))
    # Every text value wraps (the column is left-aligned and wrapped), so rows grow to fit.
    return [(label, value, xs.WRAP if isinstance(value, str) else style)
            for label, value, style in rows]


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | str) or value is None:
        return value
    return json.dumps(value, default=str)


def write_record(ws: Worksheet, ctx: ExportContext, tables: set[str]) -> None:
    """Everything needed to reproduce the plan, one item per row, plus the record as JSON."""
    out = SheetWriter(ws, tables)
    out.title("Decision record",
              "To reproduce this plan, import this workbook (its Systems, Processes, "
              "Candidates, Budget, Criteria and Settings sheets) and plan with the same "
              "method and overrides.")
    rows = _record_rows(ctx)
    block = out.table([
        Col("Item", [r[0] for r in rows], xs.LABEL),
        Col("Recorded value", [r[1] for r in rows], xs.WRAP, 90, [r[2] for r in rows]),
    ], name="DecisionRecord")
    for offset in range(block.rows):  # one alignment for a column of mixed values
        ws.cell(row=block.first_row + offset, column=2).alignment = xs.LEFT_TOP
    freeze(ws, block)
    out.fit()
    xs.print_setup(ws, scenario=ctx.scenario,
                   title_rows=f"{block.header_row}:{block.header_row}")


def set_properties(workbook: Workbook, ctx: ExportContext) -> None:
    """Document properties: title, creator and the export time (not the save time)."""
    props = workbook.properties
    props.title = clean_text(f"{ctx.city}: modernization roadmap")[:255]
    props.subject = clean_text(ctx.scenario)[:255]
    props.creator = f"planner {ctx.version}"
    stamp = ctx.timestamp.replace(tzinfo=None)
    props.created = stamp
    props.modified = stamp
