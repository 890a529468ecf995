"""The errors pages and the command line catch: stable codes, exit codes, issues behind them."""

from __future__ import annotations

import pytest

from planner.errors import (
    InfeasiblePlanError,
    InputError,
    PlannerError,
    ScoringError,
    SolverError,
    UnreadableFileError,
    UnwritableFileError,
    UsageError,
    reason_issue,
)


@pytest.mark.parametrize("error, code, exit_code", [
    (UsageError("bad flag"), "usage", 2),
    (UnreadableFileError("a.xlsx", "damaged"), "unreadable-file", 2),
    (UnwritableFileError("cannot write"), "unwritable-file", 2),
    (InputError("blocked"), "input-error", 1),
    (ScoringError("no weights"), "scoring-error", 1),
    (InfeasiblePlanError("no plan"), "infeasible", 1),
    (SolverError("stopped"), "solver-error", 1),
])
def test_every_error_has_a_stable_code_and_exit_code(error: PlannerError, code: str,
                                                     exit_code: int) -> None:
    assert isinstance(error, PlannerError)
    assert (error.code, error.exit_code) == (code, exit_code)


def test_an_unreadable_file_names_the_file_and_the_reason() -> None:
    error = UnreadableFileError("budget.xlsx", "it is encrypted.")
    assert str(error) == "budget.xlsx: it is encrypted."
    assert (error.filename, error.reason) == ("budget.xlsx", "it is encrypted.")


def test_input_problems_travel_with_the_error_as_a_copy() -> None:
    problems = [{"sheet": "Systems", "row": 4, "message": "name is required."}]
    error = InputError("2 errors block the plan", issues=problems)
    problems.append({"sheet": "Budget"})
    assert error.issues == [{"sheet": "Systems", "row": 4, "message": "name is required."}]
    assert InputError("plain").issues == []


def test_an_infeasible_plan_carries_each_reason_as_a_plan_level_issue() -> None:
    error = InfeasiblePlanError("No plan fits.", ["C-1 and C-2 are both mandatory"])
    assert error.reasons == ["C-1 and C-2 are both mandatory"]
    assert error.issues == [reason_issue("C-1 and C-2 are both mandatory")]
    assert InfeasiblePlanError("No plan fits.").reasons == []


def test_a_reason_issue_has_the_shape_of_an_input_issue_without_a_place() -> None:
    assert reason_issue("Budget too small", code="budget") == {
        "sheet": None, "row": None, "column": None, "code": "budget", "severity": "error",
        "message": "Budget too small", "value": None}
