"""Wide budgets to long lines: funds as rows and fiscal years as columns, or the transpose.

Finance offices keep budgets as a grid. Each filled cell of the grid becomes one
(fiscal_year, fund, capital_budget) line that keeps the spreadsheet row it came from, and
issues about it name the grid's own column header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from planner.core.issues import IssueCode, IssueLog
from planner.core.schema import BUDGET, loose_header
from planner.ingest.files import RawSheet
from planner.recognize.mapping import match_header
from planner.recognize.rowkinds import header_text, is_totals_label, merged_label_rows, shown
from planner.values.parse import CellError, clean_text, is_missing, parse_fiscal_year
from planner.values.units import Unit, money_scale

SEARCH_ROWS = 15
FY_KEY = "fiscal year"
AMOUNT_KEY = "capital budget"
_DECORATION = re.compile(
    r"\s*(\(\$\)|\$|budget|adopted|proposed|planned|plan|projected|estimated?|capital|amount|"
    r"requested|request|available|total)\s*$")
_YEARISH = re.compile(r"^(?:fy|fiscal year|fiscal)\s*'?\s*\d{2,4}(\s*[-/–]\s*\d{2,4})?$"
                      r"|^\d{4}(\s*[-/–]\s*\d{2,4})?$")
_UNITS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\bin\s+(?:thousands|millions|billions)\b"
                    r"|\$\s*(?:000s?|m|mm|k|b)\b")
NOTE_COLUMNS = {"notes", "note", "comments", "comment", "remarks", "description", "source"}


def header_fiscal_year(cell: Any) -> int | None:
    """The fiscal year a grid header names: 2027, 'FY27', 'FY 2027 Adopted', '2026-27'."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        year = int(cell) if float(cell).is_integer() else None
        return year if year and 1990 <= year <= 2100 else None
    if not isinstance(cell, str):
        return None
    text = _UNITS.sub(" ", clean_text(cell).lower()).strip()
    previous = None
    while text != previous:
        previous, text = text, _DECORATION.sub("", text)
    if not _YEARISH.match(text):
        return None
    try:
        year = parse_fiscal_year(text).value
    except CellError:
        return None
    return year if 1990 <= year <= 2100 else None


@dataclass
class BudgetGrid:
    """A budget grid turned into long lines, ready to become a table."""

    layout: str  # "wide" (funds as rows) or "transposed" (years as rows)
    header_index: int  # index into RawSheet.rows
    mapping: dict[str, str]  # cell key -> canonical column
    shown_mapping: dict[str, str]  # the grid's headers -> what they were read as
    lines: list[tuple[int, dict[str, Any], dict[str, str]]] = field(default_factory=list)


def _year_columns(cells: list[Any]) -> dict[int, int]:
    return {i: y for i, c in enumerate(cells) if (y := header_fiscal_year(c)) is not None}


_AMOUNT_TEXT = re.compile(r"^\s*[$(-]?\s*[\d,]+(\.\d+)?\s*\)?\s*[kKmM]?\s*$")


def _amount_like(cell: Any) -> bool:
    """A number, or text that reads as one: never in a grid's header row."""
    if isinstance(cell, bool):
        return False
    return isinstance(cell, int | float) or (isinstance(cell, str) and
                                             bool(_AMOUNT_TEXT.match(cell)))


def detect(raw: RawSheet) -> tuple[str, int] | None:
    """('wide' | 'transposed', header index) when the sheet is a budget grid."""
    best: tuple[int, int] | None = None
    for index, (_, cells) in enumerate(raw.rows[:SEARCH_ROWS]):
        years = _year_columns(cells)
        amounts = [c for i, c in enumerate(cells) if i not in years and _amount_like(c)]
        if amounts or len(set(years.values())) < len(years):
            continue  # a data row ('FY2027', 1990, 150000) holds amounts or repeats a year
        if index + 1 == len(raw.rows) or (0 in years and _years_below(raw, index)):
            # nothing below it, or ('FY2027', blank, 1990) over ('FY2028', ...): a row of a
            # grid with years as rows, not a header over years as columns
            continue
        count = len(years)
        if count >= 2 and (best is None or count > best[1]):
            best = (index, count)
    if best is not None:
        return "wide", best[0]
    for index, (_, cells) in enumerate(raw.rows[:SEARCH_ROWS]):
        if _transposed_header(raw, index, cells):
            return "transposed", index
    return None


def _transposed_header(raw: RawSheet, index: int, cells: list[Any]) -> bool:
    texts = [header_text(c) for c in cells]
    if not texts or len([t for t in texts[1:] if t]) < 1:
        return False
    first = match_header(BUDGET, texts[0]) if texts[0] else ("fiscal_year", 0)
    if first is None or first[0] != "fiscal_year":
        return False
    if any(match_header(BUDGET, t) for t in texts[1:] if t):
        return False  # a long table (fiscal_year, fund, capital_budget ...)
    return _years_below(raw, index)


def _years_below(raw: RawSheet, index: int) -> bool:
    """Whether a row just below row `index` starts with a fiscal year."""
    below = [c[0] for _, c in raw.rows[index + 1:index + 4] if c]
    return any(header_fiscal_year(c) is not None for c in below)


def read_grid(raw: RawSheet, layout: str, index: int, log: IssueLog) -> BudgetGrid:
    """Long lines from a budget grid; skipped rows and ignored columns are reported."""
    header_number, header_cells = raw.rows[index]
    headers = [header_text(c) for c in header_cells]
    for number, cells in raw.rows[:index]:
        first = next((c for c in cells if not is_missing(c)), None)
        log.info(raw.title, number, None, IssueCode.SKIPPED_ROW, "Title row above the header.",
                 shown(first))
    grid = (_wide(raw, index, headers, header_number, log) if layout == "wide"
            else _transposed(raw, index, headers, header_number, log))
    return _with_unit(grid, raw, index, headers, log)


def grid_unit(raw: RawSheet, index: int, headers: list[str]) -> tuple[Unit, str] | None:
    """The money unit a grid states ('FY2027 ($M)', a title row 'Amounts in thousands'), with
    the text that states it."""
    stated = [(money_scale(h), h) for h in headers if h and header_fiscal_year(h)]
    stated += [(money_scale(" ".join(str(c) for c in cells if not is_missing(c))),
                " ".join(str(c) for c in cells if not is_missing(c)))
               for _, cells in raw.rows[:index]]
    found = [(unit, text) for unit, text in stated if unit is not None]
    return found[0] if found and len({u.factor for u, _ in found}) == 1 else None


def _with_unit(grid: BudgetGrid, raw: RawSheet, index: int, headers: list[str],
               log: IssueLog) -> BudgetGrid:
    """Amounts keyed so that validation converts them by the grid's stated unit, reported once."""
    stated = grid_unit(raw, index, headers)
    if stated is None:
        return grid
    unit, text = stated
    key = f"{AMOUNT_KEY} ({unit.words})"
    grid.mapping = {key if k == AMOUNT_KEY else k: c for k, c in grid.mapping.items()}
    grid.lines = [(number, {key if k == AMOUNT_KEY else k: v for k, v in cells.items()},
                   {key if k == AMOUNT_KEY else k: v for k, v in labels.items()})
                  for number, cells, labels in grid.lines]
    log.info(raw.title, raw.rows[index][0], None, IssueCode.UNIT_CONVERTED,
             f"The budget amounts are {unit.words} of dollars ('{text}'): each was multiplied "
             f"by {unit.factor:,.0f} to give dollars.")
    return grid


def _ignore_column(raw: RawSheet, row: int, header: str, log: IssueLog) -> None:
    reason = ("a totals column; totals are not budget lines" if is_totals_label(header)
              else "not part of the budget grid")
    log.info(raw.title, row, header, IssueCode.UNMAPPED_COLUMN,
             f"Column '{header}' was not read: {reason}.")


def _other_measure(label: str) -> str | None:
    found = match_header(BUDGET, label)
    if found and found[0] in ("staff_fte_capacity", "operating_budget_increase"):
        return found[0]
    return None


def _wide(raw: RawSheet, index: int, headers: list[str], header_number: int,
          log: IssueLog) -> BudgetGrid:
    years = _year_columns(raw.rows[index][1])
    others = [i for i, h in enumerate(headers) if i not in years]
    fund_col = next((i for i in others if headers[i] and
                     (match_header(BUDGET, headers[i]) or ("", 0))[0] == "fund"), None)
    if fund_col is None:
        fund_col = next((i for i in others if headers[i]), others[0] if others else 0)
    fund_key = headers[fund_col] if fund_col < len(headers) and headers[fund_col] else "fund"
    for i in others:
        if i != fund_col and headers[i]:
            _ignore_column(raw, header_number, headers[i], log)
    grid = BudgetGrid("wide", index, {fund_key: "fund", FY_KEY: "fiscal_year",
                                      AMOUNT_KEY: "capital_budget"},
                      {fund_key: "fund", **{headers[i]: f"capital_budget (FY{y})"
                                            for i, y in years.items()}})
    merged = merged_label_rows(raw.merged)
    for number, cells in raw.rows[index + 1:]:
        label = cells[fund_col] if fund_col < len(cells) else None
        amounts = {i: cells[i] for i in years if i < len(cells) and cells[i] is not None}
        reason = _skip_reason(label, amounts, number in merged)
        if reason is None and isinstance(label, str) and _other_measure(label):
            log.warning(raw.title, number, fund_key, IssueCode.SKIPPED_ROW,
                        f"Row '{clean_text(label)}' looks like {_other_measure(label)}, which is "
                        "not read from a budget grid; give it in a long Budget table.",
                        shown(label))
            continue
        if reason:
            log.info(raw.title, number, None, IssueCode.SKIPPED_ROW, reason, shown(label))
            continue
        _row_warnings(raw, number, [i for i in years if i not in amounts], headers, log)
        for i, amount in amounts.items():
            cells_out = {fund_key: label, FY_KEY: years[i], AMOUNT_KEY: amount}
            grid.lines.append((number, cells_out, {FY_KEY: headers[i], AMOUNT_KEY: headers[i]}))
    return grid


def _row_warnings(raw: RawSheet, number: int, blank_columns: list[int], headers: list[str],
              log: IssueLog) -> None:
    """Warn about hidden rows and formulas without results among a grid row's blank cells."""
    if number in raw.hidden_rows:
        log.warning(raw.title, number, None, IssueCode.HIDDEN_ROW,
                    "This row is hidden in the workbook; it was imported.")
    for i in blank_columns:
        if (number, i + 1) in raw.uncached:
            log.warning(raw.title, number, headers[i], IssueCode.FORMULA_NOT_CALCULATED,
                        "This cell holds a formula whose result was never calculated and "
                        "saved, so it reads as blank. Open the file in Excel and save it again.")


def _skip_reason(label: Any, amounts: dict[int, Any], merged: bool) -> str | None:
    filled = {i: a for i, a in amounts.items() if not is_missing(a)}
    if is_totals_label(label) or (label is None and any(is_totals_label(a) for a in
                                                        amounts.values())):
        return "Totals row skipped."
    if not amounts:
        return ("Section label skipped." if not is_missing(label) or merged
                else "Row without budget amounts skipped.")
    if is_missing(label) and not filled:
        return "Row without budget amounts skipped."
    return None


def _transposed(raw: RawSheet, index: int, headers: list[str], header_number: int,
                log: IssueLog) -> BudgetGrid:
    fy_header = headers[0] or "fiscal year"
    funds: dict[int, str] = {}
    for i, header in enumerate(headers[1:], start=1):
        if not header:
            continue
        if is_totals_label(header) or loose_header(header) in NOTE_COLUMNS:
            _ignore_column(raw, header_number, header, log)
        elif _other_measure(header):
            log.warning(raw.title, header_number, header, IssueCode.UNMAPPED_COLUMN,
                        f"Column '{header}' looks like {_other_measure(header)}, which is not "
                        "read from a budget grid; give it in a long Budget table.")
        else:
            funds[i] = header
    fund_key = "fund"
    grid = BudgetGrid("transposed", index, {fund_key: "fund", fy_header: "fiscal_year",
                                            AMOUNT_KEY: "capital_budget"},
                      {fy_header: "fiscal_year",
                       **{h: f"capital_budget (fund '{h}')" for h in funds.values()}})
    for number, cells in raw.rows[index + 1:]:
        year = cells[0] if cells else None
        amounts = {i: cells[i] for i in funds if i < len(cells) and cells[i] is not None}
        reason = _skip_reason(year, amounts, False)
        if reason:
            log.info(raw.title, number, None, IssueCode.SKIPPED_ROW, reason, shown(year))
            continue
        _row_warnings(raw, number, [i for i in funds if i not in amounts], headers, log)
        for i, amount in amounts.items():
            cells_out = {fund_key: funds[i], fy_header: year, AMOUNT_KEY: amount}
            grid.lines.append((number, cells_out, {fund_key: funds[i], AMOUNT_KEY: funds[i]}))
    return grid
