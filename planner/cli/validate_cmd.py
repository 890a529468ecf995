"""`planner validate FILE... [--mapping P.json] [--save-mapping P.json] [--format text|json]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.cli.inputs import add_input_arguments, load_inputs
from planner.cli.output import print_json, print_table
from planner.models import Severity


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand."""
    parser = sub.add_parser("validate", help="check input files and report every problem")
    add_input_arguments(parser)
    parser.add_argument("--save-mapping", metavar="PROFILE.json",
                        help="write the mapping used to a profile that reads next year's file "
                             "the same way")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def run(args: argparse.Namespace) -> int:
    """Print the report; exit 1 when any error was found."""
    result = load_inputs(args)
    if args.save_mapping:
        Path(args.save_mapping).write_text(result.profile.to_json(), encoding="utf-8")
    if args.format == "json":
        print_json({
            "counts": result.counts,
            "mapping": result.mapping,
            "suggestions": {sheet: [s.as_dict() for s in items]
                            for sheet, items in result.suggestions.items()},
            "issues": [issue.as_dict() for issue in result.log.items],
        })
        return 1 if result.log.has_errors else 0
    for sheet, count in result.counts.items():
        print(f"{sheet}: {count} rows read")
    for sheet, columns in result.mapping.items():
        pairs = ", ".join(f"{source} -> {target}" for source, target in columns.items()
                          if source != target)
        if pairs:
            print(f"  {sheet} columns read as: {pairs}")
    log = result.log
    print(f"{log.count(Severity.ERROR)} errors, {log.count(Severity.WARNING)} warnings, "
          f"{log.count(Severity.INFO)} notes")
    shown = result.issues[result.issues["severity"] != "info"].sort_values(
        ["sheet", "row"], kind="stable", na_position="first")
    if not shown.empty:
        print_table(shown[["sheet", "row", "column", "severity", "code", "message"]])
    if args.save_mapping:
        print(f"Mapping saved to {args.save_mapping}")
    return 1 if log.has_errors else 0
