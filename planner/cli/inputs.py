"""The input arguments every subcommand shares: FILE... and an optional --mapping profile."""

from __future__ import annotations

import argparse
import sys

from planner.models import Portfolio
from planner.propose import ensure_candidates
from planner.service import load_paths
from planner.validate import Validated


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Add FILE... and --mapping PROFILE.json to a subcommand's parser."""
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help=".xlsx workbook, .csv files, or a .zip of .csv files")
    add_mapping_argument(parser)


def add_mapping_argument(parser: argparse.ArgumentParser) -> None:
    """Add only --mapping PROFILE.json (for parsers that declare FILE themselves)."""
    parser.add_argument("--mapping", metavar="PROFILE.json",
                        help="a saved mapping profile (from `planner validate --save-mapping`) "
                             "saying which sheet and column is which")


def load_inputs(args: argparse.Namespace) -> Validated:
    """Read and validate args.files with args.mapping when given."""
    return load_paths(args.files, mapping=getattr(args, "mapping", None))


def load_portfolio(args: argparse.Namespace) -> tuple[Validated, Portfolio]:
    """Load the inputs and, when there is no Candidates sheet, propose candidates (saying so)."""
    loaded = load_inputs(args)
    portfolio, proposals = ensure_candidates(loaded.portfolio)
    if proposals is not None:
        mandatory = sum(1 for c in proposals.candidates if c.mandatory)
        print(f"note: {len(proposals.candidates)} candidates ({mandatory} mandatory) were "
              "proposed from the Systems and Processes sheets; their costs, durations and "
              "savings are estimates (see `planner propose`).", file=sys.stderr)
    return loaded, portfolio
