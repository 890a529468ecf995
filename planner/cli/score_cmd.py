"""`planner score FILE... [--method] [--preset] [--weighting MODE] [--weights a=0.3,b=0.2]
[--compare] [--format]`."""

from __future__ import annotations

import argparse
import csv
import sys
from typing import TYPE_CHECKING

from planner.cli.inputs import (
    add_format_argument,
    add_input_arguments,
    add_propose_argument,
    add_scoring_arguments,
    load_portfolio,
    no_candidates,
    parse_weights,
    warn_left_out,
    with_weighting,
)
from planner.cli.output import print_json, print_table

if TYPE_CHECKING:
    from planner.score.scoring import ScoreResult

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand."""
    parser = sub.add_parser("score", help="score and rank the candidates (MCDA)")
    add_input_arguments(parser)
    add_scoring_arguments(parser)
    add_propose_argument(parser)
    parser.add_argument("--compare", action="store_true",
                        help="also rank with every method (WSM, WPM, TOPSIS, VIKOR) and show "
                             "Kendall's tau between their rankings")
    add_format_argument(parser, "csv")
    return parser


def _safe(text: object) -> str:
    value = "" if text is None else str(text)
    return "'" + value if value.startswith(FORMULA_START) else value


def _print_csv(result: ScoreResult, names: dict[str, str], comparison=None) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    criteria = list(result.contributions.columns)
    methods = list(comparison.ranks.columns) if comparison is not None else []
    writer.writerow(["candidate_id", "name", "rank", "score", "value", "tied",
                     *[_safe(c) for c in criteria], *[f"rank_{m}" for m in methods]])
    for cid, row in result.ranking().iterrows():
        others = [int(comparison.ranks.loc[cid, m]) for m in methods]
        writer.writerow([_safe(cid), _safe(names.get(str(cid), "")), int(row["rank"]),
                         f"{row['score']:.6f}", f"{row['value']:.6f}", bool(row["tied"]),
                         *[f"{row[c]:.6f}" for c in criteria], *others])


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
    from planner import compare_scores
    from planner.score.scoring import score_portfolio

    weights = parse_weights(args.weights)
    loaded, portfolio = load_portfolio(args)
    if not portfolio.candidates:
        raise no_candidates(loaded, "score")
    warn_left_out(loaded)
    portfolio = with_weighting(portfolio, args)
    result = score_portfolio(portfolio, method=args.method, preset=args.preset,
                             weights=weights)
    comparison = compare_scores(result) if args.compare else None
    names = {cid: c.name for cid, c in portfolio.candidates.items()}
    if args.format == "json":
        data = result.as_dict()
        data["weighting"] = result.extra["weighting"].as_dict()
        for item in data["candidates"]:
            item["name"] = names.get(item["id"], "")
        if comparison is not None:
            data["comparison"] = comparison.as_dict()
        print_json(data)
    elif args.format == "csv":
        _print_csv(result, names, comparison)
    else:
        _print_text(result, names)
        if comparison is not None:
            _print_comparison(comparison)
    return 0


def _print_comparison(comparison) -> None:
    import pandas as pd

    print()
    ranks = comparison.ranks.sort_values(list(comparison.ranks.columns)[:1]).reset_index()
    ranks.columns = ["candidate_id", *[str(m).upper() for m in comparison.ranks.columns]]
    print_table(pd.DataFrame(ranks), title="Rank under each method (1 = best):")
    print()
    tau = comparison.kendall_tau.round(3)
    tau.index = [str(m).upper() for m in tau.index]
    tau.columns = [str(m).upper() for m in tau.columns]
    print_table(tau.reset_index(names="method"),
                title="Agreement between methods (Kendall's tau, 1 = same order):")
    for method, why in comparison.failed.items():
        print(f"Note: {method.upper()} could not rank: {why}")
