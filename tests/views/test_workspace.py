"""The editable workspace: read once, edited by deltas, re-validated with the same importer."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import UnreadableFileError
from planner.views import workspace as W
from planner.views.cells import apply_delta
from tests.factories import workbook_bytes

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"


@pytest.fixture(scope="module")
def sample() -> W.Workspace:
    return W.read_workspace([("sample_city.xlsx", SAMPLE.read_bytes())])


def messy_book() -> bytes:
    return workbook_bytes({
        "Projects": [
            ["Riverton capital projects"],
            ["Project ID", "Project", "Cost", "Risk"],
            ["P1", "Permits online", "$1.2M", 3],
            ["P2", "New ERP", "TBD", 9],
            ["Total", None, "$1.2M", None],
        ],
        "Budget": [["fiscal_year", "fund", "capital_budget"], [2027, "General", 1_000_000]],
    })


def test_tables_are_indexed_by_the_row_numbers_the_user_sees() -> None:
    ws = W.read_workspace([("messy.xlsx", messy_book())])
    frame = ws.frames["Candidates"]
    assert list(frame.index) == [3, 4]
    assert list(frame.columns) == ["Project ID", "Project", "Cost", "Risk"]
    assert ws.sheets["Candidates"].header_row == 2


def test_revalidation_reports_errors_on_the_original_rows_and_keeps_layout_notes() -> None:
    ws = W.read_workspace([("messy.xlsx", messy_book())])
    validated = W.validate_workspace(ws)
    issues = W.all_issues(ws, validated)
    errors = issues[issues["severity"] == "error"]
    assert set(errors["row"].dropna().astype(int)) == {4}
    assert "skipped-row" in set(issues["code"])  # the title and totals rows, from the file
    assert list(validated.portfolio.candidates) == ["P1"]


def test_an_edit_fixes_a_row_without_reuploading() -> None:
    ws = W.read_workspace([("messy.xlsx", messy_book())])
    frame = ws.frames["Candidates"]
    delta = {"edited_rows": {1: {"Cost": "400000", "Risk": 4}}}
    fixed = ws.with_frame("Candidates", apply_delta(frame, delta, list(frame.index)))
    validated = W.validate_workspace(fixed)
    assert set(validated.portfolio.candidates) == {"P1", "P2"}
    assert validated.portfolio.candidates["P2"].one_time_cost == 400_000
    assert fixed.digest() != ws.digest()


def test_added_and_deleted_rows_get_new_numbers_and_disappear(sample: W.Workspace) -> None:
    frame = sample.frames["Candidates"]
    labels = list(frame.index)
    delta = {"deleted_rows": [0], "added_rows": [
        {"candidate_id": "C-900", "name": "Kiosk", "one_time_cost": 50_000}]}
    edited = apply_delta(frame, delta, labels)
    assert labels[0] not in edited.index
    assert edited.index[-1] == max(labels) + 1
    validated = W.validate_workspace(sample.with_frame("Candidates", edited))
    assert "C-900" in validated.portfolio.candidates
    assert "C-001" not in validated.portfolio.candidates


def test_text_typed_into_a_number_column_is_kept_and_reported(sample: W.Workspace) -> None:
    frame = sample.frames["Systems"]
    edited = apply_delta(frame, {"edited_rows": {0: {"annual_om_cost": "lots"}}},
                           list(frame.index))
    validated = W.validate_workspace(sample.with_frame("Systems", edited))
    issues = validated.issues
    # an optional amount that cannot be read is left blank and reported; the system stays
    bad = issues[(issues["code"] == "blanked-value") & (issues["row"] == frame.index[0])]
    assert list(bad["value"]) == ["lots"]
    first = frame.iloc[0]["system_id"]
    assert validated.portfolio.systems[first].annual_om_cost is None


def test_the_digest_changes_with_content_only(sample: W.Workspace) -> None:
    copy = W.read_workspace([("sample_city.xlsx", SAMPLE.read_bytes())])
    assert copy.digest() == sample.digest()
    frame = sample.frames["Budget"]
    edited = apply_delta(frame, {"edited_rows": {0: {"capital_budget": 1}}}, list(frame.index))
    assert sample.with_frame("Budget", edited).digest() != sample.digest()


def test_an_unreadable_file_raises_the_importers_error() -> None:
    with pytest.raises(UnreadableFileError):
        W.read_workspace([("broken.xlsx", b"this is not a workbook")])


def test_revalidation_reads_the_users_own_headers_units_and_scales_included() -> None:
    from tests.views.workbooks import wide_budget_book

    ws = W.read_workspace([("city.xlsx", wide_budget_book())])
    validated = W.validate_workspace(ws)
    systems = validated.portfolio.systems
    assert systems["S-001"].annual_om_cost == 12_000  # 'O&M ($K)' still read in thousands
    issues = validated.issues
    unclear = issues[issues["code"] == "unclear-scale"]
    assert unclear["column"].tolist() == ["Business Criticality"]
    dashes = issues[issues["code"] == "value-mapped"]
    assert "'-' in 'FY2029' (FY2029 Federal Grant) read as $0." in dashes["message"].tolist()


def test_a_wide_budget_stays_a_grid_and_its_profile_reads_it_as_one() -> None:
    from tests.views.workbooks import wide_budget_book

    ws = W.read_workspace([("city.xlsx", wide_budget_book())])
    info = ws.sheets["Budget"]
    assert info.layout == "wide" and info.grid
    assert ws.frames["Budget"].index.is_unique
    profile = W.mapping_profile(ws)
    assert profile.sheets["Budget"].table == "Budget" and profile.sheets["Budget"].columns == {}
    assert profile.sheets["Systems"].columns["O&M ($K)"] == "annual_om_cost"
    assert len(W.validate_workspace(ws).portfolio.budget) == 10
