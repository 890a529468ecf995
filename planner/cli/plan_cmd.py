"""`planner plan FILE... [-o roadmap.xlsx] [--time-limit S] [--gap G] [--format text|json]`.

Exit 0 with a plan; 1 when the input blocks planning or no plan satisfies the hard
constraints (the reasons are printed, and in JSON the status is "infeasible"); 2 when a
file cannot be read.
"""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING, Any

from planner.cli.inputs import (
    add_format_argument,
    add_input_arguments,
    add_propose_argument,
    add_scoring_arguments,
    load_portfolio,
    parse_weights,
    require_plannable,
    with_weighting,
)
from planner.cli.output import clean_figure, note, print_json, print_table, write_output
from planner.errors import reason_issue

if TYPE_CHECKING:
    import pandas as pd

    from planner import Overrides, Plan, PlanResult, Portfolio

LABELS = {"rank_and_cut": "rank and cut", "greedy": "value-per-dollar greedy"}


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return value


def _share(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1 (0.001 = 0.1%)")
    return value


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand."""
    parser = sub.add_parser("plan", help="optimize the roadmap and compare it with rank-and-cut")
    add_input_arguments(parser)
    parser.add_argument("-o", "--output", metavar="ROADMAP.xlsx",
                        help="also write the council roadmap workbook")
    parser.add_argument("--time-limit", type=_positive, metavar="S",
                        help="a wall-clock limit in seconds for the plan's solve; without it the "
                             "solve stops at its gap or a fixed amount of work, so every run "
                             "gives the same plan")
    parser.add_argument("--gap", type=_share, metavar="G",
                        help="relative optimality gap to stop at (default: Settings, else 0.001)")
    add_scoring_arguments(parser)
    add_propose_argument(parser)
    parser.add_argument("--force-in", metavar="ID,...", help="candidates that must be funded")
    parser.add_argument("--force-out", metavar="ID,...", help="candidates never to fund")
    parser.add_argument("--pin", metavar="ID=YEAR,...",
                        help="fund these candidates starting in the given fiscal year")
    parser.add_argument("--explain-seconds", type=_positive, default=None, metavar="S",
                        help=argparse.SUPPRESS)  # deprecated: accepted from older scripts
    # with a note; the 'value it would need' re-solves stop at a fixed amount of work
    parser.add_argument("--no-explain", action="store_true",
                        help="skip the 'value it would need' re-solves")
    parser.add_argument("--no-frontier", action="store_true",
                        help="skip the budget frontier (50%%-200%% of the caps)")
    parser.add_argument("--robustness", type=int, metavar="N",
                        help="re-optimize for N weight samples and report each candidate's "
                             "chance of staying funded")
    parser.add_argument("--seed", type=int, default=0, help="seed for --robustness (default 0)")
    parser.add_argument("--spread", type=float, default=0.3, metavar="X",
                        help="how far --robustness lets weights vary (default 0.3: about 30%%)")
    add_format_argument(parser)
    return parser


def parse_overrides(args: argparse.Namespace, settings: Any = None) -> Overrides:
    """The Settings sheet's overrides plus --force-in, --force-out and --pin (which win on a
    pinned start); InputError when malformed."""
    from planner import Overrides

    given = Overrides.from_text(args.force_in, args.force_out, args.pin)
    recorded = Overrides.from_settings(settings) if settings is not None else Overrides()
    return recorded.merged(given)


def _settings(portfolio: Portfolio, args: argparse.Namespace) -> Portfolio:
    update = {}
    if args.time_limit is not None:
        update["solver_time_limit_s"] = args.time_limit
    if args.gap is not None:
        update["mip_gap"] = args.gap
    if not update:
        return portfolio
    return portfolio.replace(settings=portfolio.settings.model_copy(update=update))


def _gap_text(gap: float | None) -> str:
    if gap is None or (isinstance(gap, float) and math.isnan(gap)):
        return ""
    return "<0.01%" if 0 < gap < 1e-4 else f"{gap:.2%}"


def _print_plan_summary(result: PlanResult, portfolio: Portfolio) -> None:
    plan = result.optimized
    from planner import proposal_share

    print(f"Plan for {portfolio.settings.city} - {portfolio.settings.scenario_name}")
    share = proposal_share(portfolio, None if plan.is_infeasible else plan.funded_ids)
    if share.rests_on_estimates:
        print(f"Rests on estimates: {share.sentence()}")
    print(f"Status: {plan.status.value}. {plan.message}")
    if plan.is_infeasible:
        for reason in plan.reasons:
            print(f"  - {reason}")
        return
    gap = "n/a" if plan.gap is None else _gap_text(plan.gap)
    bound = "n/a" if plan.bound is None else f"{clean_figure(plan.bound):,.4g}"
    print(f"Value captured: {clean_figure(plan.objective):,.4g} (bound {bound}, gap {gap}) in "
          f"{plan.seconds:.1f} s")
    parts = []
    for name, gain in result.gains().items():
        base = result.baselines[name]
        if gain["value"] is None:
            parts.append(f"{LABELS.get(name, name)}: {base.status.value}")
        else:
            share = "" if gain["percent"] is None else f", {gain['percent']:+.1f}%"
            parts.append(f"{LABELS.get(name, name)} {clean_figure(base.objective):,.4g} "
                         f"(optimized gains {clean_figure(gain['value']):+,.4g}{share})")
    print("Compared with " + "; ".join(parts))


def _funded_table(plan: Plan, portfolio: Portfolio) -> pd.DataFrame:
    import pandas as pd

    from planner.core.words import fy, money

    rows = []
    for item in plan.funded:
        funds = sorted({f for by_fund in item.spend.values() for f, a in by_fund.items() if a})
        rows.append({"id": item.candidate_id,
                     "name": portfolio.candidates[item.candidate_id].name[:40],
                     "start": fy(item.start_year), "end": fy(item.end_year),
                     "cost": money(item.total_cost), "value": round(item.value, 4),
                     "funds": ", ".join(funds)})
    return pd.DataFrame(rows)


def _print_text(result: PlanResult, portfolio: Portfolio) -> None:
    import pandas as pd

    from planner.core.words import money

    _print_plan_summary(result, portfolio)
    plan = result.optimized
    if plan.is_infeasible:
        return
    print()
    print_table(_funded_table(plan, portfolio), title=f"Funded ({len(plan.funded)}):")
    spend = plan.spend_by_year_fund()
    if not spend.empty:
        print()
        print_table(spend.map(money).reset_index(), title="Spend by fiscal year and fund:")
    if plan.rules:
        from planner.plan.rules import report_sentence

        print()
        print("Balance rules:")
        for report in plan.rules:
            print(f"  {report_sentence(portfolio, report)}")
    print()
    print(f"Not funded ({len(plan.unfunded)}):")
    for item in plan.unfunded:
        print(f"  {item.candidate_id}: " + "; ".join(item.reasons))
        if item.what_it_would_take:
            print(f"      would take: {item.what_it_would_take}")
    if result.frontier is not None and not result.frontier.empty:
        frame = result.frontier.copy()
        frame["capital_budget"] = frame["capital_budget"].map(money)
        for col in ("optimized", "rank_and_cut", "greedy", "bound"):
            frame[col] = frame[col].map(
                lambda v: "" if pd.isna(v) else f"{clean_figure(v):,.4g}")
        frame["gap"] = frame["gap"].map(_gap_text)
        print()
        print_table(frame, title="Value captured as the capital caps scale (frontier):")
    for text in result.notes:
        print(f"Note: {text}")


def run(args: argparse.Namespace) -> int:
    """Print the plan; exit 1 when the input blocks planning or no plan is feasible."""
    from planner import council_workbook, plan_portfolio

    loaded, portfolio = load_portfolio(args)
    require_plannable(loaded, portfolio)
    weights = parse_weights(args.weights)
    portfolio = with_weighting(portfolio, args)
    portfolio = _settings(portfolio, args)
    overrides = parse_overrides(args, portfolio.settings)
    if args.explain_seconds is not None:
        note("--explain-seconds is deprecated and has no effect: the 'value it would need' "
             "figures stop at a fixed amount of solver work, so every run gives the same ones.")
    roadmap = plan_portfolio(portfolio, method=args.method, preset=args.preset, weights=weights,
                             overrides=overrides, explain=not args.no_explain,
                             time_limit=args.time_limit,  # asked for: a wall-clock limit
                             frontier=not args.no_frontier,
                             robustness=args.robustness,
                             seed=args.seed, spread=args.spread)
    plan = roadmap.plan
    if args.output and not plan.is_infeasible:
        # Written before printing, so a closed pipe on stdout cannot lose the workbook.
        write_output(args.output, council_workbook(roadmap, loaded))
        note(f"Roadmap workbook written to {args.output}")
    if args.format == "json":
        data = roadmap.as_dict()
        if plan.is_infeasible:
            data["error"] = infeasible_error(plan)
        print_json(data)
    else:
        _print_text(roadmap.result, portfolio)
        if roadmap.robustness is not None:
            print("\n" + "\n".join(roadmap.robustness.sentences()))
            print("Contested: " + (", ".join(roadmap.robustness.contested) or "none"))
    if plan.is_infeasible and args.output:
        note(f"No workbook was written to {args.output}: no plan satisfies every rule.")
    return 1 if plan.is_infeasible else 0


def infeasible_error(plan: Plan) -> dict[str, Any]:
    """The JSON error of a plan that no choice of projects can satisfy."""
    return {"code": "infeasible", "message": plan.message,
            "issues": [reason_issue(reason) for reason in plan.reasons]}
