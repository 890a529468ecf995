"""Candidates proposed from the inventory when a city has systems, processes and budgets only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planner.core.issues import Issue, IssueCode
from planner.core.models import Approach, Candidate, Portfolio, Severity
from planner.errors import UnreadableFileError
from planner.ingest.limits import BY_FIELD, current_limits
from planner.propose.assumptions import Assumptions, read_assumptions
from planner.propose.disposition import Disposition, Support, dispose, reference_year
from planner.propose.estimates import (
    ESTIMATED_FIELDS,
    Estimate,
    estimate_process,
    estimate_system,
    process_reason,
)
from planner.propose.frames import apply_proposals_frame, frame_with_estimates, proposals_frame
from planner.validate.canonical import ESTIMATED_COLUMN, restore_estimates

NOTE_PREFIX = "Proposed by the planner: "
ID_PREFIX = "PR-"
__all__ = [
    "ESTIMATED_COLUMN", "ProposalShare", "Proposals", "add_proposals", "apply_proposals_frame",
    "ensure_candidates", "frame_with_estimates", "proposal_share", "propose_candidates",
    "proposals_frame", "restore_estimates",
]
DISPOSITION_COLUMNS = ["system_id", "name", "time_quadrant", "support", "approach", "status",
                       "mandatory", "candidate_ids", "reason"]

_NAMES = {
    Approach.RETIRE: "retire and archive its data",
    Approach.REHOST: "rehost on supported infrastructure",
    Approach.REPLATFORM: "replatform to a supported version",
    Approach.REPURCHASE: "repurchase as a SaaS product",
    Approach.REPLACE: "replace with a new system",
}


@dataclass(frozen=True)
class Proposals:
    """Proposed candidates, the per-system disposition report, and the assumptions used."""

    candidates: list[Candidate]
    dispositions: pd.DataFrame
    assumptions: Assumptions
    reasons: dict[str, str] = field(default_factory=dict)  # candidate id -> one-line reason
    issues: list[Issue] = field(default_factory=list)
    reference_year: int | None = None

    @property
    def retained(self) -> pd.DataFrame:
        """Systems kept as they are, each with its reason."""
        frame = self.dispositions
        return frame[frame["status"] == "retained"][["system_id", "name", "reason"]]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, as in the `propose` command's output."""
        candidates = []
        for cand in self.candidates:
            item: dict[str, Any] = {
                "id": cand.candidate_id, "name": cand.name, "targets": list(cand.targets),
                "approach": cand.approach.value if cand.approach else None,
                "reason": self.reasons.get(cand.candidate_id, ""),
                "mandatory": cand.mandatory, "alternative_group": cand.alternative_group,
            }
            item.update({name: getattr(cand, name) for name in ESTIMATED_FIELDS})
            item.update(cand.extra)
            item["estimated"] = sorted(cand.estimated)
            candidates.append(item)
        return {
            "reference_fiscal_year": self.reference_year,
            "candidates": candidates,
            "retained": [{"system_id": r.system_id, "reason": r.reason}
                         for r in self.retained.itertuples(index=False)],
            "dispositions": self.dispositions.to_dict(orient="records"),
            "assumptions": dict(self.assumptions.to_settings_rows()),
            "issues": [issue.as_dict() for issue in self.issues],
        }


@dataclass
class _Ids:
    """Hands out candidate ids and group labels that clash with nothing in the file."""

    taken: set[str]
    groups: set[str]

    def new(self, text: str, used: set[str]) -> str:
        label, n = text, 1
        while label in used:
            n += 1
            label = f"{text}-{n}"
        used.add(label)
        return label


def _budget_room(portfolio: Portfolio, a: Assumptions) -> dict[str, float]:
    """What mandatory proposals may still use over the horizon, per capped resource.

    Keys: capital budget ($), IT staff capacity (FTE-years), operating increase ($/yr).
    Mandatory candidates already in the file use their part first.
    """
    years = portfolio.fiscal_years
    user = [c for c in portfolio.candidates.values() if c.mandatory]
    share = a.mandatory_budget_share
    room: dict[str, float] = {}
    if portfolio.budget:
        total = sum(portfolio.capital_cap(y, f) for y in years for f in portfolio.funds)
        room["capital budget"] = share * total - sum(c.one_time_cost for c in user)
    staff = [portfolio.staff_capacity(y) for y in years]
    if any(c is not None for c in staff):
        room["IT staff capacity"] = share * sum(c or 0.0 for c in staff) - sum(
            (c.staff_fte or 0.0) * c.duration_years for c in user)
    operating = [portfolio.operating_cap(y) for y in years]
    if any(c is not None for c in operating):
        room["operating budget increase"] = share * sum(c or 0.0 for c in operating) - sum(
            c.annual_operating_cost or 0.0 for c in user)
    return room


def _usage(est: Estimate) -> dict[str, float]:
    years = max(1, -(-est.duration_months // 12))
    return {"capital budget": est.one_time_cost, "IT staff capacity": est.staff_fte * years,
            "operating budget increase": est.annual_operating_cost}


def _cheapest(options: dict[Approach, Estimate]) -> Approach:
    return min(options, key=lambda o: options[o].one_time_cost)


def _settle_mandatory(portfolio: Portfolio, a: Assumptions, first_year: int,
                      found: list[tuple[Disposition, dict[Approach, Estimate]]]) -> dict[str, str]:
    """Which mandatory systems stay mandatory: the most urgent first, within the budget share.

    Returns system id -> the suffix for its reason (kept or left to the optimizer).
    """
    room = _budget_room(portfolio, a)
    urgent = [(d, ests) for d, ests in found if d.mandatory]
    urgent.sort(key=lambda pair: (pair[0].support.state is not Support.PAST,
                                  -pair[0].ratings.criticality, -pair[0].ratings.security_risk,
                                  pair[1][_cheapest(pair[1])].one_time_cost, pair[0].system_id))
    verdicts: dict[str, str] = {}
    for disp, ests in urgent:
        pick = _cheapest(ests)
        use = _usage(ests[pick])
        why = (f"support is over or ends by FY{first_year + a.eos_near_years} and criticality "
               f"{disp.ratings.criticality} is at least {a.mandatory_criticality}")
        over = [name for name, left in room.items() if use[name] > left + 1e-9]
        if over:
            verdicts[disp.system_id] = (
                f"; would be mandatory ({why}), but mandatory items would then use more than "
                f"{a.mandatory_budget_share:.0%} of the {' and '.join(over)} over the plan, so "
                "it is left to the optimizer")
            continue
        for name in room:
            room[name] -= use[name]
        only = f"; only the lower-cost option, {pick.value}, is proposed" \
            if len(ests) > 1 else ""
        verdicts[disp.system_id] = f"; mandatory: {why}{only}"
    return verdicts


def _candidate(cid: str, name: str, target: str, approach: Approach, est: Estimate,
               reason: str, group: str | None, mandatory: bool) -> Candidate:
    return Candidate(
        candidate_id=cid, name=name, targets=(target,), approach=approach,
        **est.fields, alternative_group=group, mandatory=mandatory,
        notes=f"{NOTE_PREFIX}{reason}. Estimates (edit to override): {est.explanation}.",
        extra=dict(est.extra), estimated=est.estimated,
    )


def propose_candidates(portfolio: Portfolio, assumptions: Assumptions | None = None, *,
                       only_untargeted: bool = True) -> Proposals:
    """Propose candidates for the systems and processes of a portfolio, with reasons."""
    issues: list[Issue] = []
    if assumptions is None:
        assumptions, issues = read_assumptions(portfolio.settings)
    a = assumptions
    first_year, note = reference_year(portfolio)
    if note:
        issues.append(Issue("Settings", None, "first_fiscal_year", IssueCode.MISSING_VALUE,
                            Severity.WARNING, note))
    targeted: dict[str, list[str]] = {}
    for cid, cand in portfolio.candidates.items():
        for target in cand.targets:
            targeted.setdefault(target, []).append(cid)
    ids = _Ids(set(portfolio.candidates),
               {c.alternative_group for c in portfolio.candidates.values()
                if c.alternative_group})
    start_month = portfolio.settings.fiscal_year_start_month

    found: list[tuple[Disposition, dict[Approach, Estimate]]] = []
    for system in portfolio.systems.values():
        disp = dispose(system, a, first_year, start_month)
        ests = {o: estimate_system(system, o, disp.ratings, a) for o in disp.options}
        found.append((disp, ests))
    open_found = [(d, e) for d, e in found
                  if not (only_untargeted and d.system_id in targeted)]
    verdicts = _settle_mandatory(portfolio, a, first_year, open_found)

    candidates: list[Candidate] = []
    reasons: dict[str, str] = {}
    rows = []
    for disp, ests in found:
        system = portfolio.systems[disp.system_id]
        row = {"system_id": disp.system_id, "name": disp.name,
               "time_quadrant": disp.quadrant.value, "support": disp.support.state.value,
               "approach": disp.approach.value, "mandatory": False, "candidate_ids": "",
               "reason": disp.reason}
        if only_untargeted and disp.system_id in targeted:
            existing = ", ".join(targeted[disp.system_id])
            row.update(status="has candidates",
                       reason=f"{disp.reason}; not proposed: the file already has {existing}")
        elif not disp.options:
            row["status"] = "retained"
        else:
            suffix = verdicts.get(disp.system_id, "")
            mandatory = suffix.startswith("; mandatory")
            options = [_cheapest(ests)] if mandatory else list(disp.options)
            group = ids.new(f"{ID_PREFIX}{disp.system_id}", ids.groups) \
                if len(options) > 1 else None
            reason = disp.reason + suffix
            made = []
            for option in options:
                cid = ids.new(f"{ID_PREFIX}{disp.system_id}-{option.value}", ids.taken)
                name = f"{system.name}: {_NAMES.get(option, option.value)}"
                candidates.append(_candidate(cid, name, disp.system_id, option, ests[option],
                                             reason, group, mandatory))
                reasons[cid] = reason
                made.append(cid)
            row.update(status="proposed", approach=options[0].value, mandatory=mandatory,
                       candidate_ids="; ".join(made), reason=reason)
        rows.append(row)

    hourly = portfolio.settings.staff_hourly_cost
    for process in portfolio.processes.values():
        if only_untargeted and process.process_id in targeted:
            continue
        reason = process_reason(process, a)
        cid = ids.new(f"{ID_PREFIX}{process.process_id}-digitize", ids.taken)
        what = "online form and e-payment" if process.resident_facing else "electronic workflow"
        candidates.append(_candidate(cid, f"{process.name}: {what}", process.process_id,
                                     Approach.DIGITIZE, estimate_process(process, a, hourly),
                                     reason, None, False))
        reasons[cid] = reason
    dispositions = pd.DataFrame(rows, columns=DISPOSITION_COLUMNS)
    return Proposals(candidates, dispositions, a, reasons, issues, first_year)


def add_proposals(portfolio: Portfolio, proposals: Proposals) -> Portfolio:
    """The portfolio with the proposed candidates added and the assumptions in its Settings."""
    candidates = dict(portfolio.candidates)
    candidates.update({c.candidate_id: c for c in proposals.candidates})
    return portfolio.replace(candidates=candidates,
                             settings=proposals.assumptions.apply_to(portfolio.settings))


@dataclass(frozen=True)
class ProposalShare:
    """How much of a portfolio (and of a plan) is the planner's proposals, with estimates."""

    proposed: int  # candidates holding figures the planner estimated
    considered: int  # all candidates
    funded: int | None = None  # proposals the plan funds, when a plan is given

    @property
    def rests_on_estimates(self) -> bool:
        """True when some candidate considered is a proposal with estimated figures."""
        return self.proposed > 0

    def sentence(self) -> str:
        """"12 of the 30 projects considered are the planner's proposals, with estimated
        figures; 5 of them are funded." (empty when there are no proposals)."""
        if not self.proposed:
            return ""
        if self.proposed == self.considered:
            share = (f"All {self.considered} projects considered are" if self.proposed > 1
                     else "The only project considered is")
        else:
            verb = "are" if self.proposed > 1 else "is"
            share = f"{self.proposed} of the {self.considered} projects considered {verb}"
        noun = "the planner's proposals" if self.proposed > 1 else "the planner's proposal"
        text = f"{share} {noun}, with estimated figures"
        if self.funded is None:
            return text + "."
        if self.proposed == 1:
            return text + ("; it is funded." if self.funded else "; it is not funded.")
        return text + f"; {self.funded} of them {'is' if self.funded == 1 else 'are'} funded."

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, as in `planner plan --format json` (message null without
        proposals)."""
        return {"proposed": self.proposed, "considered": self.considered,
                "funded": self.funded, "message": self.sentence() or None}


def proposal_share(portfolio: Portfolio, funded: Iterable[str] | None = None) -> ProposalShare:
    """How many candidates are proposals with estimated figures, and how many of them are
    among the `funded` ids (when given)."""
    proposed = {cid for cid, c in portfolio.candidates.items() if c.estimated}
    count = None if funded is None else len(proposed & set(funded))
    return ProposalShare(len(proposed), len(portfolio.candidates), count)


def ensure_candidates(portfolio: Portfolio, *, propose: bool | None = None,
                      assumptions: Assumptions | None = None,
                      ) -> tuple[Portfolio, Proposals | None]:
    """Propose when there are no candidates, or when asked (then only for untargeted items)."""
    portfolio = restore_estimates(portfolio)
    wanted = portfolio.settings.propose_candidates if propose is None else propose
    if portfolio.candidates and not wanted:
        return portfolio, None
    proposals = propose_candidates(portfolio, assumptions, only_untargeted=True)
    with_proposals = add_proposals(portfolio, proposals)
    check_proposals_fit("Systems and Processes", len(portfolio.candidates),
                     len(with_proposals.candidates) - len(portfolio.candidates))
    return with_proposals, proposals


def check_proposals_fit(name: str, given: int, proposed: int) -> None:
    """Refuse proposals that would take the portfolio past the candidate limit (the one a
    Candidates sheet is held to), before anything is scored or planned."""
    limit = BY_FIELD["max_candidates"]
    allowed = current_limits().max_candidates
    if given + proposed > allowed:
        raise UnreadableFileError(
            name, f"the inventory gives {proposed:,} proposed projects, which with the "
            f"{given:,} candidates given make {given + proposed:,}; the limit is {allowed:,} "
            f"({limit.setting}). Nothing was proposed: propose for part of the inventory at "
            f"a time, or raise the limit with {limit.setting}.")
