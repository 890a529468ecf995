"""The closed set of reasons a candidate is left unfunded, with their words and meanings.

Every unfunded candidate in every plan carries one or more of these codes. The members are
StrEnum, so they equal the plain strings the plan's JSON has always held ("budget", ...).
`REASONS` is the one table of their words (as the workbook and the app show them) and their
meaning; docs/optimizer.md repeats it, and a test keeps the two the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class ReasonCode(StrEnum):
    """Why a candidate is not funded, as a stable code."""

    FORCED_OUT = "forced_out"
    DEADLINE = "deadline"
    HORIZON = "horizon"
    PIN = "pin"
    FUNDS = "funds"
    SCHEDULE = "schedule"
    PREREQUISITE_TIMING = "prerequisite_timing"
    PREREQUISITE = "prerequisite"
    ALTERNATIVE = "alternative"
    BALANCE = "balance"
    BUDGET = "budget"
    STAFF = "staff"
    OPERATING = "operating"
    NO_VALUE = "no_value"
    NOT_CHOSEN = "not_chosen"


@dataclass(frozen=True)
class ReasonWording:
    """A reason code's plain words (they finish "mainly because of ...") and its meaning."""

    words: str
    meaning: str


# In the order the reasons are checked, so the table reads like the explanation itself.
REASONS: dict[ReasonCode, ReasonWording] = {
    ReasonCode.FORCED_OUT: ReasonWording(
        "a manual exclusion", "The user forced it out of the plan."),
    ReasonCode.DEADLINE: ReasonWording(
        "its deadline", "No schedule meets its earliest start and must-finish-by year."),
    ReasonCode.HORIZON: ReasonWording(
        "the planning horizon", "It cannot start and finish inside the plan's fiscal years."),
    ReasonCode.PIN: ReasonWording(
        "its pinned start year", "It is pinned to a start year its schedule does not allow."),
    ReasonCode.FUNDS: ReasonWording(
        "no eligible fund", "None of its funding sources has a line in the budget."),
    ReasonCode.SCHEDULE: ReasonWording(
        "its schedule", "It has no feasible start year, for a cause not named by another code."),
    ReasonCode.PREREQUISITE_TIMING: ReasonWording(
        "prerequisites that cannot finish in time",
        "Its prerequisites cannot all finish early enough for it to start after them."),
    ReasonCode.PREREQUISITE: ReasonWording(
        "an unfunded or late prerequisite",
        "A prerequisite is missing, not funded, or finishes too late in this plan."),
    ReasonCode.ALTERNATIVE: ReasonWording(
        "an either/or choice", "Another candidate of its either/or group was chosen."),
    ReasonCode.BALANCE: ReasonWording(
        "a balance rule", "Funding it would break a rule of the Rules sheet (a share, amount "
                          "or count of capital for a group)."),
    ReasonCode.BUDGET: ReasonWording(
        "not enough budget", "Its eligible funds lack the money in some year it would run."),
    ReasonCode.STAFF: ReasonWording(
        "staff capacity", "Too few IT staff FTE are free in some year it would run."),
    ReasonCode.OPERATING: ReasonWording(
        "the operating budget", "Its new operating cost exceeds the operating increase left."),
    ReasonCode.NO_VALUE: ReasonWording(
        "a value of zero", "Its value is zero, so funding it would add nothing."),
    ReasonCode.NOT_CHOSEN: ReasonWording(
        "the plan's choice", "It would fit alongside the plan but was not chosen."),
}


def reason_words(code: str) -> str:
    """A reason code in the plain words the workbook and the app show (ValueError if unknown)."""
    return REASONS[ReasonCode(code)].words


def reasons_words(codes: Iterable[str]) -> str:
    """Several reason codes in words, joined for one table cell: "not enough budget; ..."."""
    return "; ".join(reason_words(code) for code in dict.fromkeys(codes))
