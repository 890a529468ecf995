"""Restricted money in the reasons of the unfunded: when only restricted funds have the room.

A candidate with blank funding_sources may use only unrestricted funds (planner.core.funds).
When it lacks money there but would fit were the restricted funds open to it, its reasons
say so in plain words, so that the city can name the fund if that money's rules allow it.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.core.models import Portfolio
from planner.plan.ledger import Ledger
from planner.plan.schedule import StartOption

# (portfolio, chosen, size, ledger) of the last plan asked about, read and replaced whole so
# that threads explaining other plans never mix them: one plan's reasons share one ledger
_LAST: list[tuple | None] = [None]


def _opened_ledger(portfolio: Portfolio, chosen: Mapping[str, StartOption]) -> Ledger:
    """The plan's commitments in a ledger where no fund is restricted (built once a plan)."""
    last = _LAST[0]
    if last is not None and last[0] is portfolio and last[1] is chosen \
            and last[2] == len(chosen):
        return last[3]
    opened = portfolio.replace(budget=tuple(line.model_copy(update={"restricted": False})
                                            for line in portfolio.budget))
    ledger = Ledger(opened)
    for other, other_option in chosen.items():
        ledger.add(other, other_option)
    _LAST[0] = (portfolio, chosen, len(chosen), ledger)
    return ledger


def restricted_room(portfolio: Portfolio, chosen: Mapping[str, StartOption], cid: str,
                    option: StartOption) -> str | None:
    """The plain-words reason when only restricted money has room for this option."""
    restricted = portfolio.restricted_funds
    if portfolio.candidates[cid].funding_sources or not restricted:
        return None
    if not _opened_ledger(portfolio, chosen).fits(cid, option):
        return None
    return (f"it would fit in restricted money ({', '.join(restricted)}), but its "
            f"funding_sources is blank, so it may use only unrestricted funds; restricted "
            f"money goes only to candidates that name the fund")
