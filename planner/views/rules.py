"""The balance rules as the app's Budget & constraints page edits and shows them.

The rules live in the workspace's Rules sheet (added, with the importer's own headers, when
the file had none), so an edit is re-validated by the importer with every other table, its
problems are reported on the sheet's rows, and the council workbook writes the same sheet.
"""

from __future__ import annotations

import pandas as pd

from planner.core.balance import RuleKind, column_values
from planner.core.models import Candidate, Portfolio
from planner.core.plans import Plan
from planner.core.schema import RULES
from planner.plan.rules import limit_words, rule_reports
from planner.views.editing import edit_sheet
from planner.views.workspace import SheetInfo, Workspace

RULES_SHEET = RULES.name
RULE_KINDS = [kind.value for kind in RuleKind]
RULE_SCOPES = ["all years", "each year"]  # or a fiscal year such as FY2028
GROUP_COLUMNS = ["department", "approach", "alternative_group"]  # offered first


def with_rules_sheet(workspace: Workspace) -> Workspace:
    """The workspace with a Rules sheet (an empty one under the standard headers if none)."""
    if RULES_SHEET in workspace.frames:
        return workspace
    headers = [c.name for c in RULES.columns]
    frame = pd.DataFrame({h: pd.Series([], dtype="string") for h in headers}, columns=headers)
    frame.index = pd.Index([], name="row", dtype="int64")
    info = SheetInfo(RULES_SHEET, RULES_SHEET, "", 1, tuple(headers))
    ws = workspace.with_frame(RULES_SHEET, frame)
    ws = ws.with_mapping(RULES_SHEET, {h: h for h in headers})
    ws.sheets = {**ws.sheets, RULES_SHEET: info}
    return ws


def rules_table(workspace: Workspace) -> pd.DataFrame:
    """The Rules sheet as the user keeps it, one row per spreadsheet row."""
    return with_rules_sheet(workspace).frames[RULES_SHEET]


def edit_rules(workspace: Workspace, delta: dict, labels: list[int]
               ) -> tuple[Workspace, str | None]:
    """Apply a data editor's edits to the Rules sheet; the change in plain words."""
    return edit_sheet(with_rules_sheet(workspace), RULES_SHEET, delta, labels)


def group_columns(portfolio: Portfolio) -> list[str]:
    """Columns a rule may group by: department, approach, alternative_group, then the
    Candidates sheet's other columns and its custom columns."""
    fields = [n for n in Candidate.model_fields
              if n not in ("extra", "estimated", "spend_profile", *GROUP_COLUMNS)]
    extra = [n for c in portfolio.candidates.values() for n in c.extra]
    return list(dict.fromkeys([*GROUP_COLUMNS, *fields, *extra]))


def group_values(portfolio: Portfolio, column: str) -> list[str]:
    """The values the candidates have in a column (what a rule's value may be)."""
    return column_values(portfolio, column)


def rules_standing(portfolio: Portfolio, plan: Plan) -> pd.DataFrame:
    """One row per rule: its group, kind, limit, the plan's figure and whether it binds."""
    columns = ["rule", "group", "kind", "limit", "in this plan", "binds"]
    reports = {r.name: r for r in (plan.rules or rule_reports(portfolio, plan))}
    rows = []
    for rule in portfolio.rules:
        report = reports.get(rule.name)
        actual = "" if report is None else (
            f"{report.actual:g} funded" if rule.kind.is_count
            else limit_words(rule, report.actual))
        binds = "no plan" if report is None else (
            "broken" if not report.kept else ("yes" if report.binds else "no"))
        rows.append({"rule": rule.name, "group": rule.group, "kind": rule.kind.value,
                     "limit": f"{limit_words(rule, rule.limit)} {rule.scope_words}".strip(),
                     "in this plan": actual, "binds": binds})
    return pd.DataFrame(rows, columns=columns)
