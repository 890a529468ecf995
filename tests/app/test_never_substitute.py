"""A project list that cannot be read is said, never replaced by proposals unasked; when the
user chooses proposals, every page says the plan rests on estimates, and how many."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from app_pages import _state as S
from app_pages._navigation import PAGE_NAMES
from tests.app.conftest import XLSX, page_path
from tests.app.helpers import metric, no_errors
from tests.factories import workbook_bytes

UNREADABLE = workbook_bytes({
    "Systems": [["system_id", "name", "technical_condition", "functional_fit", "criticality",
                 "end_of_support", "annual_om_cost"],
                ["S1", "Old billing", 1, 4, 5, 2024, 200_000],
                ["S2", "Parks booking", 2, 2, 2, 2030, 30_000]],
    "Project Requests": [["Request ID", "Project Name", "Department"],
                         ["R1", "New billing", "Finance"], ["R2", "Permits online", "Building"],
                         ["R3", "Parks app", "Parks"]],
    "Budget": [["fiscal_year", "fund", "capital_budget"], [2027, "General", 2_000_000],
               [2028, "General", 2_000_000]]})
FOUND = "Sheet 'Project Requests': 3 candidate rows found, none readable"


def upload(open_page) -> AppTest:
    at = open_page("data_import")
    at.file_uploader(key="w_upload").upload("requests.xlsx", UNREADABLE, XLSX)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(elements) -> list[str]:
    return [str(e.value) for e in elements]


def test_the_import_page_says_the_list_is_unreadable_and_proposes_nothing(open_page) -> None:
    at = upload(open_page)
    assert metric(at, "Candidates") == "0"
    warnings = texts(at.warning)
    assert any(FOUND.replace("'", "\\'") in w or FOUND in w.replace("\\", "") for w in warnings)
    assert any("one\\_time\\_cost" in w or "one_time_cost" in w for w in warnings)
    assert not [i for i in texts(at.info) if "no candidate projects" in i]
    assert at.session_state[S.PROPOSALS] is None
    assert at.toggle(key="w_propose").value is False
    sidebar = texts(at.sidebar.warning)
    assert any(FOUND in w.replace("\\", "") for w in sidebar)


def test_no_plan_is_made_from_proposals_unasked(open_page) -> None:
    at = upload(open_page)
    at.switch_page(page_path("roadmap"))
    at.run()
    assert not at.exception
    errors = [e.replace("\\", "") for e in texts(at.error)]
    assert any(FOUND in e and "Nothing is planned in its place" in e for e in errors)
    assert not at.session_state[S.SOLVED]
    for name in PAGE_NAMES:
        at.switch_page(page_path(name))
        at.run()
        assert not at.exception, (name, [e.value for e in at.exception])
        assert any(FOUND in w.replace("\\", "") for w in texts(at.sidebar.warning)), name
    assert at.session_state[S.PROPOSALS] is None


def test_chosen_proposals_are_counted_on_every_page(open_page) -> None:
    at = upload(open_page)
    at.toggle(key="w_propose").set_value(True)
    at.run()
    no_errors(at)
    table = at.session_state[S.PROPOSALS]
    assert table is not None and len(table) >= 2
    at.switch_page(page_path("roadmap"))
    at.run()
    no_errors(at)
    [headline] = [w.replace("\\", "") for w in texts(at.warning)
                  if "This plan rests on estimates" in w.replace("\\", "")]
    assert headline.startswith(f"This plan rests on estimates: All {len(table)} projects "
                               "considered are the planner's proposals, with estimated "
                               "figures; ")
    assert headline.endswith(" funded.")
    for name in PAGE_NAMES:
        at.switch_page(page_path(name))
        at.run()
        assert not at.exception, (name, [e.value for e in at.exception])
        notes = [i.replace("\\", "") for i in texts(at.sidebar.info)]
        assert f"All {len(table)} projects considered are the planner's proposals, with " \
               "estimated figures. Plans built on them rest on estimates." in notes, name


def test_the_sample_citys_own_projects_carry_no_note(open_page) -> None:
    at = open_page("roadmap")
    no_errors(at)
    assert not at.sidebar.info and not at.sidebar.warning
    assert not [w for w in texts(at.warning) if "rests on estimates" in w]
