"""Kinds of fund and which are restricted: money only the candidates that name it may use.

A Budget line may say its fund's kind (`fund_kind`: general, enterprise, grant, reserve or
bond, in the city's own words such as "Enterprise Fund" or "Federal grant") and whether it is
restricted (`restricted` yes/no). Enterprise, grant, reserve and bond money is restricted by
default and general money is not; an explicit yes or no wins. A candidate with blank
`funding_sources` draws only on unrestricted funds; restricted money goes only to candidates
that name the fund.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any


class FundKind(StrEnum):
    """What kind of money a fund holds."""

    GENERAL = "general"
    ENTERPRISE = "enterprise"
    GRANT = "grant"
    RESERVE = "reserve"
    BOND = "bond"


RESTRICTED_KINDS = frozenset({FundKind.ENTERPRISE, FundKind.GRANT, FundKind.RESERVE,
                              FundKind.BOND})

# words in a city's own name for the kind, checked in this order ("general obligation bond"
# is a bond; "utility enterprise" is enterprise)
_KIND_WORDS: tuple[tuple[FundKind, tuple[str, ...]], ...] = (
    (FundKind.BOND, ("bond", "debt", "certificates of participation", "cop")),
    (FundKind.GRANT, ("grant", "arpa", "federal", "state aid", "cdbg")),
    (FundKind.ENTERPRISE, ("enterprise", "utility", "utilities", "water", "sewer",
                           "proprietary")),
    (FundKind.RESERVE, ("reserve", "rainy day", "stabilization")),
    (FundKind.GENERAL, ("general", "unrestricted", "gf")),
)


def read_fund_kind(text: str | None) -> FundKind | None:
    """The kind a fund_kind cell names, or None when blank or not recognized."""
    words = " ".join(str(text or "").casefold().replace("_", " ").replace("-", " ").split())
    if not words:
        return None
    padded = f" {words} "
    for kind, names in _KIND_WORDS:
        if any(f" {name} " in padded or words.startswith(name) for name in names):
            return kind
    return None


def is_restricted(kind: FundKind | None, restricted: bool | None) -> bool:
    """Whether a fund's money is restricted: an explicit yes/no wins, else by its kind."""
    if restricted is not None:
        return restricted
    return kind in RESTRICTED_KINDS


def fund_kinds(lines: Iterable[Any]) -> dict[str, tuple[FundKind | None, bool | None]]:
    """Per fund, in order of first appearance: the first recognized kind its Budget lines
    give and the first explicit restricted yes/no."""
    found: dict[str, tuple[FundKind | None, bool | None]] = {}
    for line in lines:
        kind, restricted = found.get(line.fund, (None, None))
        if kind is None and line.fund_kind:
            kind = read_fund_kind(line.fund_kind)
        if restricted is None:
            restricted = line.restricted
        found[line.fund] = (kind, restricted)
    return found


def restricted_funds(lines: Iterable[Any]) -> list[str]:
    """The restricted funds among Budget lines, in order of first appearance."""
    return [fund for fund, (kind, explicit) in fund_kinds(lines).items()
            if is_restricted(kind, explicit)]
