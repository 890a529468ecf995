"""Sign-in and roles in the app: the gate, the account in the sidebar, and a viewer who may
look and export but whose changes (even forced past a disabled widget) are refused."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from app_pages import _state as S
from tests.app.conftest import APP, page_path, sample_workspace

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "c" * 32,
        "client_id": "civic-planner", "client_secret": "s" * 24,
        "server_metadata_url": "https://login.riverton.example/.well-known/openid-configuration"}
ROLES = {"analyst": ["ana@riverton.gov"], "viewer": ["@riverton.gov"]}
ANALYST = {"email": "ana@riverton.gov", "name": "Ana Analyst"}
VIEWER = {"email": "val@riverton.gov", "name": "Val Viewer"}


def app_as(page: str, user: dict[str, str] | None, roles: Any = ROLES, **state: Any) -> AppTest:
    """The app with sign-in configured, on `page`, for `user` (None: signed out)."""
    at = AppTest.from_file(APP, default_timeout=180)
    at.secrets["auth"] = AUTH
    if roles is not None:
        at.secrets["planner"] = {"roles": roles}
    at.user = {"is_logged_in": True, **user} if user else {"is_logged_in": False}
    seeded = {"workspace": sample_workspace(), "source_label": "Sample city of Riverton",
              "source_is_sample": True, **state}
    for key, value in seeded.items():
        at.session_state[key] = value
    at.switch_page(page_path(page))
    return at.run()


def forced(widget: Any) -> Any:
    """A disabled widget as a crafted request sees it: the server said disabled, the client
    sends a value all the same (AppTest, like a browser, refuses to touch a disabled one)."""
    assert widget.proto.disabled, f"{widget.key} is not disabled"
    widget.proto.disabled = False
    return widget


def sidebar_text(at: AppTest) -> str:
    return " ".join(str(t.value) for t in at.sidebar.text)


def test_a_signed_out_visitor_sees_only_the_sign_in_page() -> None:
    at = app_as("roadmap", None)
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert [t.value for t in at.title] == ["Civic Portfolio Planner"]
    assert not at.metric and not at.dataframe and not at.slider


def test_an_analyst_sees_name_and_role_in_the_sidebar_and_may_change_a_weight() -> None:
    at = app_as("weights", ANALYST)
    assert not at.exception
    assert "Ana Analyst · Analyst" in sidebar_text(at)
    assert "Sign out" in [b.label for b in at.sidebar.button]
    slider = at.slider(key="w_weight_legacy_risk")
    assert not slider.disabled
    slider.set_value(90.0).run()
    assert at.session_state[S.WEIGHTS]["Legacy risk"] == 90.0
    assert not at.sidebar.warning


def test_a_viewer_sees_the_weights_disabled_and_a_forced_change_is_refused() -> None:
    at = app_as("weights", VIEWER)
    assert not at.exception
    assert "Val Viewer · Viewer" in sidebar_text(at)
    assert "changes are turned off" in " ".join(c.value for c in at.sidebar.caption)
    slider = at.slider(key="w_weight_legacy_risk")
    assert slider.disabled and slider.value == 20.0
    assert at.radio(key="w_method").disabled and at.selectbox(key="w_preset").disabled
    forced(slider).set_value(90.0).run()
    assert not at.exception
    assert at.session_state[S.WEIGHTS] is None  # the preset's weights stay in use
    assert at.slider(key="w_weight_legacy_risk").value == 20.0
    assert at.session_state[S.HISTORY].changes() == []


def _a_viewer_changes_through_the_session() -> None:
    """Run as the app's script: every central change point asked to change for a viewer."""
    import streamlit as st

    from app_pages import _session, _signin
    from app_pages import _state as S
    from planner import with_settings

    _session.start_session()
    before = _session.workspace()
    st.session_state[S.WEIGHTS] = {"Legacy risk": 90.0}  # a widget stored a choice ...
    _session.record_choice("Weight of Legacy risk: 20% → 90%")  # ... and asks to keep it
    st.text(f"weights={st.session_state[S.WEIGHTS]}")
    _session.replace_workspace(with_settings(before, {"city_name": "Gotham"}), "City name")
    edited = _session.workspace() is not before
    opened = _session.open_files([("other.csv", b"system_id,name\nS-1,Permits\n")])
    st.text(f"edited={edited}, opened={opened}")
    st.text(f"changes={_session.changes()}")
    _signin.show_account()


def test_every_central_change_point_refuses_a_viewer_and_puts_the_choice_back() -> None:
    at = AppTest.from_function(_a_viewer_changes_through_the_session, default_timeout=180)
    at.secrets["auth"] = AUTH
    at.secrets["planner"] = {"roles": ROLES}
    at.user = {"is_logged_in": True, **VIEWER}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    texts = [t.value for t in at.main.text]
    assert texts == ["weights=None", "edited=False, opened=False", "changes=[]"]
    refused = [w.value for w in at.sidebar.warning]
    assert refused == ["Not changed: as viewer you may look at the plan and export it, but not "
                       "open another file. Ask your planner administrator for another role if "
                       "you need it."]


def test_the_same_changes_go_through_for_an_analyst() -> None:
    at = AppTest.from_function(_a_viewer_changes_through_the_session, default_timeout=180)
    at.secrets["auth"] = AUTH
    at.secrets["planner"] = {"roles": ROLES}
    at.user = {"is_logged_in": True, **ANALYST}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    texts = [t.value for t in at.main.text]
    assert texts[:2] == ["weights={'Legacy risk': 90.0}", "edited=True, opened=True"]
    assert "City name" in texts[2] and "Opened other.csv" in texts[2]
    assert not at.sidebar.warning


def test_a_viewer_cannot_rename_the_city_nor_pick_a_scoring_method() -> None:
    at = app_as("weights", VIEWER)
    forced(at.text_input(key="w_city_name")).set_value("Gotham").run()
    assert "city_name" not in (at.session_state[S.SETTINGS] or {})
    forced(at.radio(key="w_method")).set_value("vikor").run()
    assert at.session_state[S.METHOD] is None
    assert not at.exception


def test_a_viewer_cannot_save_a_scenario_but_may_download_the_workbook() -> None:
    at = app_as("scenarios", VIEWER)
    save = at.button(key="w_scenario_save")
    assert save.disabled
    forced(save).click().run()
    assert at.session_state[S.SCENARIOS] == {}
    export = app_as("export", VIEWER)
    assert not export.exception
    assert not export.toggle(key="w_export_frontier").disabled


def test_an_entra_account_without_the_email_claim_is_known_by_its_user_name() -> None:
    at = app_as("weights", {"preferred_username": "ana@riverton.gov", "name": "Ana Analyst"})
    assert "Ana Analyst · Analyst" in sidebar_text(at)
    assert not at.slider(key="w_weight_legacy_risk").disabled


def test_an_account_the_table_does_not_list_gets_no_access() -> None:
    at = app_as("roadmap", {"email": "someone@elsewhere.org", "name": "Someone"})
    assert not at.exception
    assert any("someone@elsewhere.org) has no role in this planner" in w.value
               for w in at.warning)
    assert [b.label for b in at.button] == ["Sign out"]
    assert not at.metric


def test_a_roles_table_that_cannot_be_used_stops_the_app_with_a_plain_message() -> None:
    at = app_as("roadmap", ANALYST, roles={"editor": ["ana@riverton.gov"]})
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Sign-in is set up, but the roles cannot be read: [planner.roles] in secrets.toml: "
        "the entry 'editor' is 'editor', which is not a role. Use admin, analyst or viewer."]
    assert not at.metric and not at.slider


def test_a_server_without_the_sign_in_packages_says_so_and_lets_nobody_in(monkeypatch) -> None:
    from app_pages import _signin

    monkeypatch.setattr(_signin, "SIGN_IN_PACKAGES", ("authlib", "no_such_sign_in_package"))
    at = app_as("roadmap", None)
    assert [e.value for e in at.error] == [
        "Sign-in is set up, but this server lacks no_such_sign_in_package, which sign-in "
        "needs. Install them (pip install 'streamlit[auth]') and restart."]
    assert not at.button and not at.metric


def test_without_a_roles_table_the_environment_variable_gives_the_roles(monkeypatch) -> None:
    monkeypatch.setenv("PLANNER_ROLES", '{"analyst": ["@riverton.gov"]}')
    at = app_as("weights", VIEWER, roles=None)
    assert "Val Viewer · Analyst" in sidebar_text(at)
    assert not at.slider(key="w_weight_legacy_risk").disabled


def test_without_any_roles_everyone_signed_in_is_a_viewer(monkeypatch) -> None:
    monkeypatch.delenv("PLANNER_ROLES", raising=False)
    at = app_as("weights", ANALYST, roles=None)
    assert "Ana Analyst · Viewer" in sidebar_text(at)
    assert at.slider(key="w_weight_legacy_risk").disabled


def test_a_viewer_sees_the_budget_and_its_overrides_but_cannot_change_them() -> None:
    at = app_as("budget", VIEWER)
    assert not at.exception
    assert at.toggle(key="w_carry_over").disabled
    assert at.multiselect(key="w_force_in").disabled
    assert at.multiselect(key="w_force_out").disabled
    analyst = app_as("budget", ANALYST)
    assert not analyst.toggle(key="w_carry_over").disabled
    assert not analyst.multiselect(key="w_force_in").disabled


@pytest.mark.parametrize("page", ["budget", "data_import", "inventory"])
def test_a_viewer_sees_each_editing_page_without_an_error(page: str) -> None:
    at = app_as(page, VIEWER)
    assert not at.exception, [e.value for e in at.exception]


def test_without_sign_in_configured_there_is_no_account_in_the_sidebar() -> None:
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["workspace"] = sample_workspace()
    at.switch_page(page_path("weights"))
    at.run()
    assert "Sign out" not in [b.label for b in at.sidebar.button]
    assert not at.slider(key="w_weight_legacy_risk").disabled
