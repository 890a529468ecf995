"""`planner template OUT.xlsx`: a blank input workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.template import template_bytes


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand."""
    parser = sub.add_parser("template", help="write an empty input workbook with instructions")
    parser.add_argument("out", metavar="OUT.xlsx")
    return parser


def run(args: argparse.Namespace) -> int:
    """Write the template."""
    Path(args.out).write_bytes(template_bytes())
    print(f"Wrote {args.out}")
    return 0
