"""The Assumptions sheet of the council workbook, and assumptions kept in the Settings table."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from planner.export import styles as xs
from planner.export.workbook import export_workbook
from planner.propose.assumptions import read_assumptions
from planner.propose.proposals import ensure_candidates
from planner.score.scoring import score_portfolio
from planner.service import load_files, run_plan
from planner.views import workspace as W
from tests.export.support import TIMESTAMP
from tests.factories import make_portfolio, workbook_bytes

INVENTORY = {
    "Systems": [["system_id", "name", "technical_condition", "functional_fit", "criticality",
                 "annual_om_cost", "end_of_support"],
                ["S1", "Old billing", 1, 4, 5, 200_000, 2024],
                ["S2", "Parks booking", 2, 2, 2, 30_000, 2030]],
    "Processes": [["process_id", "name", "annual_volume", "minutes_per_transaction",
                   "paper_based"],
                  ["P1", "Dog licences", 4_000, 20, "yes"]],
    "Budget": [["fiscal_year", "fund", "capital_budget"], [2027, "General", 2_000_000],
               [2028, "General", 2_000_000]],
    "Settings": [["key", "value"], ["assume_replatform_cost_multiple", 3]],
}


def _exported(sheets: dict) -> tuple[bytes, dict[str, float]]:
    data, proposals = _exported_with(sheets)
    return data, {c.candidate_id: c.one_time_cost for c in proposals.candidates}


def _exported_with(sheets: dict):
    loaded = load_files([("inventory.xlsx", workbook_bytes(sheets))])
    portfolio, proposals = ensure_candidates(loaded.portfolio)
    assert proposals is not None
    result = run_plan(portfolio, score_portfolio(portfolio).values, explain=False,
                      frontier=False)
    return export_workbook(portfolio, result, timestamp=TIMESTAMP), proposals


def test_estimates_bring_an_assumptions_sheet_with_the_changed_value_marked() -> None:
    data, costs = _exported(INVENTORY)
    assert costs["PR-S1-replatform"] == 600_000  # 3 x $200,000, not the default 2 x
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames.index("Assumptions") == book.sheetnames.index("Settings") + 1
    sheet = book["Assumptions"]
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "Assumption")
    rows = {sheet.cell(r, 1).value: r for r in range(header + 1, sheet.max_row + 1)}
    row = rows["assume_replatform_cost_multiple"]
    assert [sheet.cell(row, c).value for c in (2, 3, 4)] == [3, 2, "yes"]
    floor = rows["assume_replace_cost_floor"]
    assert sheet.cell(floor, 2).style == xs.MONEY_CELL and sheet.cell(floor, 4).value is None
    assert sheet.cell(rows["assume_digitize_time_reduction"], 2).style == xs.PERCENT_CELL
    assert "1 of 46 differ from the defaults" in sheet.cell(2, 1).value


def test_the_assumptions_sheet_does_not_disturb_re_import() -> None:
    data, costs = _exported(INVENTORY)
    again = load_files([("roadmap.xlsx", data)])
    assert not [i for i in again.log.items if i.severity.value != "info"]
    assumptions, problems = read_assumptions(again.portfolio.settings)
    assert assumptions.replatform_cost_multiple == 3 and not problems
    assert {c: again.portfolio.candidates[c].one_time_cost for c in costs} == costs


def test_estimate_flags_come_back_when_the_council_workbook_is_imported() -> None:
    data, proposals = _exported_with(INVENTORY)
    again = load_files([("roadmap.xlsx", data)]).portfolio
    flags = {c.candidate_id: c.estimated for c in proposals.candidates}
    assert all(flags.values())
    assert {cid: again.candidates[cid].estimated for cid in flags} == flags
    assert all("estimated" not in c.extra for c in again.candidates.values())


def test_a_plan_without_estimates_has_no_assumptions_sheet() -> None:
    portfolio = make_portfolio(12, seed=3)
    result = run_plan(portfolio, score_portfolio(portfolio).values, explain=False,
                      frontier=False)
    book = load_workbook(io.BytesIO(export_workbook(portfolio, result, timestamp=TIMESTAMP)))
    assert "Assumptions" not in book.sheetnames


def test_settings_can_be_set_changed_and_removed_in_the_workspace() -> None:
    sheets = {k: v for k, v in INVENTORY.items() if k != "Settings"}
    workspace = W.read_workspace([("inventory.xlsx", workbook_bytes(sheets))])
    assert "Settings" not in workspace.frames
    added = W.with_settings(workspace, {"assume_replace_cost_multiple": 4, "carry_over": "on"})
    frame = added.frames["Settings"]
    assert list(frame.index) == [2, 3]  # row numbers as a Settings sheet would show them
    settings = W.validate_workspace(added).portfolio.settings
    assert settings.carry_over and read_assumptions(settings)[0].replace_cost_multiple == 4
    changed = W.with_settings(added, {"ASSUME_REPLACE_COST_MULTIPLE": 6, "carry_over": None})
    assert list(changed.frames["Settings"]["value"]) == [6]
    assert list(changed.frames["Settings"].index) == [2]
    assert added.digest() != changed.digest()
    assert list(added.frames["Settings"]["value"]) == [4, "on"]  # the original is untouched
