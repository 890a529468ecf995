"""Roles on a shared deployment: what each may do, and the roles table read from configuration."""

from __future__ import annotations

import json

import pytest

from planner.views.roles import (
    LOCAL_USER,
    NO_TABLE,
    ROLES_ENV,
    Action,
    Role,
    RoleConfigurationError,
    User,
    may,
    read_roles,
    refusal,
    roles_from_json,
)

TABLE = {"admin": ["cio@riverton.gov"],
         "analyst": ["Ana@Riverton.gov", "@budget.riverton.gov"],
         "viewer": "@riverton.gov",
         "default": "viewer"}


def test_a_viewer_may_look_and_export_but_not_change_or_adopt() -> None:
    assert may(Role.VIEWER, Action.VIEW) and may(Role.VIEWER, Action.EXPORT)
    assert not may(Role.VIEWER, Action.CHANGE)
    assert not may(Role.VIEWER, Action.ADOPT)


def test_an_analyst_may_change_but_only_an_administrator_adopts_the_plan_of_record() -> None:
    assert may(Role.ANALYST, Action.CHANGE) and not may(Role.ANALYST, Action.ADOPT)
    assert all(may(Role.ADMIN, action) for action in Action)


def test_the_one_user_of_a_local_app_may_do_everything_and_is_named_plainly() -> None:
    assert all(LOCAL_USER.may(action) for action in Action)
    assert LOCAL_USER.label == "Local user" and not LOCAL_USER.signed_in


def test_a_signed_in_user_is_named_by_name_then_email() -> None:
    assert User("ana@riverton.gov", "Ana Ruiz", Role.ANALYST).label == "Ana Ruiz"
    assert User("ana@riverton.gov", None, Role.ANALYST).label == "ana@riverton.gov"
    assert not User("v@riverton.gov", None, Role.VIEWER).may(Action.CHANGE)


def test_a_refusal_names_the_role_what_it_may_do_and_what_was_refused() -> None:
    message = refusal(Role.VIEWER, Action.CHANGE, "change the weights")
    assert message.startswith("Not changed: as viewer you may look at the plan and export it")
    assert "not change the weights" in message


def test_an_address_wins_over_its_domain_and_a_longer_domain_over_a_shorter_one() -> None:
    table = read_roles(TABLE)
    assert table.role_for("cio@riverton.gov") is Role.ADMIN
    assert table.role_for("ANA@riverton.gov ") is Role.ANALYST  # case and spaces do not matter
    assert table.role_for("bo@budget.riverton.gov") is Role.ANALYST
    assert table.role_for("clerk@riverton.gov") is Role.VIEWER
    assert table.role_for("clerk@parks.riverton.gov") is Role.VIEWER  # a subdomain
    assert table.role_for("someone@elsewhere.org") is Role.VIEWER  # the default


def test_without_a_default_an_unlisted_account_gets_no_access() -> None:
    table = read_roles({"analyst": ["ana@riverton.gov"]})
    assert table.role_for("ana@riverton.gov") is Role.ANALYST
    assert table.role_for("mallory@riverton.gov.evil.org") is None
    assert table.role_for(None) is None
    by_domain = read_roles({"viewer": "@riverton.gov"})
    assert by_domain.role_for("x@notriverton.gov") is None  # a domain, not a suffix of words


def test_a_domain_may_be_written_with_a_star() -> None:
    assert read_roles({"viewer": ["*@riverton.gov"]}).role_for("a@riverton.gov") is Role.VIEWER


def test_no_table_makes_every_signed_in_person_a_viewer() -> None:
    assert read_roles(None) is NO_TABLE
    assert NO_TABLE.role_for("anyone@anywhere.org") is Role.VIEWER


@pytest.mark.parametrize(("table", "words"), [
    ({"editor": ["a@riverton.gov"]}, "'editor', which is not a role. Use admin, analyst or"),
    ({"default": "boss"}, "default is 'boss', which is not a role"),
    ({"viewer": "riverton.gov"}, "'riverton.gov' under viewer is neither an email address"),
    ({"analyst": ["ana@"]}, "'ana@' under analyst is neither"),
    ({"analyst": [1, 2]}, "analyst must list email addresses or domains in quotes"),
    ({"admin": ["a@riverton.gov"], "viewer": ["A@riverton.gov"]},
     "'a@riverton.gov' is listed under both admin and viewer"),
    ({"analyst": "@riverton.gov", "viewer": "@riverton.gov"}, "under both analyst and viewer"),
    ({"viewer": []}, "gives no one a role"),
    ("admin", "must be a table of roles"),
])
def test_a_table_that_cannot_be_used_is_refused_with_a_plain_message(table, words) -> None:
    with pytest.raises(RoleConfigurationError) as raised:
        read_roles(table)
    assert words in str(raised.value)
    assert str(raised.value).startswith("[planner.roles] in secrets.toml")


def test_the_environment_variable_is_read_as_json_and_named_in_its_messages() -> None:
    text = json.dumps({"analyst": ["ana@riverton.gov"], "default": "viewer"})
    table = read_roles(roles_from_json(text), source=ROLES_ENV)
    assert table.role_for("ana@riverton.gov") is Role.ANALYST
    with pytest.raises(RoleConfigurationError, match="PLANNER_ROLES is not valid JSON"):
        roles_from_json("admin = cio@riverton.gov")
    with pytest.raises(RoleConfigurationError, match="^PLANNER_ROLES: 'x' under viewer"):
        read_roles({"viewer": ["x"]}, source=ROLES_ENV)
