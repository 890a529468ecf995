"""The council roadmap workbook: its sheets, look, safety and reproducibility record."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from planner.core.plans import Plan, PlanStatus
from planner.export.workbook import CLOSING_SHEETS, REPORT_SHEETS, export_workbook
from planner.service import load_files
from tests.export.exported import INPUT_SHEETS, build, exported_workbook, texts
from tests.export.support import TIMESTAMP
from tests.factories import make_portfolio

HYPERLINK = '=HYPERLINK("http://example.com","x")'


@pytest.fixture(scope="module")
def exported() -> tuple:
    return exported_workbook()


def test_sheets_come_in_reading_order_with_inputs_before_the_record(exported) -> None:
    workbook = exported[0]
    assert workbook.sheetnames == [*REPORT_SHEETS, *INPUT_SHEETS, *CLOSING_SHEETS]
    assert workbook.active.title == "Summary"


def test_same_inputs_give_the_same_workbook_content() -> None:
    first = zipfile.ZipFile(io.BytesIO(build(n=25, seed=4)[0]))
    second = zipfile.ZipFile(io.BytesIO(build(n=25, seed=4)[0]))
    assert first.namelist() == second.namelist()
    # The save time in docProps/core.xml is the only difference openpyxl allows.
    assert {n for n in first.namelist() if first.read(n) != second.read(n)} <= \
        {"docProps/core.xml"}


def test_a_hyperlink_formula_as_a_system_name_stays_text_and_round_trips() -> None:
    portfolio = make_portfolio(n=20, seed=5)
    system = next(iter(portfolio.systems.values()))
    renamed = system.model_copy(update={"name": HYPERLINK})
    portfolio = portfolio.replace(systems={**portfolio.systems, system.system_id: renamed})
    data, *_ = build(portfolio=portfolio)
    workbook = load_workbook(io.BytesIO(data))
    cells = [c for row in workbook["Systems"].iter_rows() for c in row if c.value == HYPERLINK]
    assert len(cells) == 1 and cells[0].data_type == "s" and cells[0].quotePrefix
    assert all(c.data_type != "f" for s in workbook.worksheets if s.title != "By Fiscal Year"
               for row in s.iter_rows() for c in row)
    assert load_files([("roadmap.xlsx", data)]).portfolio.systems[system.system_id].name == \
        HYPERLINK


def test_an_infeasible_plan_still_exports_with_its_reasons() -> None:
    portfolio = make_portfolio(n=15, seed=2)
    plan = Plan("optimized", PlanStatus.INFEASIBLE, 0.0, message="Mandatory projects cost "
                "more than the budget", reasons=("C0001 and C0002 need $3M in FY2027.",))
    data = export_workbook(portfolio, plan, timestamp=TIMESTAMP)
    workbook = load_workbook(io.BytesIO(data))
    values = texts(workbook["Summary"])
    assert any(v.startswith("No plan satisfies every rule") for v in values)
    assert "Scores were not given to this export." in texts(workbook["Scores"])
