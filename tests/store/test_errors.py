"""The store's errors say what happened and what to do, with stable codes."""

from __future__ import annotations

from planner.errors import PlannerError
from planner.store.errors import NotFoundError, ScenarioExistsError, StaleScenarioError, StoreError


def test_a_stale_save_names_who_changed_it_when_and_says_reload() -> None:
    error = StaleScenarioError("Base", "bob", "2027-01-12T10:00:00+00:00", 3)
    assert str(error) == ("The scenario 'Base' was changed by bob at 2027-01-12T10:00:00+00:00 "
                          "(it is now version 3); reload it and make your change again.")
    assert (error.code, error.exit_code, error.version) == ("stale-scenario", 1, 3)


def test_a_taken_name_names_its_owner_and_version() -> None:
    error = ScenarioExistsError("Base", "ana", "2027-01-02T09:00:00+00:00", 1)
    assert "already exists (version 1, saved by ana" in str(error)
    assert error.code == "scenario-exists"


def test_every_store_error_is_a_planner_error_the_cli_reports() -> None:
    for error in (StoreError("x"), NotFoundError("x"), StaleScenarioError("a", "b", "c", 2)):
        assert isinstance(error, PlannerError)
    assert NotFoundError("x").code == "not-found"
