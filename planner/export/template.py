"""A blank input workbook with instructions, header comments and dropdowns."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planner.core.balance import RuleKind
from planner.core.funds import FundKind
from planner.core.models import Approach, Direction
from planner.core.schema import SHEETS, STAKEHOLDERS, Kind
from planner.core.settings import SETTING_KEYS, SettingKey
from planner.score.criteria import DEFAULT_PRESET, PRESETS
from planner.validate.settings import allowed_values

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
    "Budget fund_kind says what kind of money a fund holds: general, enterprise, grant, "
    "reserve or bond. Enterprise, grant, reserve and bond money is restricted: only "
    "candidates that name the fund in funding_sources may use it, and a candidate with blank "
    "funding_sources draws only on unrestricted funds. restricted yes/no overrides the kind.",
    "Lists inside a cell (targets, requires, funding_sources) are separated by commas or "
    "semicolons.",
    "Candidates may carry explicit spend columns named cost_FY2027, cost_FY2028, ...: the "
    "candidate is then funded exactly on those years and amounts, or not at all.",
    "'A requires B' means A may be funded only if B is funded and finishes before A starts.",
    "Candidates sharing an alternative_group are either/or: at most one is funded.",
    "Criteria (optional) sets your own criteria and weights; without it a preset is used.",
    "Settings (optional) holds key/value pairs such as first_fiscal_year and method.",
    "Stakeholders (optional): one row of weights per person or body, one column per "
    "criterion (named as in the Criteria sheet, or the preset's criteria shown). Their "
    "weights are combined by geometric mean when the Criteria sheet gives no weights.",
    "",
    "Check the file with:  planner validate this_file.xlsx",
)


def _list_validation(choices: Sequence[str]) -> DataValidation:
    validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                                allow_blank=True)
    validation.error = "Choose a value from the list."
    validation.errorTitle = "Not an allowed value"
    return validation


# Text columns whose values come from a fixed list: (sheet, column) -> the allowed values.
NAMED_CHOICES: dict[tuple[str, str], list[str]] = {
    ("Budget", "fund_kind"): [k.value for k in FundKind],
    ("Rules", "kind"): [k.value for k in RuleKind],
}


def _dropdown(sheet: str, column: str, kind: Kind) -> DataValidation | None:
    if (sheet, column) in NAMED_CHOICES:
        return _list_validation(NAMED_CHOICES[sheet, column])
    choices = {
        Kind.BOOLEAN: ["yes", "no"],
        Kind.APPROACH: [a.value for a in Approach],
        Kind.DIRECTION: [d.value for d in Direction],
        Kind.SCALE_1_5: ["1", "2", "3", "4", "5"],
    }.get(kind)
    return None if choices is None else _list_validation(choices)


def setting_help(spec: SettingKey) -> str:
    """A Settings key's help text, with its allowed values when a registry holds them."""
    choices = allowed_values(spec)
    return f"{spec.help} One of: {', '.join(choices)}." if choices else spec.help


def _setting_choices(spec: SettingKey) -> tuple[str, ...]:
    """The dropdown of a Settings value: the registry's choices, else yes/no for booleans."""
    return allowed_values(spec) or (("yes", "no") if spec.kind is Kind.BOOLEAN else ())


def _write_settings(sheet: Worksheet) -> None:
    """One row per Settings key: its name, its default and what it means, with a dropdown."""
    dropdowns: dict[tuple[str, ...], DataValidation] = {}
    for number, spec in enumerate(SETTING_KEYS, start=2):
        sheet.cell(row=number, column=1, value=spec.name)
        value = spec.default
        if isinstance(value, bool):
            value = "yes" if value else "no"
        sheet.cell(row=number, column=2, value=value)
        sheet.cell(row=number, column=3, value=setting_help(spec))
        choices = _setting_choices(spec)
        if choices:
            if choices not in dropdowns:
                dropdowns[choices] = _list_validation(choices)
                sheet.add_data_validation(dropdowns[choices])
            dropdowns[choices].add(f"B{number}")
    sheet.column_dimensions["C"].width = 70


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
            validation = _dropdown(spec.name, column.name, column.kind)
            if validation is not None:
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
        sheet.freeze_panes = "A2"
    _write_settings(workbook["Settings"])
    _stakeholder_columns(workbook[STAKEHOLDERS.name])
    return workbook


def _stakeholder_columns(sheet: Worksheet) -> None:
    """One weight column per criterion of the default preset, after the name and role."""
    start = len(STAKEHOLDERS.columns) + 1
    for index, criterion in enumerate(PRESETS[DEFAULT_PRESET].criteria, start=start):
        cell = sheet.cell(row=1, column=index, value=criterion.criterion)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.comment = Comment(f"This stakeholder's weight for {criterion.criterion} (any "
                               "positive number; only the proportions count).", "planner",
                               width=300, height=80)
        sheet.column_dimensions[get_column_letter(index)].width = len(criterion.criterion) + 4


def template_bytes() -> bytes:
    """The template as .xlsx bytes."""
    buffer = io.BytesIO()
    build_template().save(buffer)
    return buffer.getvalue()
