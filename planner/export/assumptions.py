"""The Assumptions sheet: the rules and cost drivers behind every estimated figure."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from planner.export import styles as xs
from planner.export.context import ExportContext
from planner.export.layout import Col, SheetWriter, freeze
from planner.propose.assumptions import assumption_kind, assumptions_frame, read_assumptions

KIND_STYLES = {"money": xs.MONEY_CELL, "percent": xs.PERCENT_CELL,
               "integer": xs.INTEGER_CELL, "number": xs.DECIMAL_CELL}


def write_assumptions(ws: Worksheet, ctx: ExportContext, tables: set[str]) -> None:
    """Each assumption with the value used, its default and what it means."""
    out = SheetWriter(ws, tables)
    assumptions, _ = read_assumptions(ctx.portfolio.settings)
    frame = assumptions_frame(assumptions)
    changed = int((frame["value"] != frame["default"]).sum())
    out.title("Assumptions behind the estimates",
              "Proposed projects were costed with these rules (listed under Estimates on the "
              f"Funded and Unfunded sheets). {changed} of {len(frame)} differ from the "
              "defaults. To change one, edit its assume_ row on the Settings sheet and "
              "re-import the workbook.")
    styles = [KIND_STYLES[assumption_kind(k)] for k in frame["key"]]
    block = out.table([
        Col("Assumption", list(frame["key"]), xs.TEXT),
        Col("Used", list(frame["value"]), xs.DECIMAL_CELL, styles=styles),
        Col("Default", list(frame["default"]), xs.DECIMAL_CELL, styles=styles),
        Col("Changed", ["yes" if v != d else "" for v, d in
                        zip(frame["value"], frame["default"], strict=True)], xs.TEXT),
        Col("What it means", list(frame["description"]), xs.WRAP, 80),
    ], name="Assumptions")
    freeze(ws, block, columns=1)
    out.fit()
    xs.print_setup(ws, scenario=ctx.scenario,
                   title_rows=f"{block.header_row}:{block.header_row}")
