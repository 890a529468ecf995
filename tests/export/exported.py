"""One exported council workbook shared by the tests of its sheets: a city, a hand-built plan."""

from __future__ import annotations

import io
import re
from functools import cache

import pandas as pd
from openpyxl import load_workbook
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from planner.core.issues import IssueCode, IssueLog
from planner.core.models import Severity
from planner.core.plans import Plan
from planner.export import styles as xs
from planner.export.context import ExportContext
from planner.export.workbook import build_context, export_workbook
from tests.export.support import TIMESTAMP, baselines, hand_plan, stand_in_scores
from tests.factories import make_portfolio

INPUT_SHEETS = ["Systems", "Processes", "Candidates", "Budget", "Criteria", "Settings"]
# The only formulas the exporter writes: sums, differences and guarded shares of cells.
OUR_FORMULA = re.compile(r'^=(SUM\([A-Z]+\d+:[A-Z]+\d+\)|[A-Z]+\d+-[A-Z]+\d+|'
                         r'IF\([A-Z]+\d+=0,"",[A-Z]+\d+/[A-Z]+\d+\))$')


def issue_table() -> pd.DataFrame:
    """Two import issues: an error on a Systems row and a warning on a Budget cell."""
    log = IssueLog()
    log.add("Systems", 12, "Name", IssueCode.MISSING_VALUE, Severity.ERROR, "name is required.")
    log.add("Budget", 4, "FY2028", IssueCode.COERCED_VALUE, Severity.WARNING,
            "'$1.2M' read as 1200000.", "$1.2M")
    return log.frame()


def build(n: int = 40, seed: int = 1, **kwargs: object) -> tuple[bytes, Plan, object, object]:
    """Export a generated portfolio with a hand-built plan and stand-in scores."""
    portfolio = kwargs.pop("portfolio", None) or make_portfolio(n=n, seed=seed,
                                                               with_mandatory=True)
    scores = stand_in_scores(portfolio)
    plan = hand_plan(portfolio, scores)
    data = export_workbook(portfolio, plan, scores=scores,
                           baselines=baselines(portfolio, scores, plan), issues=issue_table(),
                           files={"inventory.xlsx": "ab" * 32}, timestamp=TIMESTAMP, **kwargs)
    return data, plan, portfolio, scores


def texts(sheet) -> list[str]:
    """Every string value on a sheet."""
    return [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]


@cache
def exported_workbook() -> tuple[Workbook, bytes, Plan, object, object]:
    """The default export, built once: (workbook read back, bytes, plan, portfolio, scores).

    Tests only read it; a test that needs other inputs calls build() itself.
    """
    data, plan, portfolio, scores = build()
    return load_workbook(io.BytesIO(data)), data, plan, portfolio, scores


def small_context(with_scores: bool = True, **kwargs: object) -> ExportContext:
    """The export context of a 12-candidate city with a hand-built plan."""
    portfolio = make_portfolio(n=12, seed=3)
    scores = stand_in_scores(portfolio)
    kwargs.setdefault("timestamp", TIMESTAMP)
    return build_context(portfolio, hand_plan(portfolio, scores),
                         scores=scores if with_scores else None, **kwargs)


def blank_sheet(title: str = "Sheet") -> Worksheet:
    """An empty sheet in a workbook that has the export's named styles."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    xs.register_styles(workbook)
    return workbook.create_sheet(title)


def sheet_rows(ws: Worksheet) -> list[tuple]:
    """The sheet's rows as values, blank rows left out."""
    return [row for row in ws.iter_rows(values_only=True) if any(v is not None for v in row)]
