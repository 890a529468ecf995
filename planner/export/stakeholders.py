"""The Stakeholders sheet: whose weights they were, how they were combined, and whether the
plan used their combination.

The table is the importer's Stakeholders sheet (a title above it is skipped on import), so
importing the workbook gives back the same stakeholders and weights.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl.worksheet.worksheet import Worksheet

from planner.core.models import Criterion, Stakeholder
from planner.core.schema import STAKEHOLDERS
from planner.export import styles as xs
from planner.export.context import ExportContext
from planner.export.layout import Col, SheetWriter, freeze
from planner.score.stakeholders import STAKEHOLDER_RULE, combined_weights

SHEET = STAKEHOLDERS.name
SAME = 1e-6  # combined and used weights closer than this are the same weights


def stakeholder_sheets(ctx: ExportContext) -> list[str]:
    """The sheet's name when the portfolio lists stakeholders, else nothing."""
    return [SHEET] if ctx.portfolio.stakeholders else []


def _criteria(people: Sequence[Stakeholder], criteria: Sequence[Criterion]) -> list[str]:
    """Criterion columns: the plan's criteria first, in their order, then any others."""
    named = [c.criterion for c in criteria]
    given = [n for person in people for n in person.weights]
    return list(dict.fromkeys([n for n in named if n in given] + given))


def use_sentence(people: Sequence[Stakeholder], criteria: Sequence[Criterion],
                 used: Mapping[str, float] | None) -> str:
    """Whether the plan's weights are these stakeholders' combined weights, in words."""
    combined = combined_weights(people, criteria) if criteria else None
    if combined is None:
        return ("They do not weigh exactly the criteria of this plan, so their weights were "
                "not combined for it.")
    shares = ", ".join(f"{name} {share:.0%}" for name, share in combined.items())
    if used is None:
        return f"Combined: {shares}."
    if all(abs(used.get(name, 0.0) - share) <= SAME for name, share in combined.items()):
        return f"Combined: {shares}. These are the weights this plan was made with."
    return (f"Combined: {shares}. This plan was made with other weights (set by hand, or by "
            "the Criteria sheet), listed on the Criteria sheet.")


def write_stakeholders(sheets: Mapping[str, Worksheet], ctx: ExportContext,
                       tables: set[str]) -> None:
    """Each stakeholder's weights as given, one row each, under the rule that combines them."""
    if SHEET not in sheets:
        return
    ws = sheets[SHEET]
    people = ctx.portfolio.stakeholders
    criteria = tuple(ctx.scores.criteria) if ctx.scores is not None else ()
    used = dict(ctx.scores.weights) if ctx.scores is not None else None
    out = SheetWriter(ws, tables)
    out.title("Stakeholders' weights",
              f"Each row is one stakeholder's weights as given; only their proportions count. "
              f"They are combined by {STAKEHOLDER_RULE} {use_sentence(people, criteria, used)}")
    names = _criteria(people, criteria)
    block = out.table([
        Col("stakeholder", [p.name for p in people], xs.TEXT),
        Col("role", [p.role for p in people], xs.TEXT),
        *[Col(name, [p.weights.get(name) for p in people], xs.DECIMAL_CELL) for name in names],
    ], name="Stakeholders")
    freeze(ws, block, columns=1)
    out.fit()
    xs.print_setup(ws, scenario=ctx.scenario,
                   title_rows=f"{block.header_row}:{block.header_row}")
