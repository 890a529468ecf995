"""Import page: sample city on first open, uploads, hostile files, fixes in place, proposals."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from app_pages import _state as S
from app_pages._ui import escape_md
from planner import PlannerError, read_workspace
from tests.app.conftest import XLSX
from tests.app.helpers import metric, no_errors
from tests.factories import workbook_bytes


def test_the_sample_city_is_open_on_first_visit(open_page) -> None:
    at = open_page("data_import")
    no_errors(at)
    assert metric(at, "Systems") == "44"
    assert metric(at, "Candidates") == "77"
    assert at.session_state[S.SOURCE_IS_SAMPLE]


def test_uploading_the_sample_workbook_reads_it(open_page, sample_bytes) -> None:
    at = open_page("data_import")
    at.file_uploader(key="w_upload").upload("riverton.xlsx", sample_bytes, XLSX)
    at.run()
    no_errors(at)
    assert at.session_state[S.SOURCE_LABEL] == "riverton.xlsx"
    assert not at.session_state[S.SOURCE_IS_SAMPLE]
    assert metric(at, "Paper processes") == "28"


def test_several_csv_files_make_one_portfolio(open_page) -> None:
    at = open_page("data_import")
    candidates = b"candidate_id,name,one_time_cost\nA,Alpha,100000\nB,Beta,250000\n"
    budget = b"fiscal_year,fund,capital_budget\n2027,General,300000\n"
    at.file_uploader(key="w_upload").set_value([
        ("candidates.csv", candidates, "text/csv"), ("budget.csv", budget, "text/csv")])
    at.run()
    no_errors(at)
    assert metric(at, "Candidates") == "2"
    assert metric(at, "Budget lines") == "1"


def test_a_broken_file_shows_the_importers_message_and_keeps_the_data(open_page) -> None:
    data = b"not,a,workbook\n1,2,3"
    with pytest.raises(PlannerError) as raised:
        read_workspace([("budget.xlsx", data)])
    at = open_page("data_import")
    at.file_uploader(key="w_upload").upload("budget.xlsx", data, XLSX)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [escape_md(str(raised.value))]
    assert metric(at, "Candidates") == "77"  # still the sample city


def test_a_zip_bomb_is_refused_without_taking_the_app_down(open_page) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * 60_000_000 + b"</a>")
    at = open_page("data_import")
    at.file_uploader(key="w_upload").upload("huge.xlsx", buffer.getvalue(), XLSX)
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    assert metric(at, "Systems") == "44"


def test_a_file_over_the_cap_gets_a_plain_message(open_page) -> None:
    at = open_page("data_import")
    at.file_uploader(key="w_upload").upload("big.csv", b"a,b\n" * 7_000_000, "text/csv")
    at.run()
    assert not at.exception
    assert "larger than 25 MB" in at.error[0].value


def test_user_text_in_messages_cannot_become_markdown(open_page) -> None:
    at = open_page("data_import")
    at.file_uploader(key="w_upload").upload("![x](http://evil.example/t.png).xlsx",
                                            b"junk", XLSX)
    at.run()
    shown = at.error[0].value
    assert "\\!\\[x\\]\\(http" in shown  # escaped: rendered as literal text, no image


def test_an_edit_in_the_table_is_revalidated_at_once(open_page) -> None:
    at = open_page("data_import")
    key = next(e.key for e in at.data_editor if e.key.startswith("w_edit_Systems"))
    # An optional rating out of range is left blank with a warning: the system stays.
    at.session_state[key] = {"edited_rows": {"0": {"criticality": 9}}, "added_rows": [],
                             "deleted_rows": []}
    at.run()
    assert not at.exception
    assert (metric(at, "Errors"), metric(at, "Systems")) == ("0", "44")
    issues = next(d.value for d in at.dataframe if "severity" in d.value.columns)
    assert 2 in set(issues.loc[issues["code"] == "blanked-value", "row"])
    # A blank name keeps the row out.
    key = next(e.key for e in at.data_editor if e.key.startswith("w_edit_Systems"))
    at.session_state[key] = {"edited_rows": {"0": {"criticality": 5, "name": ""}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    assert metric(at, "Errors") == "1"
    assert metric(at, "Systems") == "43"
    issues = next(d.value for d in at.dataframe if "severity" in d.value.columns)
    assert 2 in set(issues.loc[issues["severity"] == "error", "row"])
    # Fix it again: the row comes back.
    key = next(e.key for e in at.data_editor if e.key.startswith("w_edit_Systems"))
    at.session_state[key] = {"edited_rows": {"0": {"name": "ERP Financials (GL/AP/AR)"}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    assert metric(at, "Errors") == "0"
    assert metric(at, "Systems") == "44"


def test_a_column_can_be_mapped_by_hand(open_page) -> None:
    book = workbook_bytes({
        "Candidates": [["candidate_id", "name", "Price tag"], ["A", "Alpha", 100]],
        "Budget": [["fiscal_year", "fund", "capital_budget"], [2027, "General", 1000]]})
    at = open_page("data_import")
    at.file_uploader(key="w_upload").upload("mine.xlsx", book, XLSX)
    at.run()
    assert metric(at, "Candidates") == "0"
    at.selectbox(key="w_mapping_sheet").set_value("Candidates")
    at.run()
    key = next(e.key for e in at.data_editor if e.key.startswith("w_map_Candidates"))
    at.session_state[key] = {"edited_rows": {"2": {"read as": "one_time_cost"}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert metric(at, "Candidates") == "1"


def _inventory_only(open_page):
    book = workbook_bytes({
        "Systems": [["system_id", "name", "technical_condition", "functional_fit",
                     "criticality", "annual_om_cost", "end_of_support"],
                    ["S1", "Old billing", 1, 4, 5, 200000, 2024],
                    ["S2", "Parks booking", 2, 2, 2, 30000, 2030]],
        "Budget": [["fiscal_year", "fund", "capital_budget"], [2027, "General", 2_000_000],
                   [2028, "General", 2_000_000]]})
    at = open_page("data_import")
    at.file_uploader(key="w_upload").upload("inventory.xlsx", book, XLSX)
    at.run()
    no_errors(at)
    return at


def test_proposals_appear_when_there_are_no_candidates(open_page) -> None:
    at = _inventory_only(open_page)
    table = at.session_state[S.PROPOSALS]
    assert table is not None and len(table) >= 2
    assert "estimated" in table.columns
    key = next(e.key for e in at.data_editor if e.key.startswith("w_proposals_"))
    at.session_state[key] = {"edited_rows": {"0": {"accept": False}}, "added_rows": [],
                             "deleted_rows": []}
    at.run()
    assert not at.exception
    assert not bool(at.session_state[S.PROPOSALS]["accept"].iloc[0])


def test_the_propose_toggle_adds_proposals_for_untargeted_items(open_page) -> None:
    at = open_page("data_import")
    at.toggle(key="w_propose").set_value(True)
    at.run()
    no_errors(at)
    assert at.session_state[S.PROPOSE] is True
    assert at.session_state[S.PROPOSALS] is not None


def test_the_blank_template_and_sample_buttons_are_offered(open_page) -> None:
    at = open_page("data_import")
    at.button(key="w_open_sample").click()
    at.run()
    no_errors(at)
    assert at.session_state[S.SOURCE_IS_SAMPLE]


def _replatform_cost(at) -> float:
    table = at.session_state[S.PROPOSALS]
    return float(table.loc[table["approach"] == "replatform", "one_time_cost"].iloc[0])


def _set_assumption(at, key: str, value: float) -> None:
    """Type a value into the assumptions table, as the editor reports it, and rerun."""
    editor = next(e for e in at.data_editor if e.key.startswith("w_assumptions_"))
    row = list(editor.value["key"]).index(key)
    at.session_state[editor.key] = {"edited_rows": {str(row): {"value": value}},
                                    "added_rows": [], "deleted_rows": []}
    at.run()


def test_an_assumption_edited_in_the_app_estimates_the_proposals_again(open_page) -> None:
    at = _inventory_only(open_page)
    before = _replatform_cost(at)
    assert before == 400_000  # 2 x $200,000 annual O&M, above the $75,000 floor
    _set_assumption(at, "assume_replatform_cost_multiple", 3)
    no_errors(at)
    assert _replatform_cost(at) == 600_000
    settings = at.session_state[S.WORKSPACE].frames["Settings"]
    assert dict(zip(settings["key"], settings["value"], strict=True)) == {
        "assume_replatform_cost_multiple": 3}
    assert any("1 changed from the defaults" in e.label for e in at.expander)
    at.button(key="w_assumptions_reset").click()
    at.run()
    no_errors(at)
    assert _replatform_cost(at) == before
    assert at.session_state[S.WORKSPACE].frames["Settings"].empty


def test_an_impossible_assumption_is_reported_and_the_default_kept(open_page) -> None:
    at = _inventory_only(open_page)
    _set_assumption(at, "assume_replatform_delivery_risk", 9)
    assert not at.exception
    assert any(escape_md("assume_replatform_delivery_risk") in w.value for w in at.warning)
    assert _replatform_cost(at) == 400_000


def test_the_mapping_menu_shows_plain_labels(open_page) -> None:
    at = open_page("data_import")
    at.selectbox(key="w_mapping_sheet").set_value("Candidates")
    at.run()
    no_errors(at)
    [editor] = [e for e in at.data_editor if e.key.startswith("w_map_Candidates")]
    config = json.loads(editor.proto.columns)
    options = {o["value"]: o["label"] for o in config["read as"]["type_config"]["options"]}
    assert options["one_time_cost"] == "One-time cost (one_time_cost)"
    assert options["name"] == "Project name (name)"
    assert options["(custom column)"] == "Keep as a custom column"
    assert options["(ignore)"] == "Ignore this column"
    assert len(set(options.values())) == len(options)
    shown = editor.value.set_index("your column")
    assert shown.loc["one_time_cost", "meaning"] == "One-time capital cost ($)."


# --- every edit changes exactly the cell touched ----------------------------------------------
def _upload_wide_budget(open_page):
    from tests.views.workbooks import wide_budget_book

    at = open_page("data_import")
    at.file_uploader(key="w_upload").upload("clerk.xlsx", wide_budget_book(), XLSX)
    at.run()
    no_errors(at)
    return at


def _cells(frame) -> dict:
    return {(int(r), c): (None if v is None or v != v else v)
            for r, row in frame.astype(object).iterrows() for c, v in row.items()}


def test_one_cell_of_a_wide_budget_is_edited_alone_and_undone(open_page) -> None:
    at = _upload_wide_budget(open_page)
    at.selectbox(key="w_fix_table").set_value("Budget")
    at.run()
    editor = next(e for e in at.data_editor if e.key.startswith("w_edit_Budget"))
    assert list(editor.value.columns) == ["Fund", "FY2027", "FY2028", "FY2029", "FY2030",
                                          "FY2031"]
    before = _cells(at.session_state[S.WORKSPACE].frames["Budget"])
    at.session_state[editor.key] = {"edited_rows": {"1": {"FY2029": 0}}, "added_rows": [],
                                    "deleted_rows": []}
    at.run()
    no_errors(at)
    after = _cells(at.session_state[S.WORKSPACE].frames["Budget"])
    changed = {k: (before[k], after[k]) for k in before if str(before[k]) != str(after[k])}
    assert {k: (b, str(a)) for k, (b, a) in changed.items()} == {(3, "FY2029"): ("-", "0")}
    assert set(after) == set(before)
    assert metric(at, "Budget lines") == "10"
    assert "FY2029 Federal Grant: — → $0" in [t.value for t in at.text]
    at.button(key="w_undo").click()
    at.run()
    assert _cells(at.session_state[S.WORKSPACE].frames["Budget"]) == before


def test_the_filtered_grid_says_when_no_rows_with_problems_are_left(open_page) -> None:
    book = workbook_bytes({
        "Candidates": [["candidate_id", "name", "one_time_cost"], ["A", "Alpha", 100_000],
                       ["B", "Beta", "TBD"], ["C", "Gamma", 50_000]],
        "Budget": [["fiscal_year", "fund", "capital_budget"], [2027, "General", 300_000]]})
    at = open_page("data_import")
    at.file_uploader(key="w_upload").upload("requests.xlsx", book, XLSX)
    at.run()
    at.selectbox(key="w_fix_table").set_value("Candidates")
    at.toggle(key="w_fix_only_issues").set_value(True)
    at.run()
    editor = next(e for e in at.data_editor if e.key.startswith("w_edit_Candidates"))
    assert list(editor.value.index) == [3]  # only Beta's row
    at.session_state[editor.key] = {"edited_rows": {"0": {"one_time_cost": 80_000}},
                                    "added_rows": [], "deleted_rows": []}
    at.run()
    no_errors(at)
    assert any("No rows with problems left" in s.value for s in at.success)
    assert not [e for e in at.data_editor if e.key.startswith("w_edit_Candidates")]
    frame = at.session_state[S.WORKSPACE].frames["Candidates"]
    assert [str(v) for v in frame["one_time_cost"]] == ["100000", "80000", "50000"]


def test_an_unclear_rating_scale_is_asked_about_and_can_run_the_other_way(open_page) -> None:
    from planner import validate_workspace

    at = _upload_wide_budget(open_page)
    notes = [w.value for w in at.warning if "Business Criticality" in w.value]
    assert notes and "1 is the most" in notes[0]
    editor = next(e for e in at.data_editor if e.key.startswith("w_map_Systems"))
    table = editor.value.set_index("your column")
    assert table.loc["Business Criticality", "scale"] == "5 is the most"
    ws = at.session_state[S.WORKSPACE]
    crit = {k: s.criticality for k, s in validate_workspace(ws).portfolio.systems.items()}
    assert crit == {"S-001": 1, "S-002": 3, "S-003": 4}
    position = list(table.index).index("Business Criticality")
    at.session_state[editor.key] = {"edited_rows": {str(position): {"scale": "1 is the most"}},
                                    "added_rows": [], "deleted_rows": []}
    at.run()
    no_errors(at)
    ws = at.session_state[S.WORKSPACE]
    assert ws.reversed["Systems"] == frozenset({"Business Criticality"})
    crit = {k: s.criticality for k, s in validate_workspace(ws).portfolio.systems.items()}
    assert crit == {"S-001": 5, "S-002": 3, "S-003": 2}
    assert not [w for w in at.warning if "Business Criticality" in w.value]


def test_a_proposal_edit_changes_that_proposal_only_and_is_listed(open_page) -> None:
    at = _inventory_only(open_page)
    table = at.session_state[S.PROPOSALS].copy()
    first = table.index[0]
    cid, old = table.loc[first, "candidate_id"], float(table.loc[first, "one_time_cost"])
    key = next(e.key for e in at.data_editor if e.key.startswith("w_proposals_"))
    at.session_state[key] = {"edited_rows": {"0": {"one_time_cost": old + 50_000}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    no_errors(at)
    new = at.session_state[S.PROPOSALS]
    assert new.loc[first, "one_time_cost"] == old + 50_000
    assert new.drop(index=first).equals(table.drop(index=first))
    said = f"Proposal row 1 ({cid}) one_time_cost: ${old:,.0f} → ${old + 50_000:,.0f}"
    assert said in [t.value for t in at.text]


def test_an_assumption_edit_is_listed_in_plain_words(open_page) -> None:
    at = _inventory_only(open_page)
    _set_assumption(at, "assume_replatform_cost_multiple", 3)
    no_errors(at)
    assert "Assumption assume_replatform_cost_multiple: 2 → 3" in [t.value for t in at.text]
