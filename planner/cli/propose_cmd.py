"""`planner propose FILE... [-o OUT.xlsx] [--format text|json]`: candidates from the inventory."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from planner.cli.inputs import add_format_argument, add_input_arguments, load_inputs
from planner.cli.output import note, print_json, print_table, write_output
from planner.core.words import fy, money_full
from planner.errors import InputError

if TYPE_CHECKING:
    from planner.propose.proposals import Proposals


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand."""
    parser = sub.add_parser(
        "propose", help="propose candidates from Systems and Processes, with editable estimates")
    add_input_arguments(parser)
    parser.add_argument("-o", "--output", metavar="OUT.xlsx",
                        help="write the portfolio with the proposals added, ready to edit")
    add_format_argument(parser)
    parser.add_argument("--include-targeted", action="store_true",
                        help="also propose for systems and processes a candidate already targets")
    return parser


def print_text(proposals: Proposals) -> None:
    """A readable summary: the candidates, why, and what was retained."""
    import pandas as pd

    cands = proposals.candidates
    mandatory = sum(c.mandatory for c in cands)
    print(f"{len(cands)} candidates proposed ({mandatory} mandatory); end of support judged "
          f"against {fy(proposals.reference_year)}. Every value below is an estimate.")
    table = pd.DataFrame([{
        "id": c.candidate_id, "targets": ", ".join(c.targets),
        "approach": c.approach.value if c.approach else "",
        "mandatory": "yes" if c.mandatory else "", "either/or": c.alternative_group or "",
        "one_time_cost": money_full(c.one_time_cost), "months": c.duration_months,
        "operating/yr": money_full(c.annual_operating_cost),
        "savings/yr": money_full(c.annual_savings),
    } for c in cands])
    print_table(table)
    print("\nWhy:")
    seen: set[str] = set()
    for c in cands:
        target = ", ".join(c.targets)
        if target not in seen:
            seen.add(target)
            print(f"  {target}: {proposals.reasons.get(c.candidate_id, '')}")
    print("\nRetained (no candidate proposed):")
    for row in proposals.retained.itertuples(index=False):
        print(f"  {row.system_id} {row.name}: {row.reason}")
    if proposals.retained.empty:
        print("  (none)")
    changed = proposals.assumptions.changed()
    print()
    print("Assumptions: " + (", ".join(f"{k}={v}" for k, v in changed.items()) if changed
                             else "all defaults") + " (see the Settings sheet with -o)")
    for issue in proposals.issues:
        note(f"note: {issue.message}")


def run(args: argparse.Namespace) -> int:
    """Propose, print, and optionally write the workbook."""
    from planner.export.proposals import proposals_workbook
    from planner.propose.proposals import add_proposals, propose_candidates, restore_estimates

    result = load_inputs(args)
    if result.log.has_errors:
        note("note: the input has errors; rows with errors were left out (see planner "
             "validate).")
    portfolio = restore_estimates(result.portfolio)
    if not portfolio.systems and not portfolio.processes:
        raise InputError("Nothing to propose from: the files have no Systems or Processes rows.")
    proposals = propose_candidates(portfolio, only_untargeted=not args.include_targeted)
    if args.output:
        # Written before printing, so a closed pipe on stdout cannot lose the workbook.
        write_output(args.output, proposals_workbook(add_proposals(portfolio, proposals),
                                                     proposals, issues=result.issues))
        note(f"Wrote {args.output}")
    if args.format == "json":
        print_json(proposals.as_dict())
    else:
        print_text(proposals)
    return 0
