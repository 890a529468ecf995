"""The Rules sheet: each balance rule as the importer reads it, with how the plan stands.

The first six columns are the importer's Rules sheet (a title above it is skipped on import),
so importing the workbook gives back the same rules; the last two, the plan's figure and
whether the rule binds, are the report (`planner.core.balance.REPORT_HEADERS`, which the
importer passes over without a note).
"""

from __future__ import annotations

from collections.abc import Mapping

from openpyxl.worksheet.worksheet import Worksheet

from planner.core.balance import REPORT_HEADERS, BalanceRule, RuleReport
from planner.core.schema import RULES
from planner.core.words import fy
from planner.export import styles as xs
from planner.export.context import ExportContext
from planner.export.layout import Col, SheetWriter, freeze
from planner.plan.rules import limit_words, rule_reports

SHEET = RULES.name


def rules_sheets(ctx: ExportContext) -> list[str]:
    """The sheet's name when the portfolio has balance rules, else nothing."""
    return [SHEET] if ctx.portfolio.rules else []


def limit_text(rule: BalanceRule) -> str | None:
    """The limit as the importer reads it back exactly: '40%', '$2,000,000'; None for a count."""
    if rule.limit is None or rule.kind.is_count:
        return None
    if rule.kind.is_share:
        return f"{100 * rule.limit:.12g}%"
    return f"${rule.limit:,.2f}".removesuffix(".00")


def scope_text(rule: BalanceRule) -> str:
    """'all years', 'each year' or 'FY2028'."""
    if rule.fiscal_year is not None:
        return fy(rule.fiscal_year)
    return "each year" if rule.each_year else "all years"


def standing(rule: BalanceRule, report: RuleReport | None) -> tuple[str, str]:
    """(the plan's figure, binds) in words, for one rule."""
    if report is None:
        return "", "no plan"
    figure = f"{report.actual:g} funded" if rule.kind.is_count \
        else limit_words(rule, report.actual)
    if report.year is not None and rule.each_year:
        figure += f" (FY{report.year}, its tightest year)"
    binds = "broken" if not report.kept else ("yes" if report.binds else "no")
    return figure, binds


def write_rules(sheets: Mapping[str, Worksheet], ctx: ExportContext, tables: set[str]) -> None:
    """One row per rule: the rule as imported, the plan's figure and whether it binds."""
    if SHEET not in sheets:
        return
    ws = sheets[SHEET]
    rules = ctx.portfolio.rules
    reports = ctx.plan.rules or rule_reports(ctx.portfolio, ctx.plan)
    by_name = {r.name: r for r in reports}
    shown = [standing(rule, by_name.get(rule.name)) for rule in rules]
    binding = sum(s[1] == "yes" for s in shown)
    out = SheetWriter(ws, tables)
    out.title("Balance rules",
              f"Each rule limits the share, amount or count of capital for the candidates with "
              f"one value in one column; every plan keeps them. {binding} of {len(rules)} "
              f"bind{'s' if binding == 1 else ''} in this plan: the plan is at its limit, or "
              "the rule alone keeps a candidate out.")
    block = out.table([
        Col("rule", [r.name for r in rules], xs.TEXT),
        Col("column", [r.column for r in rules], xs.TEXT),
        Col("value", [r.value for r in rules], xs.TEXT),
        Col("kind", [r.kind.value for r in rules], xs.TEXT),
        Col("limit", [limit_text(r) for r in rules], xs.TEXT),
        Col("scope", [scope_text(r) for r in rules], xs.TEXT),
        Col(REPORT_HEADERS[0], [s[0] for s in shown], xs.TEXT),
        Col(REPORT_HEADERS[1], [s[1] for s in shown], xs.TEXT),
    ], name="Rules")
    freeze(ws, block, columns=1)
    out.fit()
    xs.print_setup(ws, scenario=ctx.scenario,
                   title_rows=f"{block.header_row}:{block.header_row}")
