"""`planner export FILE... -o roadmap.xlsx [--method] [--preset] [--format text|json]`.

Scores and plans the input as `planner plan` does and writes the council workbook. Exit 0
when written; 1 when the input blocks planning or no plan satisfies the hard constraints;
2 when a file cannot be read.
"""

from __future__ import annotations

import argparse

from planner.cli.inputs import (
    add_format_argument,
    add_input_arguments,
    add_propose_argument,
    add_scoring_arguments,
    load_portfolio,
    parse_weights,
    require_plannable,
    with_weighting,
)
from planner.cli.output import note, print_json, write_output
from planner.errors import InfeasiblePlanError


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand."""
    parser = sub.add_parser("export", help="write the council roadmap workbook (.xlsx)")
    add_input_arguments(parser)
    parser.add_argument("-o", "--output", required=True, metavar="ROADMAP.xlsx",
                        help="where to write the workbook")
    add_scoring_arguments(parser)
    add_propose_argument(parser)
    parser.add_argument("--scenario", help="scenario name shown on every page "
                                           "(default: the Settings sheet's)")
    parser.add_argument("--no-frontier", action="store_true",
                        help="skip the budget frontier (faster)")
    add_format_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Score, plan and write the workbook; exit 1 when no plan satisfies the rules."""
    from planner import Overrides, council_workbook, plan_portfolio

    loaded, portfolio = load_portfolio(args)
    require_plannable(loaded, portfolio)
    weights = parse_weights(args.weights)
    portfolio = with_weighting(portfolio, args)
    overrides = Overrides.from_settings(portfolio.settings)  # as a council workbook records
    roadmap = plan_portfolio(portfolio, method=args.method, preset=args.preset, weights=weights,
                             overrides=overrides, frontier=not args.no_frontier)
    plan = roadmap.plan
    if plan.is_infeasible:
        raise InfeasiblePlanError(plan.message, plan.reasons)
    content = council_workbook(roadmap, loaded, args.scenario)
    write_output(args.output, content)
    summary = (f"Wrote {args.output}: {len(plan.funded)} of {len(portfolio.candidates)} "
               f"projects funded ({plan.status.value}).")
    if args.format == "json":
        note(summary)
        print_json({"output": str(args.output), "status": plan.status.value,
                    "funded": len(plan.funded), "candidates": len(portfolio.candidates),
                    "bytes": len(content)})
    else:
        print(summary)
    return 0
