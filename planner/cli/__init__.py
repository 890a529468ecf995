"""The `planner` command line: one module per subcommand, each with `add_parser` and `run`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from planner import __version__
from planner.errors import PlannerError

COMMANDS = ("template", "validate", "score", "propose", "plan", "export")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Legacy modernization portfolio planner: validate, score, plan, export.",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"planner.cli.{name}_cmd")
        except ModuleNotFoundError as exc:
            if exc.name != f"planner.cli.{name}_cmd":
                raise
            continue
        command = module.add_parser(sub)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 input errors, 2 unreadable)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except PlannerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
