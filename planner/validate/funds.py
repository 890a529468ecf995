"""The Budget's fund kinds checked on their rows: kinds not recognized, kinds that disagree,
and restricted money no candidate may use.

Restricted money (planner.core.funds) goes only to candidates that name the fund in their
funding_sources, so a restricted fund that no candidate names can pay for nothing in the plan;
import says so on the fund's first Budget row.
"""

from __future__ import annotations

from typing import Any

from planner.core.funds import FundKind, fund_kinds, read_fund_kind
from planner.core.issues import IssueCode, IssueLog
from planner.core.models import Portfolio
from planner.core.schema import BUDGET

KINDS_WORDS = ", ".join(k.value for k in FundKind)


def _first_rows(portfolio: Portfolio, rows: dict[tuple[str, str], int]) -> dict[str, int]:
    first: dict[str, int] = {}
    for line in portfolio.budget:
        number = rows.get((BUDGET.name, f"FY{line.fiscal_year}/{line.fund}"))
        if number is not None and (line.fund not in first or number < first[line.fund]):
            first[line.fund] = number
    return first


def _row(rows: dict[tuple[str, str], int], line: Any) -> int | None:
    return rows.get((BUDGET.name, f"FY{line.fiscal_year}/{line.fund}"))


def _check_kinds(portfolio: Portfolio, title: str, rows: dict[tuple[str, str], int],
                 log: IssueLog) -> None:
    """Fund types not recognized, and lines of one fund that give different kinds."""
    seen: dict[str, tuple[FundKind | None, int | None]] = {}
    for line in portfolio.budget:
        if not line.fund_kind:
            continue
        kind, number = read_fund_kind(line.fund_kind), _row(rows, line)
        if kind is None:
            log.warning(title, number, "fund_kind", IssueCode.INVALID_CHOICE,
                        f"Fund type '{line.fund_kind}' of {line.fund} is not one of "
                        f"{KINDS_WORDS}; the fund is treated as unrestricted unless its "
                        "restricted column says yes.", line.fund_kind)
            continue
        earlier = seen.setdefault(line.fund, (kind, number))
        if earlier[0] is not kind:
            log.warning(title, number, "fund_kind", IssueCode.INCONSISTENT_VALUE,
                        f"{line.fund} is a {kind.value} fund on this row but a "
                        f"{earlier[0].value if earlier[0] else 'different'} fund on row "
                        f"{earlier[1]}; the first is used.", line.fund_kind)


def _named_funds(portfolio: Portfolio) -> set[str]:
    return {s.casefold() for c in portfolio.candidates.values() for s in c.funding_sources}


def check_funds(portfolio: Portfolio, title: str | None, rows: dict[tuple[str, str], int],
                log: IssueLog) -> None:
    """Warn about fund kinds on their Budget rows and restricted funds no candidate names."""
    if not portfolio.budget:
        return
    title = title or BUDGET.name
    _check_kinds(portfolio, title, rows, log)
    named = _named_funds(portfolio)
    first = _first_rows(portfolio, rows)
    kinds = fund_kinds(portfolio.budget)
    for fund in portfolio.restricted_funds:
        if fund.casefold() in named:
            continue
        kind, explicit = kinds[fund]
        why = ("its restricted column says yes" if explicit else
               f"it is {'an' if kind is FundKind.ENTERPRISE else 'a'} {kind} fund")
        log.warning(title, first.get(fund), "restricted" if explicit else "fund_kind",
                    IssueCode.UNUSED_RESTRICTED_FUND,
                    f"{fund} is restricted ({why}), but no candidate names it in "
                    "funding_sources, so none of its money can be used. Name it in the "
                    "funding_sources of the candidates it may pay for, or mark it restricted "
                    "no.", fund)
