"""`planner export FILE... -o roadmap.xlsx [--method] [--preset]`: the council workbook.

Scores and plans the input as `planner plan` does and writes the roadmap workbook. Exit 0
when written; 1 when the input blocks planning or no plan satisfies the hard constraints;
2 when a file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planner.cli.inputs import add_input_arguments, load_portfolio
from planner.criteria import PRESETS
from planner.errors import InputError
from planner.export import export_workbook
from planner.mcda import METHODS
from planner.models import Severity
from planner.plan import Overrides
from planner.roadmap import run_plan
from planner.scoring import score_portfolio


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand."""
    parser = sub.add_parser("export", help="write the council roadmap workbook (.xlsx)")
    add_input_arguments(parser)
    parser.add_argument("-o", "--output", required=True, metavar="ROADMAP.xlsx",
                        help="where to write the workbook")
    parser.add_argument("--method", choices=list(METHODS),
                        help="scoring method (default: the Settings sheet's, else wsm)")
    parser.add_argument("--preset", choices=list(PRESETS),
                        help="criteria preset (overrides the Criteria sheet)")
    parser.add_argument("--scenario", help="scenario name shown on every page "
                                           "(default: the Settings sheet's)")
    parser.add_argument("--no-frontier", action="store_true",
                        help="skip the budget frontier (faster)")
    return parser


def run(args: argparse.Namespace) -> int:
    """Score, plan and write the workbook; exit 1 when no plan satisfies the rules."""
    loaded, portfolio = load_portfolio(args)
    if not portfolio.candidates:
        raise InputError("There are no valid candidates to plan (run `planner validate`).")
    if not portfolio.fiscal_years:
        raise InputError("Planning needs a Budget sheet with capital per fiscal year and fund.")
    errors = loaded.log.count(Severity.ERROR)
    if errors:
        print(f"warning: {errors} input errors; rows with errors were left out and are "
              "listed on the Data Issues sheet.", file=sys.stderr)
    scores = score_portfolio(portfolio, method=args.method, preset=args.preset)
    overrides = Overrides.from_settings(portfolio.settings)  # as a council workbook records
    result = run_plan(portfolio, scores.value, overrides=overrides,
                      frontier=not args.no_frontier)
    plan = result.optimized
    if plan.is_infeasible:
        print(f"No plan satisfies every rule: {plan.message}", file=sys.stderr)
        for reason in plan.reasons:
            print(f"  - {reason}", file=sys.stderr)
        return 1
    content = export_workbook(portfolio, result, scores=scores, validated=loaded,
                              scenario=args.scenario, overrides=overrides)
    Path(args.output).write_bytes(content)
    print(f"Wrote {args.output}: {len(plan.funded)} of {len(portfolio.candidates)} projects "
          f"funded ({plan.status.value}).")
    return 0
