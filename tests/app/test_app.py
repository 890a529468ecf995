"""The entry point: first open shows the sample city planned; configuration is production-safe;
the sidebar says what is being worked on from the moment of upload; the city's name is editable
and reaches every page title and the council workbook; the favicon is the app's own file."""

from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit.testing.v1 import AppTest

from app_pages import _state as S
from app_pages._navigation import PAGE_NAMES, SECTIONS
from tests.app.conftest import APP, XLSX, page_path
from tests.app.helpers import no_errors
from tests.export.carry_over import CITY, carry_over_bytes
from tests.factories import workbook_bytes

ROOT = Path(__file__).resolve().parents[2]


def test_first_open_lands_on_the_roadmap_of_the_sample_city() -> None:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    no_errors(at)
    assert at.session_state[S.SOURCE_IS_SAMPLE]
    assert at.title[0].value == "Roadmap · City of Riverton"
    assert any(m.label == "Value captured" for m in at.metric)


def test_init_session_state_is_idempotent() -> None:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    workspace = at.session_state[S.WORKSPACE]
    at.run()
    assert at.session_state[S.WORKSPACE] is workspace
    for key in S.DEFAULTS:
        assert key in at.session_state


def test_the_server_configuration_is_safe_for_production() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == 25
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "minimal"
    assert config["browser"]["gatherUsageStats"] is False


def test_the_server_does_not_collect_all_garbage_after_every_page_run() -> None:
    """A full collection holds the interpreter for about 0.2 s: sessions at once waited for
    one another's (docs/deployment.md, many users at once)."""
    from streamlit import config as streamlit_config

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False
    assert "runner.postScriptGC" in streamlit_config._config_options_template  # not a typo


def test_the_navigation_lists_every_page_file_once_and_opens_on_the_roadmap() -> None:
    files = sorted(p.stem for p in (ROOT / "app_pages").glob("[!_]*.py"))
    assert sorted(PAGE_NAMES) == files and len(set(PAGE_NAMES)) == len(PAGE_NAMES)
    defaults = [p.name for pages in SECTIONS.values() for p in pages if p.default]
    assert defaults == ["roadmap"]


def test_pages_stay_thin() -> None:
    for page in (ROOT / "app_pages").glob("[!_]*.py"):
        assert len(page.read_text().splitlines()) <= 160, page.name


HOSTILE = "![t](http://evil.example/t.png) <img src=x onerror=alert(1)> :red[x] $x$"


def hostile_workspace():
    from tests.app.conftest import sample_workspace

    workspace = sample_workspace()
    for sheet, column in (("Candidates", "name"), ("Systems", "name"),
                          ("Systems", "department"), ("Processes", "name")):
        frame = workspace.frames[sheet].copy()
        frame[column] = frame[column].astype(object)
        frame.iloc[0, frame.columns.get_loc(column)] = HOSTILE
        workspace = workspace.with_frame(sheet, frame)
    return workspace


def test_user_text_is_never_rendered_as_markdown_on_any_page(open_page) -> None:
    workspace = hostile_workspace()
    for name in PAGE_NAMES:
        at = open_page(name, workspace=workspace)
        assert not at.exception, (name, [e.value for e in at.exception])
        rendered = [e.value for kind in ("markdown", "caption", "info", "success", "warning",
                                         "error", "title", "header", "subheader")
                    for e in getattr(at, kind)]
        rendered += [w.label for w in at.slider] + [w.label for w in at.select_slider]
        for text in rendered:
            assert "![t](http" not in text, (name, text)
            assert "<img" not in text, (name, text)


def sidebar_texts(at: AppTest) -> list[str]:
    return [t.value for t in at.sidebar.text]


def city_input(at: AppTest):
    return at.sidebar.text_input(key="w_city_name")


def test_the_sidebar_names_the_sample_city_and_its_file() -> None:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    no_errors(at)
    assert city_input(at).value == "City of Riverton"
    assert "Sample city of Riverton" in sidebar_texts(at)
    assert "File: sample_city.xlsx" in sidebar_texts(at)


def upload(open_page, name: str, data: bytes) -> AppTest:
    at = open_page("data_import")
    at.file_uploader(key="w_upload").upload(name, data, XLSX)
    at.run()  # one run: what the user sees right after the upload
    no_errors(at)
    return at


def test_right_after_an_upload_the_sidebar_and_titles_name_the_new_file_and_city(
        open_page) -> None:
    at = upload(open_page, "springfield.xlsx", carry_over_bytes())
    assert "File: springfield.xlsx" in sidebar_texts(at)
    assert not [t for t in sidebar_texts(at) if "Riverton" in t]
    assert not [c.value for c in at.sidebar.caption if "fictional" in c.value]
    assert city_input(at).value == CITY
    assert at.title[0].value == f"Import · {CITY}"
    for name in PAGE_NAMES:
        at.switch_page(page_path(name))
        at.run()
        assert not at.exception, (name, [e.value for e in at.exception])
        assert at.title[0].value.endswith(f" · {CITY}"), name
        assert "File: springfield.xlsx" in sidebar_texts(at), name


def test_right_after_an_upload_without_projects_the_sidebar_counts_the_proposals(
        open_page) -> None:
    inventory = workbook_bytes({
        "Systems": [["system_id", "name", "technical_condition", "functional_fit",
                     "criticality", "end_of_support", "annual_om_cost"],
                    ["S1", "Old billing", 1, 4, 5, 2024, 200_000],
                    ["S2", "Parks booking", 2, 2, 2, 2030, 30_000]],
        "Budget": [["fiscal_year", "fund", "capital_budget"], [2027, "General", 2_000_000],
                   [2028, "General", 2_000_000]]})
    at = upload(open_page, "inventory.xlsx", inventory)
    notes = [i.value.replace("\\", "") for i in at.sidebar.info]
    assert any("projects considered are the planner's proposals" in n for n in notes), notes
    assert "File: inventory.xlsx" in sidebar_texts(at)
    # the file names no city: the last resort, said as such
    assert city_input(at).value == "" and at.title[0].value == "Import · Our City"


def test_the_city_name_entered_reaches_every_page_and_the_council_workbook(
        open_page, monkeypatch) -> None:
    import io

    from openpyxl import load_workbook

    from app_pages import _session
    from planner import read_workspace, validate_workspace
    from planner.export import workbook

    noted: list[str] = []
    original_note = _session.record_choice
    monkeypatch.setattr(_session, "record_choice",
                        lambda change: (noted.append(change), original_note(change)))
    written: list[bytes] = []
    original = workbook.export_workbook
    monkeypatch.setattr(workbook, "export_workbook",
                        lambda *a, **k: written.append(original(*a, **k)) or written[-1])
    at = open_page("roadmap")
    city_input(at).set_value("  Town of   Westbrook ").run()
    no_errors(at)
    assert noted == ["City name: City of Riverton → Town of Westbrook"]
    assert at.session_state[S.SETTINGS]["city_name"] == "Town of Westbrook"
    for name in PAGE_NAMES:
        at.switch_page(page_path(name))
        at.run()
        assert not at.exception, (name, [e.value for e in at.exception])
        assert at.title[0].value.endswith(" · Town of Westbrook"), name
        assert city_input(at).value == "Town of Westbrook", name
    assert written, "the Export page wrote no workbook"
    book = load_workbook(io.BytesIO(written[-1]))
    cells = [c for row in book["Summary"].iter_rows(values_only=True) for c in row if c]
    assert "Town of Westbrook: modernization roadmap" in cells
    assert cells[cells.index("City") + 1] == "Town of Westbrook"
    settings = {r[0]: r[1] for r in book["Settings"].iter_rows(values_only=True) if r[0]}
    assert settings["city_name"] == "Town of Westbrook"
    again = validate_workspace(read_workspace([("westbrook.xlsx", written[-1])]))
    assert again.portfolio.settings.city_name == "Town of Westbrook"  # read back


def test_a_blank_city_name_falls_back_to_our_city_and_no_change_is_noted_twice(
        open_page) -> None:
    at = open_page("rankings")
    city_input(at).set_value("").run()
    no_errors(at)
    assert at.title[0].value == "Rankings · Our City"
    city_input(at).set_value("").run()
    assert at.session_state[S.SETTINGS]["city_name"] == ""


def test_the_favicon_is_a_file_the_app_serves_itself() -> None:
    source = (ROOT / "app.py").read_text()
    assert ":material/" not in source  # a Material favicon is fetched from fonts.gstatic.com
    icon = ROOT / "static" / "favicon.svg"
    assert icon.read_text().lstrip().startswith("<svg") and "href" not in icon.read_text()
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    no_errors(at)
