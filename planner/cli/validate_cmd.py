"""`planner validate FILE... [--mapping P.json] [--save-mapping P.json] [--format text|json]`."""

from __future__ import annotations

import argparse

from planner.cli.inputs import add_format_argument, add_input_arguments, input_errors, load_inputs
from planner.cli.output import note, print_json, print_table, write_output


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand."""
    parser = sub.add_parser("validate", help="check input files and report every problem")
    add_input_arguments(parser)
    parser.add_argument("--save-mapping", metavar="PROFILE.json",
                        help="write the mapping used to a profile that reads next year's file "
                             "the same way")
    add_format_argument(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Print the report; exit 1 when any error was found."""
    from planner.core.models import Severity

    result = load_inputs(args)
    if args.save_mapping:
        write_output(args.save_mapping, result.profile.to_json())
        note(f"Mapping saved to {args.save_mapping}")
    log = result.log
    errors = log.count(Severity.ERROR)
    if args.format == "json":
        report = {
            "counts": result.counts,
            "mapping": result.mapping,
            "suggestions": {sheet: [s.as_dict() for s in items]
                            for sheet, items in result.suggestions.items()},
            "issues": [issue.as_dict() for issue in log.items],
        }
        if errors:
            report["error"] = {"code": "input-error",
                               "message": f"The input has {errors} errors.",
                               "issues": input_errors(result)}
        print_json(report)
        return 1 if errors else 0
    for sheet, count in result.counts.items():
        print(f"{sheet}: {count} rows read")
    for sheet, columns in result.mapping.items():
        pairs = ", ".join(f"{source} -> {target}" for source, target in columns.items()
                          if source != target)
        if pairs:
            print(f"  {sheet} columns read as: {pairs}")
    print(f"{errors} errors, {log.count(Severity.WARNING)} warnings, "
          f"{log.count(Severity.INFO)} notes")
    shown = result.issues[result.issues["severity"] != "info"].sort_values(
        ["sheet", "row"], kind="stable", na_position="first")
    if not shown.empty:
        print_table(shown[["sheet", "row", "column", "severity", "code", "message"]])
    return 1 if errors else 0
