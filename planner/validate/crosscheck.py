"""Cross-sheet checks: references, cycles, mandatory conflicts, horizon and fund names."""

from __future__ import annotations

from planner.core.issues import IssueCode, IssueLog
from planner.core.models import Candidate, Portfolio


def _row(rows: dict[tuple[str, str], int], cid: str) -> int | None:
    return rows.get(("Candidates", cid))


def find_cycles(requires: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """Every dependency cycle (as a list of ids) among candidates, found by depth-first search."""
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in requires.get(node, ()):
            if nxt not in requires:
                continue
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in requires:
        if node not in state:
            visit(node)
    return cycles


def check_references(
    portfolio: Portfolio, rows: dict[tuple[str, str], int], title: str, log: IssueLog,
    *, rejected: dict[tuple[str, str], int] | None = None,
) -> Portfolio:
    """Resolve targets, requires, funds and groups; candidates with errors are left out.

    `rejected` holds (sheet, id) -> row of records that were read but not imported because of
    errors, so a reference to one is reported as such rather than as an unknown id.
    """
    rejected = rejected or {}
    candidates = dict(portfolio.candidates)
    known_targets = set(portfolio.systems) | set(portfolio.processes)
    known_funds = {f.casefold() for f in portfolio.funds}
    excluded: set[str] = set()

    for cid, cand in list(candidates.items()):
        row = _row(rows, cid)
        unknown = [t for t in cand.targets if t not in known_targets]
        if unknown and (portfolio.systems or portfolio.processes):
            broken = [t for t in unknown if ("Systems", t) in rejected
                      or ("Processes", t) in rejected]
            why = (f"{', '.join(broken)} had errors and were not imported" if broken else
                   f"{', '.join(unknown)} are not in Systems or Processes")
            log.warning(title, row, "targets", IssueCode.UNKNOWN_REFERENCE,
                        f"Target(s) {why}; they are ignored.", ", ".join(unknown))
            candidates[cid] = cand.model_copy(
                update={"targets": tuple(t for t in cand.targets if t in known_targets)})
        missing = [r for r in cand.requires if r not in portfolio.candidates]
        broken = [r for r in missing if ("Candidates", r) in rejected]
        if broken:
            where = ", ".join(f"{r} (row {rejected[('Candidates', r)]})" for r in broken)
            log.error(title, row, "requires", IssueCode.DEPENDS_ON_EXCLUDED,
                      f"Requires {where}, which has errors; this candidate was not imported "
                      "either.", ", ".join(broken))
            excluded.add(cid)
            missing = [r for r in missing if r not in broken]
        if missing:
            log.error(title, row, "requires", IssueCode.UNKNOWN_REFERENCE,
                      f"Requires {', '.join(missing)}, which is not a candidate; this "
                      "candidate was not imported.", ", ".join(missing))
            excluded.add(cid)
        if cand.funding_sources and known_funds:
            bad = [f for f in cand.funding_sources if f.casefold() not in known_funds]
            if bad:
                usable = len(bad) < len(cand.funding_sources)
                consequence = ("the others are used" if usable else
                               "it can draw on no fund and cannot be funded")
                log.warning(title, row, "funding_sources", IssueCode.UNKNOWN_FUND,
                            f"Fund(s) {', '.join(bad)} are not in the Budget; {consequence}.",
                            ", ".join(bad))

    for cycle in find_cycles({cid: c.requires for cid, c in candidates.items()}):
        path = " -> ".join(cycle)
        for cid in cycle[:-1]:
            if cid not in excluded:
                log.error(title, _row(rows, cid), "requires", IssueCode.DEPENDENCY_CYCLE,
                          f"Dependency cycle {path}: none of these can ever start; this "
                          "candidate was not imported.", ", ".join(candidates[cid].requires))
                excluded.add(cid)

    _mandatory_groups(candidates, excluded, rows, title, log)
    _cascade(candidates, excluded, rows, title, log)
    kept = {cid: c for cid, c in candidates.items() if cid not in excluded}
    _horizon(kept, portfolio.fiscal_years, rows, title, log)
    return portfolio.replace(candidates=kept)


def _cascade(candidates: dict[str, Candidate], excluded: set[str],
             rows: dict[tuple[str, str], int], title: str, log: IssueLog) -> None:
    changed = True
    while changed:
        changed = False
        for cid, cand in candidates.items():
            if cid in excluded:
                continue
            gone = [r for r in cand.requires if r in excluded]
            if gone:
                log.error(title, _row(rows, cid), "requires", IssueCode.DEPENDS_ON_EXCLUDED,
                          f"Requires {', '.join(gone)}, which has errors; this candidate was "
                          "not imported either.", ", ".join(gone))
                excluded.add(cid)
                changed = True


def _mandatory_groups(candidates: dict[str, Candidate], excluded: set[str],
                      rows: dict[tuple[str, str], int], title: str, log: IssueLog) -> None:
    first: dict[str, str] = {}
    for cid, cand in candidates.items():
        if cid in excluded or not cand.mandatory or not cand.alternative_group:
            continue
        group = cand.alternative_group
        if group in first:
            log.error(title, _row(rows, cid), "mandatory", IssueCode.CONFLICTING_MANDATORY,
                      f"{first[group]} and {cid} are both mandatory but share the either/or "
                      f"group '{group}', so at most one can be funded; {cid} was not "
                      "imported.", "yes")
            excluded.add(cid)
        else:
            first[group] = cid


def _horizon(candidates: dict[str, Candidate], years: list[int],
             rows: dict[tuple[str, str], int], title: str, log: IssueLog) -> None:
    if not years:
        return
    first, last = years[0], years[-1]
    span = f"FY{first}-FY{last}"
    for cid, cand in candidates.items():
        row = _row(rows, cid)
        outside = [y for y in cand.spend_profile if not first <= y <= last]
        if outside:
            log.warning(title, row, f"cost_FY{outside[0]}", IssueCode.OUTSIDE_HORIZON,
                        f"Explicit spend in FY{outside[0]} falls outside the planning years "
                        f"{span}; this candidate cannot be funded as scheduled.", outside[0])
        for column, year in (("earliest_start", cand.earliest_start),
                             ("must_finish_by", cand.must_finish_by)):
            if year is not None and not first <= year <= last:
                log.warning(title, row, column, IssueCode.OUTSIDE_HORIZON,
                            f"{column} FY{year} falls outside the planning years {span}.", year)
