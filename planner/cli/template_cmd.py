"""`planner template OUT.xlsx [--format text|json]`: a blank input workbook."""

from __future__ import annotations

import argparse

from planner.cli.inputs import add_format_argument
from planner.cli.output import print_json, write_output


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand."""
    parser = sub.add_parser("template", help="write an empty input workbook with instructions")
    parser.add_argument("out", metavar="OUT.xlsx")
    add_format_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Write the template."""
    from planner.export.template import template_bytes

    content = template_bytes()
    write_output(args.out, content)
    if args.format == "json":
        print_json({"output": str(args.out), "bytes": len(content)})
    else:
        print(f"Wrote {args.out}")
    return 0
