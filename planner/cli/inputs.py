"""The input arguments every subcommand shares: FILE... and an optional --mapping profile."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from planner.cli.output import note
from planner.errors import InputError

if TYPE_CHECKING:
    from planner import Portfolio, Validated


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


def add_format_argument(parser: argparse.ArgumentParser, *extra: str) -> None:
    """Add --format text|json (and any extra formats, such as csv)."""
    parser.add_argument("--format", choices=("text", "json", *extra), default="text",
                        help="text for people (default); json for scripts: stdout then holds "
                             "exactly one document")


def load_inputs(args: argparse.Namespace) -> Validated:
    """Read and validate args.files with args.mapping when given."""
    from planner import load_paths

    return load_paths(args.files, mapping=getattr(args, "mapping", None))


def add_propose_argument(parser: argparse.ArgumentParser) -> None:
    """Add --propose: plan the planner's proposals too (never done silently in their place)."""
    parser.add_argument("--propose", action="store_true",
                        help="also propose candidates from Systems and Processes for what no "
                             "candidate targets, with estimated figures; needed to go on "
                             "with proposals when the Candidates sheet could not be read")


def load_portfolio(args: argparse.Namespace) -> tuple[Validated, Portfolio]:
    """Load the inputs and propose candidates, saying so: when asked (--propose), or when
    there is no Candidates sheet at all. A Candidates sheet none of whose rows could be read
    is never replaced by proposals unasked: the portfolio then has no candidates, and
    `no_candidates` says why."""
    from planner import ensure_candidates, unread_candidates

    loaded = load_inputs(args)
    asked = bool(getattr(args, "propose", False)) or loaded.portfolio.settings.propose_candidates
    if unread_candidates(loaded) and not asked:
        return loaded, loaded.portfolio
    portfolio, proposals = ensure_candidates(loaded.portfolio, propose=asked or None)
    if proposals is not None and proposals.candidates:
        mandatory = sum(1 for c in proposals.candidates if c.mandatory)
        note(f"note: {len(proposals.candidates)} candidates ({mandatory} mandatory) were "
             "proposed from the Systems and Processes sheets; their costs, durations and "
             "savings are estimates (see `planner propose`).")
    return loaded, portfolio


def no_candidates(loaded: Validated, step: str) -> InputError:
    """The InputError for a step with no candidates: what was found and what to do."""
    from planner import Severity, unread_candidates

    errors = loaded.log.count(Severity.ERROR)
    detail = f" ({errors} input errors; run `planner validate` for details)" if errors else \
        " (run `planner validate`)"
    message = f"There are no valid candidates to {step}{detail}."
    unread = unread_candidates(loaded)
    if unread:
        message += f" {unread} Nothing was proposed in their place"
        inventory = loaded.portfolio.systems or loaded.portfolio.processes
        message += (f": pass --propose to {step} the planner's proposals from Systems and "
                    "Processes instead, with estimated figures." if inventory else ".")
    return blocked(loaded, message)


def input_errors(loaded: Validated) -> list[dict]:
    """The loaded files' errors, as the issues of a JSON error."""
    return [issue.as_dict() for issue in loaded.log.items if issue.severity == "error"]


def blocked(loaded: Validated, message: str) -> InputError:
    """An InputError for a step the input blocks, carrying the input's errors."""
    return InputError(message, issues=input_errors(loaded))


def require_plannable(loaded: Validated, portfolio: Portfolio) -> None:
    """InputError unless there are candidates and a budget to plan them against; a warning
    on stderr when rows with errors were left out."""
    if not portfolio.candidates:
        raise no_candidates(loaded, "plan")
    if not portfolio.fiscal_years:
        raise blocked(loaded, "Planning needs a Budget sheet with capital per fiscal year "
                              "and fund.")
    warn_left_out(loaded)


def warn_left_out(loaded: Validated, where: str = "run `planner validate` for details") -> None:
    """Say on stderr how many input errors there were, when any."""
    from planner import Severity

    errors = loaded.log.count(Severity.ERROR)
    if errors:
        note(f"warning: {errors} input errors; rows with errors were left out ({where}).")


def method_name(text: str) -> str:
    """A scoring method's key from any spelling the method registry accepts."""
    from planner import ScoringError, method_key

    try:
        return method_key(text)
    except ScoringError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def preset_name(text: str) -> str:
    """A criteria preset's key, checked against the presets offered."""
    from planner import PRESETS

    key = text.strip()
    if key not in PRESETS:
        raise argparse.ArgumentTypeError(
            f"unknown preset '{text}'; choose from {', '.join(PRESETS)}")
    return key


def weighting_name(text: str) -> str:
    """A way of weighing's key (direct, ahp, rank, swing, entropy, critic) from any spelling."""
    from planner import ScoringError, weighting_key

    try:
        return weighting_key(text)
    except ScoringError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parse_weights(text: str | None) -> dict[str, float] | None:
    """'a=0.3,b=0.2' (commas or semicolons) as {criterion: weight}; ScoringError if malformed."""
    import re

    from planner import ScoringError

    if not text:
        return None
    out: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in re.split(r"[,;]", text))):
        name, sep, value = part.rpartition("=")
        if not sep or not name.strip():
            raise ScoringError(f"Write each weight as name=number; could not read '{part}'.")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            raise ScoringError(f"The weight for '{name.strip()}' is not a number: "
                               f"'{value.strip()}'.") from None
    return out


def with_weighting(portfolio: Portfolio, args: argparse.Namespace) -> Portfolio:
    """The portfolio with --weighting written into its Settings (so the plan, the workbook
    and a re-import all weigh the same way)."""
    mode = getattr(args, "weighting", None)
    if not mode:
        return portfolio
    return portfolio.replace(settings=portfolio.settings.model_copy(update={"weighting": mode}))


def add_scoring_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --method, --preset, --weighting and --weights."""
    parser.add_argument("--method", type=method_name, metavar="METHOD",
                        help="scoring method, e.g. wsm or topsis; an unknown name lists them all "
                             "(default: the Settings "
                             "sheet's, else wsm)")
    parser.add_argument("--preset", type=preset_name, metavar="PRESET",
                        help="criteria preset (overrides the Criteria sheet); an unknown name "
                             "lists the presets")
    parser.add_argument("--weighting", type=weighting_name, metavar="MODE",
                        help="how to weigh the criteria: direct, ahp (Pairwise sheet), rank "
                             "(Criteria rank column), swing (Criteria swing column), entropy "
                             "or critic (from the data); default: the Settings sheet's")
    parser.add_argument("--weights", metavar="NAME=W,...",
                        help="set weights by criterion by hand, e.g. 'Legacy risk=0.4,"
                             "Payback=0.1' (the others keep theirs)")
