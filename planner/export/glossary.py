"""The Glossary sheet: every term of the council sheets that is not everyday language, and
the column names of the input sheets, which keep the planner's own names so that the
workbook imports back as it was planned."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from planner.core.schema import SHEETS_BY_NAME
from planner.core.settings import SETTING_KEYS
from planner.core.words import POINTS_DEFINITION
from planner.export import styles as xs
from planner.export.context import ExportContext
from planner.export.layout import Col, SheetWriter, freeze
from planner.export.words import PLAN_WORDS, method_words

GLOSSARY_SHEET = "Glossary"
WIDTHS = {1: 28, 2: 22, 3: 100}

# (term, where it appears, meaning): the plan's own vocabulary, in reading order.
PLAN_TERMS: tuple[tuple[str, str, str], ...] = (
    ("Value (points)", "Summary, Funded", POINTS_DEFINITION),
    ("Share of the best possible plan", "Summary",
     "The plan's value divided by the most value any plan within the same rules could "
     "capture; 100% when the solver proved the plan optimal."),
    ("Score", "Funded, Unfunded, Scores",
     "A project's rating from 0 to 1 on the weighted criteria (see How projects were "
     "scored on the Summary)."),
    ("Rank", "Funded, Unfunded, Scores", "A project's place by score; rank 1 is the best."),
    ("Optimized plan", "Summary", PLAN_WORDS["optimized"] + ": the projects, years and funds "
     "that capture the most value within every budget, staff and timing rule."),
    ("Rank and cut", "Summary",
     "Funding projects in score order until the money runs out, as a spreadsheet would."),
    ("Greedy", "Summary", "Funding the projects with the most value per dollar first."),
    ("Proven optimal", "Summary", "The solver proved that no plan within the same rules "
     "captures more value."),
    ("Gap", "Summary, Robustness", "How far the plan may be from the best possible value; "
     "0% for a proven optimal plan."),
    ("Mandatory", "Roadmap, Funded, Unfunded",
     "A project that must be funded (legal mandate, end of support); the plan has no choice."),
    ("Either/or group", "Unfunded", "Projects that are alternatives to each other: at most "
     "one of them is funded."),
    ("Prerequisite", "Unfunded", "A project that must be funded and finish before another "
     "may start."),
    ("Forced in, forced out, start year fixed", "Summary",
     "The user's overrides: a project always funded, never funded, or funded from a given "
     "year, whatever the optimizer would choose."),
    ("Carry-over", "Summary, By Fiscal Year",
     "Whether a year's unspent capital budget may be spent in later years."),
    ("Restricted fund", "Summary", "A fund only some projects may draw on (a grant, an "
     "enterprise fund); the Candidates sheet's funding_sources lists each project's funds."),
    ("Capital budget", "Summary, By Fiscal Year",
     "One-time money available for projects, by fiscal year and fund."),
    ("Operating budget increase", "Unfunded",
     "New recurring money available each year for the running costs of projects that go "
     "live."),
    ("IT staff FTE", "Unfunded", "Full-time equivalents of IT staff a project needs while it "
     "runs; each year has a capacity."),
    ("Fiscal year (FY2027)", "every sheet", "Named by the calendar year it ends in."),
    ("Legacy risk", "Summary, Scores", "Points (0-100) for the old systems a project "
     "addresses: age, end of vendor support, legacy language, security risk, criticality."),
    ("Chance funded", "Robustness", "The share of many randomly varied sets of weights under "
     "which a project is still funded (SMAA: stochastic multicriteria acceptability "
     "analysis)."),
    ("Budget frontier", "Robustness", "The value each plan captures as the capital budget is "
     "scaled up or down."),
    ("Kendall's tau", "Weighing", "How far two rankings agree: 1 the same order, 0 unrelated, "
     "-1 reversed."),
    ("Money", "every sheet", "Whole dollars ($2,500,000) in the By Fiscal Year and input "
     "sheets, the compact form ($2.5M, $850K) in the others and in every sentence."),
)
APPROACH_TERMS: tuple[tuple[str, str], ...] = (
    ("retire", "Switch the old system off; its work moves elsewhere or stops."),
    ("retain", "Keep the system, with only the upkeep needed to stay supported."),
    ("rehost", "Move the system as it is to new hardware or the cloud (lift and shift)."),
    ("replatform", "Move to a newer platform or version with small changes."),
    ("repurchase", "Replace with a product bought as a service (SaaS)."),
    ("refactor", "Rewrite or restructure the system's own code."),
    ("replace", "Replace with a different system."),
    ("digitize", "Turn a paper or manual process into an online one."),
)


def glossary_terms(ctx: ExportContext) -> list[tuple[str, str, str]]:
    """Every row of the Glossary: plan terms, approaches, the method, input column names."""
    rows = list(PLAN_TERMS)
    rows += [(name, "Roadmap, Funded, Unfunded (Approach)", words)
             for name, words in APPROACH_TERMS]
    if ctx.scores is not None:
        rows.append((ctx.scores.method.upper(), "Summary, Scores", method_words(
            ctx.scores.method)))
    for sheet in ("Systems", "Processes", "Candidates", "Budget", "Criteria"):
        spec = SHEETS_BY_NAME[sheet]
        rows += [(column.name, f"{sheet} sheet", column.description)
                 for column in spec.columns]
    rows.append(("cost_FY2027, cost_FY2028 ...", "Candidates sheet",
                 "A project's fixed spend in that fiscal year: funded exactly so, or not at "
                 "all."))
    rows += [(key.name, "Settings sheet", key.help) for key in SETTING_KEYS]
    return rows


def write_glossary(ws: Worksheet, ctx: ExportContext, tables: set[str]) -> None:
    """The terms a council reader may not know, each with where it appears and its meaning."""
    out = SheetWriter(ws, tables)
    out.title("Glossary",
              "Terms used in this workbook. The input sheets (Systems to Settings) keep the "
              "planner's column names, so the workbook can be imported again; they are "
              "explained here too.")
    rows = glossary_terms(ctx)
    block = out.table([
        Col("Term", [r[0] for r in rows], xs.WRAP),
        Col("Where you see it", [r[1] for r in rows], xs.WRAP),
        Col("Meaning", [r[2] for r in rows], xs.WRAP),
    ], name="Glossary")
    freeze(ws, block)
    out.fit(WIDTHS, fixed=True)
    xs.print_setup(ws, scenario=ctx.scenario,
                   title_rows=f"{block.header_row}:{block.header_row}")
