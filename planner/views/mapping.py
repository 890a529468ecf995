"""The column mapping as the user confirms it: plain labels, choices, problems, saved profiles.

`column_label` is the one place a canonical column gets the words a city analyst reads in a
menu ("One-time cost (one_time_cost)"): a short form of the column's description in
planner.core.schema, with the canonical name after it so it matches the documentation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import pandas as pd

from planner.core.issues import IssueCode
from planner.core.schema import SHEETS_BY_NAME, Kind, spend_column_year
from planner.recognize.profiles import CUSTOM as PROFILE_CUSTOM
from planner.recognize.profiles import MappingProfile, load_profile
from planner.validate.portfolio import Validated
from planner.views.workspace import CUSTOM, IGNORE, Workspace, mapping_profile

# Short forms of the schema's descriptions, for menus (the description says the rest).
SHORT_LABELS: dict[str, str] = {
    "system_id": "System id", "name": "Name", "department": "Department", "vendor": "Vendor",
    "platform": "Platform or language", "year_implemented": "Year it went live",
    "end_of_support": "End of vendor support", "annual_om_cost": "Annual O&M cost",
    "staff_users": "Staff users", "residents_served": "Residents served per year",
    "criticality": "Criticality (1-5)", "security_risk": "Security risk (1-5)",
    "technical_condition": "Technical condition (1-5)",
    "functional_fit": "Functional fit (1-5)", "notes": "Notes",
    "process_id": "Process id", "annual_volume": "Transactions per year",
    "minutes_per_transaction": "Staff minutes per transaction",
    "resident_facing": "Resident-facing (yes/no)", "turnaround_days": "Turnaround (days)",
    "error_rate": "Error rate (%)", "legal_mandate": "Required by law (yes/no)",
    "annual_paper_cost": "Annual paper cost", "candidate_id": "Candidate id",
    "targets": "Systems and processes it modernizes", "approach": "Approach",
    "one_time_cost": "One-time cost", "duration_months": "Duration (months)",
    "annual_operating_cost": "New annual operating cost", "annual_savings": "Annual savings",
    "staff_fte": "IT staff needed (FTE)", "delivery_risk": "Delivery risk (1-5)",
    "strategic_alignment": "Strategic alignment (1-5)", "requires": "Requires (candidate ids)",
    "alternative_group": "Either/or group", "mandatory": "Mandatory (yes/no)",
    "earliest_start": "Earliest start (fiscal year)",
    "must_finish_by": "Must finish by (fiscal year)", "funding_sources": "Eligible funds",
    "fiscal_year": "Fiscal year", "fund": "Fund", "capital_budget": "Capital budget",
    "operating_budget_increase": "Cap on new operating cost",
    "staff_fte_capacity": "IT staff available (FTE)", "criterion": "Criterion",
    "column": "Column or metric it reads", "direction": "Direction (max or min)",
    "weight": "Weight", "scale_min": "Scale: value scoring 0",
    "scale_max": "Scale: value scoring 1", "key": "Setting name", "value": "Setting value",
}
# Columns whose short form depends on the sheet.
SHEET_LABELS: dict[tuple[str, str], str] = {
    ("Systems", "name"): "System name", ("Processes", "name"): "Process name",
    ("Candidates", "name"): "Project name",
}
CHOICE_LABELS = {CUSTOM: "Keep as a custom column", IGNORE: "Ignore this column"}
SCALE = "scale"  # the mapping editor's column saying which way a rating runs
SCALE_NORMAL, SCALE_REVERSED = "5 is the most", "1 is the most"
SCALE_OPTIONS = (SCALE_NORMAL, SCALE_REVERSED)


def _short(description: str) -> str:
    """A description's first clause, for a column the table above does not name."""
    first = description.split(". ")[0].rstrip(".").split(", ")[0]
    words: list[str] = []
    for word in first.split():
        if words and len(" ".join([*words, word])) > 40:
            break
        words.append(word)
    return " ".join(words) or description


def column_label(sheet: str, column: str) -> str:
    """What a mapping choice is called in a menu: "One-time cost (one_time_cost)"."""
    if column in CHOICE_LABELS:
        return CHOICE_LABELS[column]
    year = spend_column_year(column) if sheet == "Candidates" else None
    if year is not None:
        return f"Spend in FY{year} ({column})"
    spec = SHEETS_BY_NAME.get(sheet)
    known = spec.column_index.get(column) if spec is not None else None
    if known is None:
        return column
    words = SHEET_LABELS.get((sheet, column)) or SHORT_LABELS.get(column)
    return f"{words or _short(known.description)} ({column})"


def column_description(sheet: str, column: str) -> str:
    """The schema's description of a mapping choice (what the column means)."""
    spec = SHEETS_BY_NAME.get(sheet)
    known = spec.column_index.get(column) if spec is not None else None
    if known is not None:
        return known.description
    if column == CUSTOM:
        return "Kept under your header; usable as a custom criterion."
    if column == IGNORE:
        return "Not read."
    year = spend_column_year(column) if sheet == "Candidates" else None
    return f"Spend fixed in FY{year} ($)." if year is not None else ""


def mapping_choices(sheet: str, current: Iterable[str] = ()) -> list[str]:
    """What a column of a sheet can be mapped to: its canonical columns, any spend column
    already chosen, custom, or ignored."""
    columns = [c.name for c in SHEETS_BY_NAME[sheet].columns]
    spend = sorted({c for c in current if c not in columns and c not in CHOICE_LABELS
                    and sheet == "Candidates" and spend_column_year(c)})
    return [*columns, *spend, CUSTOM, IGNORE]


def rating_headers(workspace: Workspace, sheet: str) -> list[str]:
    """The user's headers read as 1-5 ratings, whose direction the user may choose."""
    spec = SHEETS_BY_NAME.get(sheet)
    if spec is None or workspace.sheets[sheet].grid:
        return []
    return [h for h, c in workspace.mapping.get(sheet, {}).items()
            if c in spec.column_index and spec.column_index[c].kind is Kind.SCALE_1_5]


def mapping_frame(workspace: Workspace, sheet: str) -> pd.DataFrame:
    """The mapping of one sheet as a table for confirmation: the user's column, what it is
    read as, which way a rating runs ("5 is the most" or "1 is the most"), and what it
    means. A budget grid's columns are shown as the grid reads them."""
    mapping = workspace.mapping.get(sheet, {})
    ratings = set(rating_headers(workspace, sheet))
    flipped = workspace.reversed.get(sheet, frozenset())
    scale = [None if h not in ratings else SCALE_REVERSED if h in flipped else SCALE_NORMAL
             for h in mapping]
    return pd.DataFrame({"your column": list(mapping), "read as": list(mapping.values()),
                         SCALE: pd.Series(scale, dtype=object),
                         "meaning": [column_description(sheet, c) for c in mapping.values()]})


def edit_mapping(workspace: Workspace, sheet: str, delta: dict[str, Any]
                 ) -> tuple[Workspace, str | None]:
    """Apply an edit of the mapping editor (positions are the mapping's headers, in order):
    columns read as other columns, ratings turned to run the other way. Returns the new
    workspace and the change in plain words ("Mapping of 'Est. Cost' → one_time_cost")."""
    if workspace.sheets[sheet].grid:
        return workspace, None
    mapping = dict(workspace.mapping[sheet])
    headers = list(mapping)
    ratings = set(rating_headers(workspace, sheet))
    flipped = set(workspace.reversed.get(sheet, frozenset()))
    said = []
    for position, change in sorted((delta.get("edited_rows") or {}).items(),
                                   key=lambda item: int(item[0])):
        header = headers[int(position)] if int(position) < len(headers) else None
        choice = (change or {}).get("read as")
        if header is not None and choice and choice != mapping[header]:
            mapping[header] = choice
            said.append(f"Mapping of '{header}' → {column_label(sheet, choice)}")
        direction = (change or {}).get(SCALE)
        if header in ratings and direction in SCALE_OPTIONS and \
                (direction == SCALE_REVERSED) != (header in flipped):
            flipped.symmetric_difference_update({header})
            said.append(f"Rating '{header}' read with {direction}")
    if not said:
        return workspace, None
    title = workspace.sheets[sheet].title
    changed = workspace.with_mapping(sheet, mapping).with_reversed(sheet, flipped)
    return changed, f"{title}: " + "; ".join(said)


def unclear_scales(workspace: Workspace, validated: Validated) -> list[tuple[str, str]]:
    """(table, header) of each rating column whose direction the importer could not tell."""
    found = []
    for sheet, info in workspace.sheets.items():
        ratings = set(rating_headers(workspace, sheet))
        for issue in validated.log.items:
            if issue.code is IssueCode.UNCLEAR_SCALE and issue.sheet == info.title and \
                    issue.column in ratings and (sheet, issue.column) not in found:
                found.append((sheet, issue.column))
    return found


def unclear_scale_note(workspace: Workspace, sheet: str, header: str) -> str:
    """What the app asks about a rating whose direction cannot be told."""
    title = workspace.sheets[sheet].title
    return (f"Sheet '{title}': which way '{header}' runs cannot be told, so its numbers are "
            "read as they are (5 = most). If 1 is the most there (1 = most critical, say), "
            f"choose \"{SCALE_REVERSED}\" for it in the {SCALE} column of the {sheet} "
            "mapping below.")


def mapping_problems(workspace: Workspace, sheet: str) -> list[str]:
    """Plain-language problems with one sheet's mapping (missing or doubled columns)."""
    if workspace.sheets[sheet].grid:
        return []
    mapping = workspace.mapping.get(sheet, {})
    used = [c for c in mapping.values() if c not in (CUSTOM, IGNORE)]
    problems = [f"{column_label(sheet, c)} is chosen for more than one column."
                for c in sorted(set(used)) if used.count(c) > 1]
    required = SHEETS_BY_NAME[sheet].required_columns
    problems += [f"No column is read as the required {column_label(sheet, c)}."
                 for c in required if c not in used]
    return problems


def profile_json(workspace: Workspace) -> str:
    """The confirmed mapping as profile JSON, to read next year's file the same way."""
    return mapping_profile(workspace).to_json()


def apply_profile(workspace: Workspace, source: bytes | dict[str, Any] | MappingProfile
                  ) -> Workspace:
    """A copy with a saved profile applied to the sheets and columns it names.

    Raises UnreadableFileError (a PlannerError) when the profile is not valid.
    """
    profile = load_profile(source)
    mapping = {name: dict(m) for name, m in workspace.mapping.items()}
    flipped = dict(workspace.reversed)
    for name, info in workspace.sheets.items():
        saved = profile.for_title(info.title)
        if saved is None or saved.table != name or info.grid:
            continue
        flipped[name] = frozenset(h for h in saved.reversed_scales if h in mapping[name])
        for header, column in saved.columns.items():
            target = IGNORE if column is None else CUSTOM if column == PROFILE_CUSTOM else column
            choices = set(mapping_choices(name, [target]))
            if header in mapping[name] and target in choices:
                mapping[name][header] = target
    return replace(workspace, mapping=mapping, reversed=flipped)


def unread_candidates(validated: Validated) -> str | None:
    """When a Candidates sheet was recognized but none of its rows could be read: where, and
    the importer's own reason ("Sheet 'Project Requests': 15 candidate rows found, none
    readable: ... map the column that holds it."); None otherwise."""
    rows = validated.counts.get("Candidates", 0)
    if not rows or validated.portfolio.candidates:
        return None
    title = next((t for t, p in validated.profile.sheets.items() if p.table == "Candidates"),
                 "Candidates")
    reason = next((i.message for i in validated.log.items
                   if i.code is IssueCode.NO_USABLE_ROWS and i.sheet == title), None)
    if reason is None:  # rows that were read, then left out by the checks across sheets
        noun = "row" if rows == 1 else "rows"
        reason = f"{rows} candidate {noun} found, none usable; see the errors on each row."
    return f"Sheet '{title}': {reason}"
