"""The plan's sheets: Roadmap (Gantt and chart), By Fiscal Year (live totals), Funded, Unfunded."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from planner.core.plans import FundedItem
from planner.core.reasons import reason_words
from planner.core.words import fy, money, years_words
from planner.export import styles as xs
from planner.export.chart_specs import spend_alt, spend_and_caps
from planner.export.charts import SpendRanges, spend_chart
from planner.export.context import ExportContext
from planner.export.layout import (
    Col,
    SheetWriter,
    budget_scale,
    data_bar,
    freeze,
    place_chart,
)
from planner.export.safe_cells import write_cell, write_formula
from planner.export.words import plain_names

GANTT_WIDTH = 10


def _yes(flag: bool) -> str:
    return "yes" if flag else ""


def write_by_year(ws: Worksheet, ctx: ExportContext, tables: set[str]) -> SpendRanges:
    """Spend, budget, remaining and share used per year and fund; totals as live formulas.

    With carry-over on, the money carried in from earlier years and the money available
    (budget plus carried in) come after the budget, and remaining and shares count from it.
    """
    out = SheetWriter(ws, tables)
    carry = bool(ctx.portfolio.settings.carry_over)
    out.title("Spend and budget by fiscal year and fund",
              "Planned spend comes from the plan and the capital budget from the Budget "
              "sheet; totals, remaining budget and shares are live formulas."
              + (" Carry-over is on: a year's unspent budget carries into the next, so a "
                 "year may spend its own budget plus what was carried in." if carry else ""))
    years, funds = ctx.fiscal_years, ctx.funds
    spend = _money_block(out, "Planned spend", years, funds,
                         lambda y, f: ctx.spend.get((y, f), 0.0))
    budget = _money_block(out, "Capital budget", years, funds, ctx.cap)
    width = len(funds) + 1
    available = None
    if carry:
        carried = _money_block(out, "Carried in from earlier years (carry-over)", years, funds,
                               lambda y, f: ctx.carried.get((y, f), 0.0), total=False)
        available = _derived_block(out, "Money available (budget plus carried in)", years,
                                   funds, width, lambda c, b: f"={b}+{c}", xs.MONEY_CELL,
                                   carried, budget, total=False) - 1
    ws.row_breaks.append(Break(id=out.row - 1))  # remaining and shares print on page two
    against = budget if available is None else available
    what = "budget" if available is None else "money available"
    _derived_block(out, f"Remaining {what} ({what} minus spend)", years, funds, width,
                   lambda s, b: f"={b}-{s}", xs.MONEY_CELL, spend, against, total=not carry)
    share_row = _derived_block(
        out, f"Share of {what} used", years, funds, width,
        lambda s, b: f'=IF({b}=0,"",{s}/{b})', xs.PERCENT_CELL, spend, against,
        total=not carry)
    last_col = get_column_letter(1 + width)
    budget_scale(ws, f"B{share_row}:{last_col}{share_row + len(years)}")
    ws.freeze_panes = f"B{spend + 1}"
    ranges = SpendRanges(ws, spend, spend + 1, spend + len(years), 1, 2, 1 + len(funds),
                         budget, 2 + len(funds), available)
    if years and funds:
        out.skip()
        place_chart(ws, spend_chart(ranges), out.row, alt=_spend_alt(ctx))
    out.fit({1: 14, **{c: 16 for c in range(2, width + 2)}})
    xs.print_setup(ws, scenario=ctx.scenario)
    return ranges


def _money_block(out: SheetWriter, title: str, years: list[int], funds: list[str],
                 amount: Callable[[int, str], float], *, total: bool = True) -> int:
    """A year-by-fund block of constants with SUM totals (a total row unless `total` is
    False: money carried in is counted again each year); returns its header row."""
    ws = out.ws
    out.line(title, xs.SECTION)
    header = out.row
    write_cell(ws, header, 1, "Fiscal year", xs.HEADER)
    for offset, fund in enumerate(funds, start=2):
        write_cell(ws, header, offset, fund, xs.HEADER)
        out.wrap(header, offset, fund, bold=True)
    total_col = len(funds) + 2
    write_cell(ws, header, total_col, "All funds", xs.HEADER)
    first, last = header + 1, header + len(years)
    for row, year in enumerate(years, start=first):
        write_cell(ws, row, 1, fy(year), xs.LABEL)
        for col, fund in enumerate(funds, start=2):
            write_cell(ws, row, col, round(float(amount(year, fund)), 2), xs.MONEY_CELL)
        write_formula(ws, row, total_col, f"=SUM(B{row}:{get_column_letter(total_col - 1)}"
                      f"{row})", xs.MONEY_CELL)
    out.row = last + 2
    if total:
        write_cell(ws, last + 1, 1, "Total", xs.TOTAL_LABEL)
        for col in range(2, total_col + 1):
            letter = get_column_letter(col)
            write_formula(ws, last + 1, col, f"=SUM({letter}{first}:{letter}{last})",
                          xs.TOTAL_MONEY)
        out.row = last + 3
    return header


def _derived_block(out: SheetWriter, title: str, years: list[int], funds: list[str],
                   width: int, formula: Callable[[str, str], str], style: str, spend: int,
                   budget: int, *, total: bool = True) -> int:
    """A block whose every cell is a formula over two blocks (spend and budget, by their
    header rows), with a total row unless `total` is False; returns its first data row."""
    ws = out.ws
    out.line(title, xs.SECTION)
    header = out.row
    write_cell(ws, header, 1, "Fiscal year", xs.HEADER)
    for col, fund in enumerate([*funds, "All funds"], start=2):
        write_cell(ws, header, col, fund, xs.HEADER)
        out.wrap(header, col, fund, bold=True)
    for offset in range(len(years) + (1 if total else 0)):
        row = header + 1 + offset
        is_total = offset == len(years)
        label = "Total" if is_total else fy(years[offset])
        write_cell(ws, row, 1, label, xs.TOTAL_LABEL if is_total else xs.LABEL)
        for col in range(2, width + 2):
            letter = get_column_letter(col)
            cell_style = style
            if is_total:
                cell_style = xs.TOTAL_PERCENT if style == xs.PERCENT_CELL else xs.TOTAL_MONEY
            write_formula(ws, row, col, formula(f"{letter}{spend + 1 + offset}",
                                                f"{letter}{budget + 1 + offset}"), cell_style)
    out.row = header + len(years) + (3 if total else 2)
    return header + 1


OPTIONAL_COLUMNS = frozenset({"Mandatory", "Requires", "Estimates", "Targets"})


def _drop_empty(columns: list[Col]) -> list[Col]:
    """Leave out optional columns no row fills (no mandatory projects, no estimates ...)."""
    return [c for c in columns if c.header not in OPTIONAL_COLUMNS
            or any(v not in (None, "", (), []) for v in c.values)]


def _reasons_in_short(codes: tuple[str, ...]) -> str:
    """The reason codes of an unfunded project as the plain words of planner.core.reasons."""
    words = []
    for code in dict.fromkeys(codes):
        try:
            words.append(reason_words(code))
        except ValueError:  # a code this engine does not know is shown as it came
            words.append(code.replace("_", " "))
    return "\n".join(words)


def _funds_text(item: FundedItem) -> str:
    by_fund: dict[str, float] = {}
    for amounts in item.spend.values():
        for fund, amount in amounts.items():
            by_fund[fund] = by_fund.get(fund, 0.0) + amount
    return "\n".join(f"{fund} {money(amount)}" for fund, amount in by_fund.items() if amount)


def _ordered(ctx: ExportContext) -> list[FundedItem]:
    return sorted(ctx.plan.funded, key=lambda i: (i.start_year, i.end_year,
                                                  ctx.rank(i.candidate_id) or 0,
                                                  i.candidate_id))


def write_roadmap(ws: Worksheet, ctx: ExportContext, tables: set[str],
                  ranges: SpendRanges) -> None:
    """One row per funded project with a timeline drawn across fiscal-year columns."""
    out = SheetWriter(ws, tables)
    out.title(f"Roadmap: {len(ctx.plan.funded)} funded projects, "
              f"{years_words(ctx.fiscal_years)}",
              "Dark cells are years with planned spend; pale cells are years a project runs "
              "without new spend. The spend chart below the table is printed with the By "
              "Fiscal Year sheet.")
    items = _ordered(ctx)
    candidates = ctx.portfolio.candidates
    columns = [
        Col("Candidate", [i.candidate_id for i in items]),
        Col("Project", [ctx.name(i.candidate_id) for i in items]),
        Col("Approach", [_approach(ctx, i.candidate_id) for i in items]),
        Col("Mandatory", [_yes(candidates[i.candidate_id].mandatory)
                          if i.candidate_id in candidates else "" for i in items], xs.FLAG),
        Col("Start", [i.start_year for i in items], xs.YEAR_CELL),
        Col("Finish", [i.end_year for i in items], xs.YEAR_CELL),
        Col("Total spend", [i.total_cost for i in items], xs.COMPACT_MONEY_CELL),
    ]
    for year in ctx.fiscal_years:
        amounts = [sum(i.spend.get(year, {}).values()) for i in items]
        styles = [xs.GANTT_BAR if amount > 0 else
                  xs.GANTT_SPAN if i.start_year <= year <= i.end_year else xs.GANTT_EMPTY
                  for i, amount in zip(items, amounts, strict=True)]
        columns.append(Col(fy(year), [a if a > 0 else None for a in amounts],
                           xs.GANTT_EMPTY, GANTT_WIDTH, styles))
    block = out.table(_drop_empty(columns), name="Roadmap")
    freeze(ws, block, columns=2)
    if ctx.fiscal_years and ctx.funds:
        out.skip()
        place_chart(ws, spend_chart(ranges), out.row, "B", own_page_after=None,
                    alt=_spend_alt(ctx))
    out.fit({2: 30})
    xs.print_setup(ws, scenario=ctx.scenario, title_cols="A:B",
                   title_rows=f"{block.header_row}:{block.header_row}")
    # The chart below the table is the By Fiscal Year sheet's own; printed here it would
    # sit alone on a last page under the repeated header band.
    ws.print_area = f"A1:{get_column_letter(len(block.headers))}{max(block.last_row, 1)}"


def _approach(ctx: ExportContext, candidate_id: str) -> str:
    candidate = ctx.portfolio.candidates.get(candidate_id)
    if candidate is None or candidate.approach is None:
        return ""
    return candidate.approach.value


def write_funded(ws: Worksheet, ctx: ExportContext, tables: set[str]) -> None:
    """Every funded project with its schedule, spend by fund, value, score and rank."""
    out = SheetWriter(ws, tables)
    items = _ordered(ctx)
    candidates = ctx.portfolio.candidates
    estimated = ctx.has_estimates
    out.title(f"Funded projects ({len(ctx.plan.funded)})",
              "Sorted by start year. Value (points) is what the plan counts for each project: "
              "its score, less any reduction for going live later (see Summary)."
              + (" Estimates lists the figures the planner estimated rather than read "
                 "from the input." if estimated else ""))

    def _field(cid: str, name: str) -> object:
        candidate = candidates.get(cid)
        return getattr(candidate, name) if candidate else None

    ids = [i.candidate_id for i in items]
    block = out.table(_drop_empty([
        Col("Candidate", ids),
        Col("Project", [ctx.name(c) for c in ids], xs.WRAP, 36),
        Col("Approach", [_approach(ctx, c) for c in ids]),
        Col("Targets", [_field(c, "targets") for c in ids], xs.WRAP, 16),
        Col("Start", [i.start_year for i in items], xs.YEAR_CELL),
        Col("Finish", [i.end_year for i in items], xs.YEAR_CELL),
        Col("Total spend", [i.total_cost for i in items], xs.COMPACT_MONEY_CELL),
        Col("Funds", [_funds_text(i) for i in items], xs.WRAP_COLUMN, 30),
        Col("Value (points)", [i.value for i in items], xs.DECIMAL_CELL),
        Col("Score", [ctx.score(c) for c in ids], xs.SCORE_CELL),
        Col("Rank", [ctx.rank(c) for c in ids], xs.RANK_CELL),
        Col("Mandatory", [_yes(bool(_field(c, "mandatory"))) for c in ids], xs.FLAG),
        Col("Requires", [_field(c, "requires") for c in ids]),
        Col("Estimates", [sorted(_field(c, "estimated") or ()) for c in ids]),
    ]), name="Funded")
    freeze(ws, block, columns=2)
    if block.rows:
        data_bar(ws, block.data_range("Value (points)"))
    out.fit()
    xs.print_setup(ws, scenario=ctx.scenario, title_cols="A:B",
                   title_rows=f"{block.header_row}:{block.header_row}")


def write_unfunded(ws: Worksheet, ctx: ExportContext, tables: set[str]) -> None:
    """Every unfunded project with the reasons in words and what it would take."""
    out = SheetWriter(ws, tables)
    unfunded = sorted(ctx.plan.unfunded,
                      key=lambda u: (ctx.rank(u.candidate_id) or 10**9, u.candidate_id))
    out.title(f"Unfunded projects ({len(unfunded)})",
              "Sorted by score rank. Each row says why the project missed out and what "
              "would get it funded.")
    candidates = ctx.portfolio.candidates
    ids = [u.candidate_id for u in unfunded]
    block = out.table(_drop_empty([
        Col("Candidate", ids),
        Col("Project", [ctx.name(c) for c in ids], xs.WRAP, 34),
        Col("Approach", [_approach(ctx, c) for c in ids]),
        Col("Total cost", [candidates[c].one_time_cost if c in candidates else None
                           for c in ids], xs.COMPACT_MONEY_CELL),
        Col("Score", [ctx.score(c) for c in ids], xs.SCORE_CELL),
        Col("Rank", [ctx.rank(c) for c in ids], xs.RANK_CELL),
        Col("Mandatory", [_yes(candidates[c].mandatory) if c in candidates else ""
                          for c in ids], xs.FLAG),
        Col("Why not funded", [plain_names("\n".join(u.reasons)) for u in unfunded],
            xs.WRAP_COLUMN, 46),
        Col("What it would take", [plain_names(u.what_it_would_take or "") for u in unfunded],
            xs.WRAP_COLUMN, 38),
        Col("In short", [_reasons_in_short(u.codes) for u in unfunded], xs.WRAP_COLUMN, 18),
    ]), name="Unfunded")
    freeze(ws, block, columns=2)
    out.fit()
    xs.print_setup(ws, scenario=ctx.scenario, title_cols="A:B",
                   title_rows=f"{block.header_row}:{block.header_row}")


def _spend_alt(ctx: ExportContext) -> str:
    """The spend chart's message, the same words the Charts sheet and the brief give it."""
    return spend_alt(*spend_and_caps(ctx.portfolio, ctx.plan))
