"""`planner score FILE... [--method] [--preset] [--weights a=0.3,b=0.2] [--format]`."""

from __future__ import annotations

import argparse
import csv
import re
import sys
from typing import TYPE_CHECKING

from planner.cli.inputs import (
    add_format_argument,
    add_input_arguments,
    add_propose_argument,
    add_scoring_arguments,
    load_portfolio,
    no_candidates,
    warn_left_out,
)
from planner.cli.output import print_json, print_table
from planner.errors import ScoringError

if TYPE_CHECKING:
    from planner.score.scoring import ScoreResult

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand."""
    parser = sub.add_parser("score", help="score and rank the candidates (MCDA)")
    add_input_arguments(parser)
    add_scoring_arguments(parser)
    add_propose_argument(parser)
    parser.add_argument("--weights", metavar="NAME=W,...",
                        help="override weights by criterion, e.g. 'Legacy risk=0.4,Payback=0.1'")
    add_format_argument(parser, "csv")
    return parser


def parse_weights(text: str | None) -> dict[str, float] | None:
    """'a=0.3,b=0.2' (commas or semicolons) as {criterion: weight}; ScoringError if malformed."""
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


def _safe(text: object) -> str:
    value = "" if text is None else str(text)
    return "'" + value if value.startswith(FORMULA_START) else value


def _print_csv(result: ScoreResult, names: dict[str, str]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    criteria = list(result.contributions.columns)
    writer.writerow(["candidate_id", "name", "rank", "score", "value", "tied",
                     *[_safe(c) for c in criteria]])
    for cid, row in result.ranking().iterrows():
        writer.writerow([_safe(cid), _safe(names.get(str(cid), "")), int(row["rank"]),
                         f"{row['score']:.6f}", f"{row['value']:.6f}", bool(row["tied"]),
                         *[f"{row[c]:.6f}" for c in criteria]])


def _print_text(result: ScoreResult, names: dict[str, str]) -> None:
    import pandas as pd

    from planner.score.methods import method

    print(f"Method: {result.method} - {method(result.method).description}")
    print(f"Normalization: {result.normalization}.")
    print(result.score_note)
    if result.consistency_ratio is not None:
        print(f"AHP consistency ratio: {result.consistency_ratio:.3f}")
    print("Weights: " + ", ".join(f"{k} {v:.0%}" for k, v in result.weights.items()))
    for note in result.notes:
        print(f"Note: {note}")
    table = result.ranking().reset_index()
    table.insert(2, "name", [names.get(str(c), "")[:40] for c in table["candidate_id"]])
    table = table[["rank", *table.columns.drop("rank")]].drop(columns=["value"]).round(3)
    table["tied"] = table["tied"].map({True: "tie", False: ""})
    print()
    print_table(pd.DataFrame(table), title=None)


def run(args: argparse.Namespace) -> int:
    """Print the ranking; exit 1 when nothing can be scored."""
    from planner.score.scoring import score_portfolio

    weights = parse_weights(args.weights)
    loaded, portfolio = load_portfolio(args)
    if not portfolio.candidates:
        raise no_candidates(loaded, "score")
    warn_left_out(loaded)
    result = score_portfolio(portfolio, method=args.method, preset=args.preset,
                             weights=weights)
    names = {cid: c.name for cid, c in portfolio.candidates.items()}
    if args.format == "json":
        data = result.as_dict()
        for item in data["candidates"]:
            item["name"] = names.get(item["id"], "")
        print_json(data)
    elif args.format == "csv":
        _print_csv(result, names)
    else:
        _print_text(result, names)
    return 0
