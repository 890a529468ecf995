"""The input arguments every subcommand shares: FILE... and an optional --mapping profile."""

from __future__ import annotations

import argparse

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
