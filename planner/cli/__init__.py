"""The `planner` command line: one module per subcommand, each with `add_parser` and `run`.

Start-up stays light: the subcommand modules import only `argparse` at module level and
load the engine inside `run`, so `planner --version` or a parse error never pays for
pandas, SciPy or HiGHS.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from planner import __version__
from planner.errors import PlannerError, UsageError

COMMANDS = ("template", "validate", "score", "propose", "plan", "export", "brief",
            "workspace", "scenario")


class ArgumentParser(argparse.ArgumentParser):
    """An argument parser that raises `UsageError` instead of exiting, so that a bad call
    in JSON mode still gets a JSON error on stdout."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = ArgumentParser(
        prog="planner",
        description="Legacy modernization portfolio planner: validate, score, plan, export.",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"planner.cli.{name}_cmd")
        command = module.add_parser(sub)
        command.set_defaults(handler=module.run)
    return parser


def wants_json(argv: Sequence[str]) -> bool:
    """Whether the arguments ask for JSON output (read before parsing, for usage errors)."""
    items = list(argv)
    for i, item in enumerate(items):
        if item == "--format" and i + 1 < len(items):
            return items[i + 1] == "json"
        if item.startswith("--format="):
            return item.split("=", 1)[1] == "json"
    return False


def error_document(exc: PlannerError) -> dict:
    """The one JSON document a failed command prints in JSON mode."""
    return {"error": {"code": exc.code, "message": str(exc), "issues": exc.issues}}


SHOWN_ISSUES = 20  # a text-mode error lists at most this many of its issues


def _report(exc: PlannerError, as_json: bool) -> int:
    print(f"error: {exc}", file=sys.stderr)
    for issue in exc.issues[:SHOWN_ISSUES]:
        where = ", ".join(f"{k} {issue[k]}" for k in ("sheet", "row", "column") if issue.get(k))
        print(f"  - {where + ': ' if where else ''}{issue.get('message', '')}", file=sys.stderr)
    if len(exc.issues) > SHOWN_ISSUES:
        print(f"  ... and {len(exc.issues) - SHOWN_ISSUES} more", file=sys.stderr)
    if as_json:
        from planner.cli.output import print_json

        print_json(error_document(exc))
    return exc.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 input errors, 2 unreadable).

    Control and text-direction characters from the files never reach the terminal raw
    (planner.cli.output.TerminalSafe)."""
    from planner.cli.output import terminal_safe_streams

    with terminal_safe_streams():
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = wants_json(argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        if not as_json:
            parser.print_usage(sys.stderr)
        return _report(exc, as_json)
    as_json = getattr(args, "format", "text") == "json"
    try:
        return int(args.handler(args) or 0)
    except PlannerError as exc:
        return _report(exc, as_json)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a defect: still one JSON document for the scripts reading it
        if not as_json:
            raise
        traceback.print_exc()
        defect = PlannerError(f"internal error ({type(exc).__name__}: {exc})")
        defect.code = "internal-error"
        return _report(defect, True)
