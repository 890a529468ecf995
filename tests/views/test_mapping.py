"""The column mapping the user confirms: plain labels, problems, and profiles saved and applied."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.core.schema import SHEETS
from planner.errors import UnreadableFileError
from planner.service import load_files
from planner.views import mapping as M
from planner.views import workspace as W
from tests.factories import workbook_bytes

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"


@pytest.fixture(scope="module")
def sample() -> W.Workspace:
    return W.read_workspace([("sample_city.xlsx", SAMPLE.read_bytes())])


def test_every_choice_has_a_plain_label_with_its_canonical_name() -> None:
    assert M.column_label("Candidates", "one_time_cost") == "One-time cost (one_time_cost)"
    assert M.column_label("Systems", "criticality") == "Criticality (1-5) (criticality)"
    assert M.column_label("Candidates", "cost_FY2028") == "Spend in FY2028 (cost_FY2028)"
    assert M.column_label("Systems", W.CUSTOM) == "Keep as a custom column"
    assert M.column_label("Systems", W.IGNORE) == "Ignore this column"
    for sheet in SHEETS:
        labels = [M.column_label(sheet.name, c) for c in M.mapping_choices(sheet.name)]
        assert len(set(labels)) == len(labels), sheet.name
        for column in sheet.columns:
            label = M.column_label(sheet.name, column.name)
            words = label.removesuffix(f" ({column.name})")
            assert label.endswith(f" ({column.name})") and words and words != column.name


def test_a_column_missing_from_the_short_labels_is_named_from_its_description() -> None:
    assert M._short("Cap on new recurring operating cost starting that year ($).") == \
        "Cap on new recurring operating cost"
    assert M._short("Name of the project.") == "Name of the project"


def test_the_mapping_frame_says_what_each_choice_means(sample: W.Workspace) -> None:
    frame = M.mapping_frame(sample, "Candidates")
    row = frame.set_index("your column").loc["one_time_cost"]
    assert row["read as"] == "one_time_cost" and row["meaning"] == "One-time capital cost ($)."


def test_mapping_a_column_away_reports_the_missing_required_column(sample: W.Workspace) -> None:
    mapping = {**sample.mapping["Candidates"], "one_time_cost": W.IGNORE}
    changed = sample.with_mapping("Candidates", mapping)
    assert M.mapping_problems(changed, "Candidates") == [
        "No column is read as the required One-time cost (one_time_cost)."]
    issues = W.validate_workspace(changed).issues
    assert "missing-column" in set(issues["code"])


def test_a_column_chosen_twice_is_a_problem(sample: W.Workspace) -> None:
    mapping = {**sample.mapping["Candidates"], "annual_savings": "one_time_cost"}
    problems = M.mapping_problems(sample.with_mapping("Candidates", mapping), "Candidates")
    assert problems == ["One-time cost (one_time_cost) is chosen for more than one column."]


def test_a_mapping_chosen_by_hand_reads_an_unrecognized_header() -> None:
    book = workbook_bytes({"Candidates": [
        ["candidate_id", "name", "Price tag"], ["A", "Alpha", 100], ["B", "Beta", 200]]})
    ws = W.read_workspace([("c.xlsx", book)])
    assert ws.mapping["Candidates"]["Price tag"] == W.CUSTOM
    mapped = ws.with_mapping("Candidates", {**ws.mapping["Candidates"],
                                            "Price tag": "one_time_cost"})
    assert M.mapping_problems(mapped, "Candidates") == []
    assert W.validate_workspace(mapped).portfolio.candidates["B"].one_time_cost == 200


def test_a_saved_profile_keeps_custom_and_ignored_columns_apart() -> None:
    book = workbook_bytes({"Candidates": [
        ["candidate_id", "name", "Price tag", "Memo", "Ward"], ["A", "Alpha", 100, "x", 3]]})
    ws = W.read_workspace([("c.xlsx", book)])
    mapped = ws.with_mapping("Candidates", {**ws.mapping["Candidates"],
                                            "Price tag": "one_time_cost", "Memo": W.IGNORE})
    saved = M.profile_json(mapped)
    columns = json.loads(saved)["sheets"]["Candidates"]["columns"]
    assert columns == {"candidate_id": "candidate_id", "name": "name",
                       "Price tag": "one_time_cost", "Memo": None, "Ward": "custom"}
    fresh = W.read_workspace([("c.xlsx", book)])
    fresh = fresh.with_mapping("Candidates", {**fresh.mapping["Candidates"], "Ward": W.IGNORE})
    again = M.apply_profile(fresh, saved.encode())
    assert again.mapping == mapped.mapping
    cand = W.validate_workspace(again).portfolio.candidates["A"]
    assert cand.one_time_cost == 100 and cand.extra == {"Ward": 3}


def test_a_spend_column_stays_a_choice() -> None:
    book = workbook_bytes({"Candidates": [
        ["candidate_id", "name", "one_time_cost", "cost_FY2028"], ["A", "Alpha", 100, 100]]})
    ws = W.read_workspace([("c.xlsx", book)])
    assert ws.mapping["Candidates"]["cost_FY2028"] == "cost_FY2028"
    choices = M.mapping_choices("Candidates", ws.mapping["Candidates"].values())
    assert "cost_FY2028" in choices and choices[-2:] == [W.CUSTOM, W.IGNORE]
    assert "cost_FY2028" not in M.mapping_choices("Candidates")


def test_an_invalid_profile_is_a_plain_error(sample: W.Workspace) -> None:
    with pytest.raises(UnreadableFileError):
        M.apply_profile(sample, b"{not json")


def test_an_unreadable_project_list_is_named_with_the_importers_reason() -> None:
    book = workbook_bytes({"Project Requests": [
        ["Request ID", "Project Name", "Department"], ["R1", "Billing", "Finance"],
        ["R2", "Permits", "Building"]]})
    validated = load_files([("city.xlsx", book)])
    message = M.unread_candidates(validated)
    assert message is not None
    assert message.startswith("Sheet 'Project Requests': 2 candidate rows found, none readable")
    assert "one_time_cost" in message
    readable = workbook_bytes({"Candidates": [["candidate_id", "name", "one_time_cost"],
                                              ["C1", "Billing", 100]]})
    assert M.unread_candidates(load_files([("c.xlsx", readable)])) is None
    assert M.unread_candidates(load_files([("none.xlsx", workbook_bytes(
        {"Systems": [["system_id", "name"], ["S1", "Ledger"]]}))])) is None


def test_a_rating_whose_direction_is_unclear_can_be_read_with_1_as_the_most() -> None:
    from tests.views.workbooks import wide_budget_book

    ws = W.read_workspace([("city.xlsx", wide_budget_book())])
    validated = W.validate_workspace(ws)
    assert M.unclear_scales(ws, validated) == [("Systems", "Business Criticality")]
    assert "choose \"1 is the most\"" in M.unclear_scale_note(ws, "Systems",
                                                               "Business Criticality")
    frame = M.mapping_frame(ws, "Systems").set_index("your column")
    assert frame.loc["Business Criticality", M.SCALE] == M.SCALE_NORMAL
    assert frame.loc["O&M ($K)", M.SCALE] is None
    position = list(frame.index).index("Business Criticality")
    flipped, said = M.edit_mapping(ws, "Systems", {"edited_rows": {
        position: {M.SCALE: M.SCALE_REVERSED}}})
    assert said == "Systems: Rating 'Business Criticality' read with 1 is the most"
    again = W.validate_workspace(flipped)
    crit = {k: s.criticality for k, s in again.portfolio.systems.items()}
    assert crit == {"S-001": 5, "S-002": 3, "S-003": 2}
    assert M.unclear_scales(flipped, again) == []
    saved = M.mapping_profile(flipped)
    assert saved.sheets["Systems"].reversed_scales == ["Business Criticality"]
    reread = M.apply_profile(ws, saved.model_dump())
    assert reread.reversed["Systems"] == frozenset({"Business Criticality"})


def test_a_mapping_change_is_said_in_plain_words(sample: W.Workspace) -> None:
    headers = list(sample.mapping["Candidates"])
    position = headers.index("notes")
    changed, said = M.edit_mapping(sample, "Candidates",
                                   {"edited_rows": {position: {"read as": W.IGNORE}}})
    assert said == "Candidates: Mapping of 'notes' → Ignore this column"
    assert changed.mapping["Candidates"]["notes"] == W.IGNORE
    same, nothing = M.edit_mapping(sample, "Candidates",
                                   {"edited_rows": {position: {"read as": "notes"}}})
    assert nothing is None and same is sample


def test_a_budget_grid_mapping_is_shown_not_chosen() -> None:
    from tests.views.workbooks import wide_budget_book

    ws = W.read_workspace([("city.xlsx", wide_budget_book())])
    assert M.mapping_problems(ws, "Budget") == []
    assert M.edit_mapping(ws, "Budget", {"edited_rows": {0: {"read as": "fund"}}})[1] is None
    assert M.mapping_frame(ws, "Budget")["read as"].tolist()[:2] == [
        "fund", "capital_budget (FY2027)"]
