"""`planner validate FILE... [--format text|json]`: the import report."""

from __future__ import annotations

import argparse

from planner.cli.output import print_json, print_table
from planner.models import Severity
from planner.service import load_paths


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand."""
    parser = sub.add_parser("validate", help="check input files and report every problem")
    parser.add_argument("files", nargs="+", metavar="FILE", help=".xlsx workbook or .csv files")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def run(args: argparse.Namespace) -> int:
    """Print the report; exit 1 when any error was found."""
    result = load_paths(args.files)
    if args.format == "json":
        print_json({
            "counts": result.counts,
            "mapping": result.mapping,
            "issues": [issue.as_dict() for issue in result.log.items],
        })
    else:
        for sheet, count in result.counts.items():
            print(f"{sheet}: {count} rows read")
        log = result.log
        print(f"{log.count(Severity.ERROR)} errors, {log.count(Severity.WARNING)} warnings, "
              f"{log.count(Severity.INFO)} notes")
        shown = result.issues[result.issues["severity"] != "info"]
        if not shown.empty:
            print_table(shown[["sheet", "row", "column", "severity", "code", "message"]])
    return 1 if result.log.has_errors else 0
