"""The few exceptions pages and the command line catch, each with a plain-language message."""

from __future__ import annotations


class PlannerError(Exception):
    """Base of every error the planner reports to a person."""

    exit_code = 1


class UnreadableFileError(PlannerError):
    """The file cannot be read, or is unsafe to read (exit code 2)."""

    exit_code = 2

    def __init__(self, filename: str, reason: str) -> None:
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason


class InputError(PlannerError):
    """The input was read but has problems that block the requested step (exit code 1)."""


class ScoringError(PlannerError):
    """The decision matrix or weights cannot be scored, said in plain words."""


class InfeasiblePlanError(PlannerError):
    """No plan satisfies every hard constraint; `reasons` says which ones conflict."""

    def __init__(self, message: str, reasons: list[str] | None = None) -> None:
        super().__init__(message)
        self.reasons = reasons or []


class SolverError(PlannerError):
    """The solver stopped without a usable answer."""
