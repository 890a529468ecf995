"""The council roadmap workbook: its sheets, look, safety and reproducibility record."""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

import planner
from planner.core.issues import IssueCode, IssueLog
from planner.core.models import Severity
from planner.core.plans import Overrides, Plan, PlanStatus
from planner.export import styles as xs
from planner.export.scores import NOT_COMPUTED
from planner.export.workbook import CLOSING_SHEETS, REPORT_SHEETS, export_workbook
from planner.service import load_files
from tests.export.support import TIMESTAMP, baselines, hand_plan, stand_in_scores
from tests.factories import make_portfolio

INPUT_SHEETS = ["Systems", "Processes", "Candidates", "Budget", "Criteria", "Settings"]
HYPERLINK = '=HYPERLINK("http://example.com","x")'
# The only formulas the exporter writes: sums, differences and guarded shares of cells.
OUR_FORMULA = re.compile(r'^=(SUM\([A-Z]+\d+:[A-Z]+\d+\)|[A-Z]+\d+-[A-Z]+\d+|'
                         r'IF\([A-Z]+\d+=0,"",[A-Z]+\d+/[A-Z]+\d+\))$')


def _issues() -> pd.DataFrame:
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
                           baselines=baselines(portfolio, scores, plan), issues=_issues(),
                           files={"inventory.xlsx": "ab" * 32}, timestamp=TIMESTAMP, **kwargs)
    return data, plan, portfolio, scores


@pytest.fixture(scope="module")
def exported() -> tuple[Workbook, bytes, Plan, object, object]:
    data, plan, portfolio, scores = build()
    return load_workbook(io.BytesIO(data)), data, plan, portfolio, scores


def texts(sheet) -> list[str]:
    """Every string value on a sheet."""
    return [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]


def test_sheets_come_in_reading_order_with_inputs_before_the_record(exported) -> None:
    workbook = exported[0]
    assert workbook.sheetnames == [*REPORT_SHEETS, *INPUT_SHEETS, *CLOSING_SHEETS]
    assert workbook.active.title == "Summary"


def test_summary_names_the_city_and_scenario_and_tells_the_plan_in_three_sentences(
        exported) -> None:
    workbook, _, plan, portfolio, scores = exported
    values = texts(workbook["Summary"])
    assert any(portfolio.settings.city_name in v for v in values)
    assert portfolio.settings.scenario_name in values
    sentences = [v for v in values if v.startswith(("The plan funds", "It captures"))]
    assert len(sentences) == 2
    assert any(f"funds {len(plan.funded)} of {len(portfolio.candidates)}" in v for v in values)
    assert any("unfunded" in v and v.endswith("would take.") for v in values)
    assert any("Weighted sum" in v for v in values)
    assert "Proven optimal (within 0.04% of the best possible value)" in values
    for name in scores.weights:
        assert name in values


def test_roadmap_has_one_row_per_funded_project_and_a_timeline_of_fills(exported) -> None:
    workbook, _, plan, _, _ = exported
    sheet = workbook["Roadmap"]
    table = sheet.tables["Roadmap"]
    header = [c.value for c in sheet[table.ref][0]]
    assert header[:2] == ["Candidate", "Project"]
    assert [h for h in header if h.startswith("FY")] == [f"FY{y}" for y in range(2027, 2032)]
    rows = list(sheet[table.ref])[1:]
    assert sorted(r[0].value for r in rows) == sorted(plan.funded_ids)
    bars = [c for r in rows for c in r if c.style == xs.GANTT_BAR]
    assert bars and all(c.fill.fgColor.rgb.endswith(xs.BLUE) for c in bars)
    assert all(isinstance(c.value, int | float) and c.value > 0 for c in bars)
    assert sheet.freeze_panes == f"C{rows[0][0].row}"


def test_spend_chart_stacks_funds_and_draws_the_budget_line(exported) -> None:
    archive = zipfile.ZipFile(io.BytesIO(exported[1]))
    charts = [archive.read(n).decode() for n in archive.namelist()
              if n.startswith("xl/charts/chart")]
    spend = [c for c in charts if "Planned spend by fund" in c]
    assert len(spend) == 2  # on Roadmap and on By Fiscal Year
    for chart in spend:
        assert re.search(r'grouping val="stacked"', chart) and "lineChart>" in chart
        assert "Capital budget (all funds)" in chart
        assert "'By Fiscal Year'!" in chart


def test_by_fiscal_year_totals_are_live_formulas_over_our_own_cells(exported) -> None:
    workbook, _, plan, portfolio, _ = exported
    sheet = workbook["By Fiscal Year"]
    formulas = [c.value for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas and all(OUR_FORMULA.match(f) for f in formulas)
    labels = [c.value for c in sheet["A"]]
    assert labels.count("Total") == 4
    first = next(c.row for c in sheet["A"] if c.value == "FY2027")  # the spend block
    funds = [sheet.cell(row=first - 1, column=col).value
             for col in range(2, 2 + len(portfolio.funds))]
    assert funds == portfolio.funds
    spend = plan.spend_by_year_fund()
    for col, fund in enumerate(funds, start=2):
        expected = float(spend[fund].get(2027, 0.0)) if fund in spend else 0.0
        assert sheet.cell(row=first, column=col).value == pytest.approx(expected)


def test_unfunded_lists_reasons_and_what_it_would_take(exported) -> None:
    workbook, _, plan, _, _ = exported
    sheet = workbook["Unfunded"]
    rows = list(sheet[sheet.tables["Unfunded"].ref])
    header = [c.value for c in rows[0]]
    reasons = header.index("Why not funded")
    take = header.index("What it would take")
    assert len(rows) - 1 == len(plan.unfunded)
    assert all(r[reasons].value and r[take].value.startswith("About $") for r in rows[1:])


def test_scores_show_values_weights_contributions_and_highlights(exported) -> None:
    workbook, _, _, _, scores = exported
    sheet = workbook["Scores"]
    rows = list(sheet[sheet.tables["Scores"].ref])
    header = [c.value for c in rows[0]]
    for name in scores.weights:
        assert name in header and f"Part: {name}" in header
    top = rows[1]
    assert top[header.index("Rank")].value == 1
    assert top[header.index("Score")].value == pytest.approx(float(scores.scores.max()))
    weight_row = rows[0][0].row - 2
    weights = [sheet.cell(row=weight_row, column=header.index(n) + 1).value
               for n in scores.weights]
    assert weights == pytest.approx(list(scores.weights.values()))
    assert len(sheet.conditional_formatting) >= 2


def test_robustness_says_plainly_when_it_was_not_computed(exported) -> None:
    assert NOT_COMPUTED in texts(exported[0]["Robustness"])


def test_robustness_and_frontier_tables_when_given() -> None:
    frontier = pd.DataFrame({"scale": [0.5, 1.0, 1.5], "capital_budget": [1e6, 2e6, 3e6],
                             "optimized": [3.0, 5.0, 6.0], "status": ["optimal"] * 3,
                             "gap": [0.0, 0.0, 0.001], "rank_and_cut": [2.0, 4.0, 5.0],
                             "greedy": [2.5, 4.5, 5.5]})
    smaa = pd.DataFrame({"rank": [1, 2], "p_top_10": [0.9, 0.4], "p_first": [0.7, 0.1],
                         "expected_rank": [1.4, 2.6]},
                        index=pd.Index(["C0001", "C0002"], name="candidate_id"))
    data, *_ = build(frontier=frontier, robustness=smaa)
    sheet = load_workbook(io.BytesIO(data))["Robustness"]
    assert NOT_COMPUTED not in texts(sheet)
    header = [c.value for c in sheet[sheet.tables["Robustness"].ref][0]]
    assert header == ["Candidate", "Project", "Rank", "Chance in top 10", "Chance ranked first",
                      "Expected rank"]
    frontier_rows = list(sheet[sheet.tables["Frontier"].ref])
    assert frontier_rows[1][0].number_format == xs.PERCENT
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert any("Value captured as the capital budget changes" in archive.read(n).decode()
               for n in archive.namelist() if n.startswith("xl/charts/"))


def test_data_issues_keep_the_spreadsheet_rows_and_reasons(exported) -> None:
    sheet = exported[0]["Data Issues"]
    rows = list(sheet[sheet.tables["DataIssues"].ref])
    assert [c.value for c in rows[0]] == ["Sheet", "Row", "Column", "Code", "Severity",
                                          "Message", "Value"]
    assert [(r[0].value, r[1].value, r[4].value) for r in rows[1:]] == \
        [("Systems", 12, "error"), ("Budget", 4, "warning")]


def test_decision_record_holds_what_reproduces_the_plan(exported) -> None:
    workbook, _, plan, portfolio, scores = exported
    sheet = workbook["Decision Record"]
    record = {r[0].value: r[1].value for r in sheet.iter_rows(min_row=5) if r[0].value}
    assert record["Product version"] == planner.__version__
    assert record["Exported at (UTC)"] == TIMESTAMP.replace(tzinfo=None)
    assert record["Input file SHA-256: inventory.xlsx"] == "ab" * 32
    assert record["Scoring method"] == "wsm"
    assert record["Solver status"] == "optimal"
    assert record["Objective (value captured)"] == pytest.approx(plan.objective)
    assert record["Best possible bound"] == pytest.approx(plan.bound)
    assert record["Optimality gap"] == pytest.approx(plan.gap)
    assert record["Setting: mip_gap"] == portfolio.settings.mip_gap
    assert record["Override: forced in"] == "none"
    for name, weight in scores.weights.items():
        assert record[f"Weight: {name}"] == pytest.approx(weight)
    assert '"solver_status": "optimal"' in record["Record (JSON)"]


def test_overrides_are_recorded() -> None:
    overrides = Overrides(force_in=frozenset({"C0003"}), force_out=frozenset({"C0004"}),
                          pin_start={"C0005": 2028})
    data, *_ = build(overrides=overrides)
    sheet = load_workbook(io.BytesIO(data))["Decision Record"]
    record = {r[0].value: r[1].value for r in sheet.iter_rows(min_row=5) if r[0].value}
    assert record["Override: forced in"] == "C0003"
    assert record["Override: forced out"] == "C0004"
    assert record["Override: pinned starts"] == "C0005 FY2028"


def test_every_sheet_is_set_up_for_print_and_every_table_is_well_formed(exported) -> None:
    workbook = exported[0]
    names = []
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.oddFooter.center.text == "Page &P of &N", sheet.title
        assert sheet.oddFooter.left.text == "Baseline", sheet.title
        for table in sheet.tables.values():
            names.append(table.displayName.casefold())
            assert " " not in table.displayName
            header = [c.value for c in sheet[table.ref][0]]
            assert all(isinstance(h, str) and h for h in header)
            assert len({h.casefold() for h in header}) == len(header)
        widths = [d.width for d in sheet.column_dimensions.values() if d.width]
        assert widths and max(widths) <= xs.MAX_WIDTH, sheet.title
    assert len(names) == len(set(names))
    for title in ("Roadmap", "Funded", "Unfunded", "Scores", *INPUT_SHEETS):
        assert workbook[title].freeze_panes, title
        assert workbook[title].print_title_rows, title


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


def test_reimporting_the_workbook_gives_back_the_portfolio_without_a_warning() -> None:
    data, _, portfolio, scores = build(n=60, seed=7)
    result = load_files([("roadmap.xlsx", data)])
    assert [i for i in result.log.items if i.severity is not Severity.INFO] == []
    again = result.portfolio
    assert again.systems == portfolio.systems
    assert again.processes == portfolio.processes
    assert again.candidates == portfolio.candidates
    assert again.budget == portfolio.budget
    assert again.settings == portfolio.settings
    assert {c.criterion: c.weight for c in again.criteria} == pytest.approx(scores.weights)
    read = {name for name, table in result.mapping.items()}
    assert read == set(INPUT_SHEETS)


def test_an_infeasible_plan_still_exports_with_its_reasons() -> None:
    portfolio = make_portfolio(n=15, seed=2)
    plan = Plan("optimized", PlanStatus.INFEASIBLE, 0.0, message="Mandatory projects cost "
                "more than the budget", reasons=("C0001 and C0002 need $3M in FY2027.",))
    data = export_workbook(portfolio, plan, timestamp=TIMESTAMP)
    workbook = load_workbook(io.BytesIO(data))
    values = texts(workbook["Summary"])
    assert any(v.startswith("No plan satisfies every rule") for v in values)
    assert "Scores were not given to this export." in texts(workbook["Scores"])
