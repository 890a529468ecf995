"""The few exceptions pages and the command line catch, each with a plain-language message."""

from __future__ import annotations

from typing import Any


class PlannerError(Exception):
    """Base of every error the planner reports to a person.

    `code` is the stable name the command line's JSON error carries; `issues` lists the
    input problems behind the error (dicts shaped like `Issue.as_dict()`), when there are any.
    """

    exit_code = 1
    code = "error"

    def __init__(self, message: str = "", *, issues: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.issues: list[dict[str, Any]] = list(issues or [])


class UsageError(PlannerError):
    """The command line was called with arguments it cannot use (exit code 2)."""

    exit_code = 2
    code = "usage"


class UnreadableFileError(PlannerError):
    """The file cannot be read, or is unsafe to read (exit code 2)."""

    exit_code = 2
    code = "unreadable-file"

    def __init__(self, filename: str, reason: str) -> None:
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason


class UnwritableFileError(PlannerError):
    """An output file cannot be written where the user asked (exit code 2)."""

    exit_code = 2
    code = "unwritable-file"


class InputError(PlannerError):
    """The input was read but has problems that block the requested step (exit code 1)."""

    code = "input-error"


class ScoringError(PlannerError):
    """The decision matrix or weights cannot be scored, said in plain words."""

    code = "scoring-error"


class InfeasiblePlanError(PlannerError):
    """No plan satisfies every hard constraint; `reasons` says which ones conflict."""

    code = "infeasible"

    def __init__(self, message: str, reasons: list[str] | None = None) -> None:
        super().__init__(message, issues=[reason_issue(r) for r in reasons or []])
        self.reasons = reasons or []


class SolverError(PlannerError):
    """The solver stopped without a usable answer."""

    code = "solver-error"


def reason_issue(reason: str, code: str = "infeasible") -> dict[str, Any]:
    """A plan-level reason shaped like an input issue (no sheet, row or column)."""
    return {"sheet": None, "row": None, "column": None, "code": code, "severity": "error",
            "message": reason, "value": None}
