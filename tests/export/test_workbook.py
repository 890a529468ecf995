"""The council roadmap workbook: its sheets, look, safety and reproducibility record."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from planner.core.plans import Plan, PlanStatus
from planner.core.words import MONEY_COMPACT_FORMAT, MONEY_FULL_FORMAT
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


# Sheets a council member reads; the input sheets keep the planner's column names (the
# Glossary explains them), and Data Issues quotes the user's own headers.
COUNCIL_SHEETS = ("Summary", "Roadmap", "By Fiscal Year", "Funded", "Unfunded", "Scores",
                  "Weighing",
                  "Robustness")
INTERNAL_NAME = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def test_council_sheets_name_nothing_by_its_internal_name(exported) -> None:
    workbook = exported[0]
    for title in COUNCIL_SHEETS:
        found = sorted({m for v in texts(workbook[title]) for m in INTERNAL_NAME.findall(v)})
        assert found == [], (title, found)


def test_money_cells_show_one_of_the_two_money_forms_and_never_cents(exported) -> None:
    workbook = exported[0]
    forms = {MONEY_FULL_FORMAT, MONEY_COMPACT_FORMAT}
    seen = set()
    for ws in workbook:
        for row in ws.iter_rows():
            for cell in row:
                code = cell.number_format
                if "$" in code:
                    assert code in forms, (ws.title, cell.coordinate, code)
                    seen.add(code)
    assert seen == forms


def test_every_table_that_runs_over_pages_repeats_its_header_rows(exported) -> None:
    workbook = exported[0]
    for ws in workbook:
        if not ws.tables or ws.title == "Summary":
            continue
        header_rows = {int(t.ref.split(":")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
                       for t in ws.tables.values()}
        assert ws.print_title_rows, ws.title
        first = int(ws.print_title_rows.split(":")[0].lstrip("$"))
        last = int(ws.print_title_rows.split(":")[1].lstrip("$"))
        assert any(first <= row <= last for row in header_rows), ws.title
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_the_roadmap_prints_its_table_and_leaves_the_chart_to_by_fiscal_year(exported) -> None:
    workbook = exported[0]
    roadmap = workbook["Roadmap"]
    table = roadmap.tables["Roadmap"].ref
    assert roadmap.print_area.replace("$", "").endswith(table.split(":")[1])
    assert "below the table is printed with the By Fiscal Year sheet" in " ".join(
        texts(roadmap))


def test_unfunded_reasons_are_words_with_the_rank_in_a_cell_of_its_own(exported) -> None:
    sheet = exported[0]["Unfunded"]
    rows = list(sheet[sheet.tables["Unfunded"].ref])
    header = [c.value for c in rows[0]]
    assert "Reason codes" not in header and "In short" in header
    rank, short = header.index("Rank"), header.index("In short")
    for row in rows[1:]:
        assert row[rank].alignment.horizontal == "center"
        assert row[short].value == "not enough budget"  # the hand plan's only reason
        assert row[short + 0].alignment.indent >= 1
