"""Undo, Redo and the session's list of changes, in the sidebar of every page."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

import planner.export.workbook as workbook_module
from app_pages import _cached
from app_pages import _state as S
from tests.app.conftest import XLSX, page_path, sample_workspace
from tests.app.helpers import metric, no_errors
from tests.factories import sample_inventory_bytes


def sidebar_button(at: AppTest, key: str):
    return next(b for b in at.sidebar.button if b.key == key)


def changes_listed(at: AppTest) -> list[str]:
    expander = next(e for e in at.sidebar.expander if e.label.startswith("Changes this session"))
    return [t.value for t in expander.text]


def edit_systems(at: AppTest, changes: dict) -> None:
    key = next(e.key for e in at.data_editor if e.key.startswith("w_edit_Systems"))
    at.session_state[key] = {"edited_rows": {"0": changes}, "added_rows": [],
                             "deleted_rows": []}
    at.run()


def systems_cell(at: AppTest, column: str):
    return at.session_state[S.WORKSPACE].frames["Systems"].iloc[0][column]


def test_undo_and_redo_are_offered_on_every_page_and_disabled_with_nothing_to_do(
        open_page) -> None:
    at = open_page("roadmap")
    no_errors(at)
    assert sidebar_button(at, "w_undo").disabled
    assert sidebar_button(at, "w_redo").disabled
    assert changes_listed(at) == []


def test_an_edit_on_the_import_page_is_undone_and_redone(open_page) -> None:
    at = open_page("data_import")
    name = systems_cell(at, "name")
    edit_systems(at, {"name": ""})  # a blank name keeps the row out: one error, 43 systems
    assert not at.exception
    assert (metric(at, "Systems"), metric(at, "Errors")) == ("43", "1")
    assert not sidebar_button(at, "w_undo").disabled
    assert changes_listed(at) and "Systems" in changes_listed(at)[0]

    sidebar_button(at, "w_undo").click()
    at.run()
    assert not at.exception
    assert systems_cell(at, "name") == name
    assert (metric(at, "Systems"), metric(at, "Errors")) == ("44", "0")
    assert sidebar_button(at, "w_undo").disabled and not sidebar_button(at, "w_redo").disabled
    assert changes_listed(at) == []
    expander = next(e for e in at.sidebar.expander if e.label.startswith("Changes this"))
    assert any(c.value.startswith("Undone") and "Systems" in c.value for c in expander.caption)
    # The editor shows the restored table: a fresh editor over the original cell.
    editor = next(e for e in at.data_editor if e.key.startswith("w_edit_Systems"))
    assert editor.value.iloc[0]["name"] == name

    sidebar_button(at, "w_redo").click()
    at.run()
    assert not at.exception
    assert systems_cell(at, "name") is None or systems_cell(at, "name") == ""
    assert metric(at, "Systems") == "43"
    assert sidebar_button(at, "w_redo").disabled


def test_a_new_change_after_an_undo_drops_the_redo(open_page) -> None:
    at = open_page("data_import")
    edit_systems(at, {"criticality": 1})
    sidebar_button(at, "w_undo").click()
    at.run()
    edit_systems(at, {"criticality": 2})
    assert systems_cell(at, "criticality") == 2
    assert sidebar_button(at, "w_redo").disabled
    assert len(changes_listed(at)) == 1


def test_a_choice_stored_by_a_widget_is_listed_and_undone(open_page) -> None:
    at = open_page("budget")
    at.multiselect(key="w_force_out").set_value(["C-045"])
    at.run()
    no_errors(at)
    assert changes_listed(at) == ["Never fund: + C-045"]
    sidebar_button(at, "w_undo").click()
    at.run()
    no_errors(at)
    assert at.session_state[S.FORCE_OUT] == []
    assert at.multiselect(key="w_force_out").value == []  # the widget shows it too


def test_the_council_workbook_records_the_workspaces_audit_trail(open_page, monkeypatch
                                                                ) -> None:
    written: list[bytes] = []
    export = workbook_module.export_workbook

    def keep(*args, **kwargs) -> bytes:  # the download's bytes, which AppTest cannot read
        written.append(export(*args, **kwargs))
        return written[-1]

    monkeypatch.setattr(workbook_module, "export_workbook", keep)
    _cached.workbook.clear()
    at = open_page("budget")
    at.multiselect(key="w_force_out").set_value(["C-045"])
    at.run()
    at.multiselect(key="w_force_in").set_value(["C-002"])
    at.run()
    at.switch_page(page_path("export"))
    at.run()
    no_errors(at)
    assert written, "the export page wrote no workbook"
    sheet = load_workbook(io.BytesIO(written[-1]))["Decision Record"]
    record = {r[0].value: r[1].value for r in sheet.iter_rows(min_row=5) if r[0].value}
    changes = [value for label, value in record.items() if str(label).startswith("Change ")]
    assert changes[0].endswith(f"UTC, {USER}: Created workspace 'City of Riverton FY2027'")
    said = [line.split(f"UTC, {USER}: ", 1)[1] for line in changes]
    assert said[-2:] == ["Never fund: + C-045", "Always fund: + C-002"]
    assert record["Override: forced out"] == "C-045"


USER = "ana"


def history_page(at: AppTest) -> AppTest:
    at.switch_page(page_path("history"))
    at.run()
    no_errors(at)
    return at


def shown_history(at: AppTest):
    return next(d.value for d in at.dataframe if "before" in d.value.columns)


def test_the_history_page_lists_each_change_with_who_and_before_and_after(open_page) -> None:
    at = open_page("budget")
    at.multiselect(key="w_force_out").set_value(["C-045"])
    at.run()
    at = open_page("history")  # a new session on the same store
    no_errors(at)
    table = shown_history(at)
    row = table[table["change"] == "Always / never fund, pinned starts"].iloc[0]
    assert row["user"] == USER and row["what"] == "Never fund: + C-045"
    assert row["before"] == "[]" and row["after"] == '["C-045"]'
    assert "Workspace created" in set(table["change"])


def test_the_history_page_filters_by_kind_user_subject_and_date(open_page) -> None:
    at = open_page("weights")
    at.radio(key="w_method").set_value("topsis")
    at.run()
    at.switch_page(page_path("budget"))
    at.run()
    at.multiselect(key="w_force_in").set_value(["C-002"])
    at.run()
    at = history_page(at)
    everything = shown_history(at)
    assert "Scoring method" in set(everything["change"])
    at.multiselect(key="w_history_actions").set_value(["override-changed"])
    at.run()
    assert shown_history(at)["what"].tolist() == ["Always fund: + C-002"]
    at.multiselect(key="w_history_actions").set_value([])
    at.text_input(key="w_history_subject").set_value("C-002")
    at.run()
    assert shown_history(at)["what"].tolist() == ["Always fund: + C-002"]
    at.text_input(key="w_history_subject").set_value("")
    at.multiselect(key="w_history_users").set_value([USER])
    at.run()
    assert len(shown_history(at)) == len(everything)
    yesterday = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)
    at.date_input(key="w_history_dates").set_value((yesterday, yesterday))
    at.run()
    assert shown_history(at).empty


def test_a_weight_change_is_undone_and_the_sliders_show_the_weights_before_it(
        open_page) -> None:
    at = open_page("weights")
    before = at.slider(key="w_weight_legacy_risk").value
    at.slider(key="w_weight_legacy_risk").set_value(100.0)
    at.run()
    no_errors(at)
    assert at.session_state[S.WEIGHTS]["Legacy risk"] == 100.0
    assert changes_listed(at)[0].startswith("Weight of Legacy risk")
    sidebar_button(at, "w_undo").click()
    at.run()
    no_errors(at)
    assert at.session_state[S.WEIGHTS] is None  # the preset's weights again
    assert at.slider(key="w_weight_legacy_risk").value == before


def test_opening_a_file_is_a_change_and_values_a_page_derives_are_not(open_page) -> None:
    at = open_page("data_import")
    at.file_uploader(key="w_upload").upload("riverton_inventory.xlsx", sample_inventory_bytes(),
                                            XLSX)
    at.run()  # no candidates: the page derives the planner's proposals
    no_errors(at)
    proposals = at.session_state[S.PROPOSALS]
    assert proposals is not None and not proposals.empty
    assert changes_listed(at) == ["Opened riverton_inventory.xlsx"]
    at.switch_page(page_path("budget"))
    at.run()
    first = str(proposals["candidate_id"].iloc[0])
    at.multiselect(key="w_force_out").set_value([first])
    at.run()
    assert changes_listed(at) == [f"Never fund: + {first}", "Opened riverton_inventory.xlsx"]

    sidebar_button(at, "w_undo").click()  # takes back the choice, not the derived proposals
    at.run()
    no_errors(at)
    assert at.session_state[S.FORCE_OUT] == []
    assert at.session_state[S.PROPOSALS].equals(proposals)
    sidebar_button(at, "w_undo").click()  # and then the upload: the sample city is back
    at.run()
    no_errors(at)
    assert at.session_state[S.SOURCE_IS_SAMPLE]
    assert at.session_state[S.WORKSPACE] is sample_workspace()


def test_an_undo_is_recorded_in_the_audit_trail_too(open_page) -> None:
    at = open_page("budget")
    at.multiselect(key="w_force_out").set_value(["C-045"])
    at.run()
    sidebar_button(at, "w_undo").click()
    at.run()
    table = shown_history(history_page(at))
    assert table["what"].tolist()[:2] == ["Undone: Never fund: + C-045", "Never fund: + C-045"]
    undone = table.iloc[0]
    assert (undone["before"], undone["after"]) == ('["C-045"]', "[]")
