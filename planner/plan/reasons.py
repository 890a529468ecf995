"""Why a candidate is not funded in a given plan, in plain words, and the simple fix.

Works on any plan (optimized or baseline): it rebuilds the plan's commitments in a Ledger
and checks, for the unfunded candidate, each rule in the order a person would: forced out,
cannot be scheduled, prerequisite, alternative, then money, staff and operating room at its
closest-fitting start year. The budget figures are exact for the plan as it stands: "over
budget in FY2028 by $1.2M" means $1.2M more in its eligible funds in FY2028 would let it in
alongside everything already funded.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.core.models import Portfolio
from planner.core.plans import Overrides, UnfundedItem
from planner.core.reasons import ReasonCode
from planner.core.words import fy, money
from planner.plan.ledger import Ledger, Shortfall
from planner.plan.restricted import restricted_room
from planner.plan.rules import broken_by
from planner.plan.schedule import StartOption, Window, earliest_finish, prerequisite_chain


def _name(portfolio: Portfolio, cid: str) -> str:
    cand = portfolio.candidates.get(cid)
    return f"{cid} ({cand.name})" if cand and cand.name != cid else cid


def _funds_phrase(portfolio: Portfolio, cid: str) -> str:
    funds = portfolio.eligible_funds(cid)
    if len(funds) == len(portfolio.funds):
        return "any fund"
    return ", ".join(funds)


def _years_phrase(amounts: dict[int, float], fmt) -> str:
    parts = [f"{fy(y)} by {fmt(a)}" for y, a in sorted(amounts.items())]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _shortfall_reasons(portfolio: Portfolio, cid: str,
                       short: Shortfall) -> tuple[list[str], list[ReasonCode], list[str]]:
    reasons: list[str] = []
    codes: list[ReasonCode] = []
    needs: list[str] = []
    funds = _funds_phrase(portfolio, cid)
    carry = " (or earlier, with carry-over)" if portfolio.settings.carry_over else ""
    if short.money:
        reasons.append(f"over budget in {_years_phrase(short.money, money)} in its eligible "
                       f"funds ({funds})")
        where = funds.replace(", ", " or ")
        per_year = ", ".join(f"{money(a)} in {fy(y)}" for y, a in sorted(short.money.items()))
        needs.append(f"{money(short.total_money)} more in {where}: {per_year}{carry}")
        codes.append(ReasonCode.BUDGET)
    fte = portfolio.candidates[cid].staff_fte or 0.0
    if short.staff:
        free = ", ".join(f"{fy(y)} {max(0.0, fte - extra):.3g}"
                         for y, extra in sorted(short.staff.items()))
        reasons.append(f"needs {fte:g} IT staff FTE a year while it runs, but too few are "
                       f"free (free: {free})")
        extra = sorted(short.staff.items())
        if len(extra) == 1:
            needs.append(f"{extra[0][1]:.3g} more IT staff FTE in {fy(extra[0][0])}")
        else:
            needs.append("more IT staff FTE: " + ", ".join(f"{x:.3g} in {fy(y)}"
                                                           for y, x in extra))
        codes.append(ReasonCode.STAFF)
    if short.operating > 0:
        cost = portfolio.candidates[cid].annual_operating_cost or 0.0
        reasons.append(f"its new operating cost of {money(cost)} a year exceeds the operating "
                       f"increase still available by {fy(short.operating_year)} by "
                       f"{money(short.operating)}")
        needs.append(f"{money(short.operating)} more operating increase by "
                     f"{fy(short.operating_year)}")
        codes.append(ReasonCode.OPERATING)
    return reasons, codes, needs


def _explain_one(portfolio: Portfolio, cid: str, chosen: Mapping[str, StartOption],
                 win: Window, over: Overrides, ledger: Ledger, value: float,
                 finish: Mapping[str, int | None], groups: Mapping[str, list[str]]
                 ) -> UnfundedItem:
    cand = portfolio.candidates[cid]
    if cid in over.force_out:
        return UnfundedItem(cid, ("forced out by the user",), (ReasonCode.FORCED_OUT,),
                            "remove the force-out override")
    if not win.options:
        fix = {ReasonCode.DEADLINE: "a later must-finish-by year or a shorter duration",
               ReasonCode.HORIZON: "a longer planning horizon or a shorter duration",
               ReasonCode.PIN: "a pinned start year inside its window",
               ReasonCode.FUNDS: "a budget line for one of its funding sources",
               }.get(win.code) if win.code else None
        return UnfundedItem(cid, (win.problem or "it cannot be scheduled",),
                            (win.code or ReasonCode.SCHEDULE,), fix)
    reasons: list[str] = []
    codes: list[ReasonCode] = []
    needs: list[str] = []
    options = list(win.options)
    if finish.get(cid, 0) is None and all(r in portfolio.candidates for r in cand.requires):
        chain = ", ".join(prerequisite_chain(portfolio, cid))
        return UnfundedItem(cid, (f"its prerequisites ({chain}) cannot all finish early enough "
                                  "for it to start afterwards and finish in time",),
                            (ReasonCode.PREREQUISITE_TIMING,),
                            "a later must-finish-by year or a longer horizon for it or its "
                            "prerequisites")
    for req in cand.requires:
        if req not in portfolio.candidates:
            reasons.append(f"it requires {req}, which is not among the candidates")
            codes.append(ReasonCode.PREREQUISITE)
        elif req not in chosen:
            reasons.append(f"its prerequisite {_name(portfolio, req)} is not funded")
            needs.append(f"fund its prerequisite {req} too")
            codes.append(ReasonCode.PREREQUISITE)
        else:
            end = chosen[req].end
            options = [o for o in options if o.start > end]
            if not options:
                reasons.append(f"its prerequisite {_name(portfolio, req)} finishes in "
                               f"{fy(end)}, too late for it to start afterwards and finish "
                               f"in time")
                needs.append(f"schedule {req} earlier")
                codes.append(ReasonCode.PREREQUISITE)
    group = cand.alternative_group
    if group and group in groups:
        for other in groups[group]:
            if other != cid and other in chosen:
                reasons.append(f"its alternative {_name(portfolio, other)} was chosen "
                               f"(either/or group '{group}')")
                needs.append(f"drop its alternative {other}")
                codes.append(ReasonCode.ALTERNATIVE)
    if not reasons:
        shorts = [(ledger.shortfall(cid, o), o) for o in options]
        short, best = min(shorts, key=lambda p: (len(p[0].money) + len(p[0].staff)
                                                + (p[0].operating > 0), p[0].total_money,
                                                sum(p[0].staff.values()), p[0].operating))
        if short.fits and portfolio.rules:  # a start that fits and keeps the rules, if any
            best = next((o for s, o in shorts if s.fits
                         and not broken_by(portfolio, chosen, cid, o)), best)
        ruled = broken_by(portfolio, chosen, cid, best) if portfolio.rules else []
        if short.fits and ruled:
            pass
        elif short.fits and value <= 0:
            reasons.append("its value is zero, so funding it would add nothing")
            codes.append(ReasonCode.NO_VALUE)
        elif short.fits:
            reasons.append("it would fit alongside this plan but was not chosen")
            codes.append(ReasonCode.NOT_CHOSEN)
        else:
            if len(options) > 1:
                reasons.append(f"no start year from {fy(options[0].start)} to "
                               f"{fy(options[-1].start)} fits; the closest is {fy(best.start)}")
            more, more_codes, more_needs = _shortfall_reasons(portfolio, cid, short)
            reasons += more
            codes += more_codes
            needs += more_needs
            if short.money and (note := restricted_room(portfolio, chosen, cid, best)):
                reasons.append(note)
                needs.append("a restricted fund named in its funding_sources, where that "
                             "money's rules allow it")
        if ruled:
            reasons += ruled
            codes.append(ReasonCode.BALANCE)
            needs.append("a looser balance rule, or less funded on the other side of it")
    need = "; ".join(needs) if needs else None
    return UnfundedItem(cid, tuple(reasons), tuple(dict.fromkeys(codes)), need)


def explain_unfunded(
    portfolio: Portfolio,
    chosen: Mapping[str, StartOption],
    wins: Mapping[str, Window],
    overrides: Overrides | None = None,
    values: Mapping[str, float] | None = None,
) -> tuple[UnfundedItem, ...]:
    """Reasons and simple fixes for every candidate the plan leaves out."""
    over = overrides or Overrides()
    ledger = Ledger(portfolio)
    for cid, option in chosen.items():
        ledger.add(cid, option)
    finish = earliest_finish(portfolio, dict(wins))
    groups = portfolio.alternative_groups  # built from every candidate: once, not per one
    return tuple(
        _explain_one(portfolio, cid, chosen, wins[cid], over, ledger,
                     1.0 if values is None else float(values.get(cid, 0.0)), finish, groups)
        for cid in portfolio.candidates if cid not in chosen
    )
