"""A blank input workbook with instructions, header comments and dropdowns."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from planner.core.models import Approach, Direction, Settings
from planner.core.schema import SHEETS, Kind

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
REQUIRED_FILL = PatternFill("solid", fgColor="C00000")
TEMPLATE_ROWS = 500

INSTRUCTIONS = (
    "How to fill in this workbook",
    "",
    "Fill one row per item on each sheet. Red headers are required; the rest are optional.",
    "Hover over a header to see what the column means. Dropdowns offer the allowed values.",
    "Systems: your IT systems. Processes: paper or manual processes. Candidates: the "
    "modernization projects you could fund.",
    "Budget: capital money per fiscal year and fund. A fiscal year is named by the calendar "
    "year it ends in (FY2027 ends in 2027).",
    "Lists inside a cell (targets, requires, funding_sources) are separated by commas or "
    "semicolons.",
    "Candidates may carry explicit spend columns named cost_FY2027, cost_FY2028, ...: the "
    "candidate is then funded exactly on those years and amounts, or not at all.",
    "'A requires B' means A may be funded only if B is funded and finishes before A starts.",
    "Candidates sharing an alternative_group are either/or: at most one is funded.",
    "Criteria (optional) sets your own criteria and weights; without it a preset is used.",
    "Settings (optional) holds key/value pairs such as first_fiscal_year and method.",
    "",
    "Check the file with:  planner validate this_file.xlsx",
)

_SETTING_HELP = {
    "city_name": "Shown on the council workbook.",
    "scenario_name": "Name of this scenario.",
    "method": "Scoring method: wsm, wpm, topsis or vikor.",
    "preset": "Criteria preset used when there is no Criteria sheet.",
    "first_fiscal_year": "First fiscal year of the plan, e.g. 2027.",
    "horizon_years": "Number of fiscal years planned.",
    "fiscal_year_start_month": "Month the fiscal year starts (7 = July).",
    "staff_hourly_cost": "Loaded cost of one staff hour ($).",
    "time_weighting": "yes: earlier delivery is worth more.",
    "carry_over": "yes: unspent budget carries to the next year.",
    "solver_time_limit_s": "Seconds the optimizer may spend.",
    "mip_gap": "Optimality gap the optimizer may stop at (0.001 = 0.1%).",
    "propose_candidates": "yes: propose candidates for untargeted systems and processes.",
    "force_in": "Candidates always funded, ids separated by commas (e.g. C-004, C-010).",
    "force_out": "Candidates never funded, ids separated by commas.",
    "pin_start": "Candidates funded from a given year, as ID=YEAR (e.g. C-004=2028, C-010=2029).",
}


def _dropdown(kind: Kind) -> DataValidation | None:
    choices = {
        Kind.BOOLEAN: ["yes", "no"],
        Kind.APPROACH: [a.value for a in Approach],
        Kind.DIRECTION: [d.value for d in Direction],
        Kind.SCALE_1_5: ["1", "2", "3", "4", "5"],
    }.get(kind)
    if choices is None:
        return None
    validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                                allow_blank=True)
    validation.error = "Choose a value from the list."
    validation.errorTitle = "Not an allowed value"
    return validation


def build_template() -> Workbook:
    """The template workbook: Instructions first, then one sheet per input table."""
    workbook = Workbook()
    info = workbook.active
    info.title = "Instructions"
    for number, line in enumerate(INSTRUCTIONS, start=1):
        cell = info.cell(row=number, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    info["A1"].font = Font(bold=True, size=14)
    info.column_dimensions["A"].width = 110
    for spec in SHEETS:
        sheet = workbook.create_sheet(spec.name)
        for index, column in enumerate(spec.columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column.name)
            cell.font = HEADER_FONT
            cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
            note = column.description + (" Required." if column.required else "")
            cell.comment = Comment(note, "planner", width=300, height=80)
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(14, len(column.name) + 4)
            validation = _dropdown(column.kind)
            if validation is not None:
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
        sheet.freeze_panes = "A2"
    settings = workbook["Settings"]
    defaults = Settings()
    for number, (key, help_text) in enumerate(_SETTING_HELP.items(), start=2):
        settings.cell(row=number, column=1, value=key)
        value = getattr(defaults, key)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        settings.cell(row=number, column=2, value=value)
        settings.cell(row=number, column=3, value=help_text)
    settings.column_dimensions["C"].width = 70
    return workbook


def template_bytes() -> bytes:
    """The template as .xlsx bytes."""
    buffer = io.BytesIO()
    build_template().save(buffer)
    return buffer.getvalue()
