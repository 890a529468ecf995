"""`planner brief FILE... -o brief.pdf [--scenario] [--format text|json]`.

Scores and plans the input as `planner plan` does (the same --mapping, --method, --preset,
--weighting, --weights, --force-in, --force-out and --pin) and writes the council brief: a
tagged PDF/UA-1 document of two to four pages. Exit 0 when written; 1 when the input blocks
planning or no plan satisfies the rules; 2 when a file cannot be read or the brief cannot be
written.
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
    parser = sub.add_parser("brief", help="write the council brief (an accessible PDF of two "
                                          "to four pages)")
    add_input_arguments(parser)
    parser.add_argument("-o", "--output", required=True, metavar="BRIEF.pdf",
                        help="where to write the brief")
    add_scoring_arguments(parser)
    add_propose_argument(parser)
    parser.add_argument("--force-in", metavar="ID,...", help="candidates that must be funded")
    parser.add_argument("--force-out", metavar="ID,...", help="candidates never to fund")
    parser.add_argument("--pin", metavar="ID=YEAR,...",
                        help="fund these candidates starting in the given fiscal year")
    parser.add_argument("--scenario", help="scenario name on the cover "
                                           "(default: the Settings sheet's)")
    parser.add_argument("--no-frontier", action="store_true",
                        help="skip the budget frontier, and so what more or less money "
                             "would change (faster)")
    add_format_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Score, plan and write the brief; exit 1 when no plan satisfies the rules."""
    from planner import council_brief, plan_portfolio
    from planner.cli.plan_cmd import parse_overrides

    loaded, portfolio = load_portfolio(args)
    require_plannable(loaded, portfolio)
    weights = parse_weights(args.weights)
    portfolio = with_weighting(portfolio, args)
    overrides = parse_overrides(args, portfolio.settings)
    roadmap = plan_portfolio(portfolio, method=args.method, preset=args.preset, weights=weights,
                             overrides=overrides, frontier=not args.no_frontier)
    plan = roadmap.plan
    if plan.is_infeasible:
        raise InfeasiblePlanError(plan.message, plan.reasons)
    brief = council_brief(roadmap.portfolio, roadmap.result, roadmap.scores,
                          scenario=args.scenario)
    write_output(args.output, brief.pdf)
    summary = (f"Wrote {args.output}: the council brief of {portfolio.settings.city}, "
               f"{brief.pages} pages (tagged PDF/UA-1); {len(plan.funded)} of "
               f"{len(portfolio.candidates)} projects funded.")
    if args.format == "json":
        note(summary)
        print_json({"output": str(args.output), "status": plan.status.value,
                    "funded": len(plan.funded), "candidates": len(portfolio.candidates),
                    **brief.as_dict()})
    else:
        print(summary)
    return 0
