"""`planner scenario list|save|show|adopt|export|delete --workspace NAME [--db URL]`.

`save FILE... --workspace W --name S [plan choices]` imports the files, plans them as
`planner plan` would (--method, --preset, --weighting, --weights, --force-in, --force-out,
--pin, --propose, --mapping, --time-limit, --gap) and stores the files, every choice and the
plan's summary; the workspace is created on first use. Saving over an existing scenario
names the version it replaces (`--replaces N`): when someone saved it since, nothing is
overwritten and the command says who did and when. `export -o OUT.xlsx` plans a stored
scenario again from its own files and writes the council workbook. JSON mode prints
exactly one document.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.cli.inputs import (
    add_input_arguments,
    add_propose_argument,
    add_scoring_arguments,
    load_portfolio,
    parse_weights,
    require_plannable,
    with_weighting,
)
from planner.cli.output import note, print_json, print_table, write_output
from planner.cli.workspace_cmd import add_store_arguments, open_store
from planner.errors import UsageError

if TYPE_CHECKING:
    from planner.store.store import Store

ACTIONS = ("list", "save", "show", "adopt", "export", "delete")


def _scenario_arguments(parser: argparse.ArgumentParser, *, name: bool = True,
                        version: bool = False) -> None:
    parser.add_argument("--workspace", required=True, metavar="NAME",
                        help="the workspace (one per city and budget cycle)")
    if name:
        parser.add_argument("--name", required=True, metavar="SCENARIO", help="the scenario")
    if version:
        parser.add_argument("--version", type=int, metavar="N",
                            help="a particular version (default: the newest)")


def _save_parser(actions: argparse._SubParsersAction) -> None:
    save = actions.add_parser("save", help="plan files and store them with every choice")
    add_input_arguments(save)
    _scenario_arguments(save)
    save.add_argument("--replaces", type=int, metavar="N",
                      help="the version this save replaces (needed to save over an existing "
                           "scenario; refused when someone saved a newer one)")
    save.add_argument("--city", help="the city, for a new workspace (default: Settings)")
    save.add_argument("--cycle", default="", help="the budget cycle, for a new workspace")
    add_scoring_arguments(save)
    add_propose_argument(save)
    save.add_argument("--force-in", metavar="ID,...", help="candidates that must be funded")
    save.add_argument("--force-out", metavar="ID,...", help="candidates never to fund")
    save.add_argument("--pin", metavar="ID=YEAR,...",
                      help="fund these candidates starting in the given fiscal year")
    save.add_argument("--time-limit", type=float, metavar="S", help="solver time limit (s)")
    save.add_argument("--gap", type=float, metavar="G", help="relative optimality gap")
    add_store_arguments(save, user=True)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand and its actions."""
    parser = sub.add_parser("scenario", help="save, list, show, adopt or export stored "
                                             "scenarios")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="a workspace's scenarios")
    _scenario_arguments(listing, name=False)
    add_store_arguments(listing)
    _save_parser(actions)
    show = actions.add_parser("show", help="one scenario: inputs, choices and summary")
    _scenario_arguments(show, version=True)
    add_store_arguments(show)
    adopt = actions.add_parser("adopt", help="make a scenario the plan of record")
    _scenario_arguments(adopt, version=True)
    adopt.add_argument("--note", default="", help="why, e.g. the council vote it records")
    add_store_arguments(adopt, user=True)
    export = actions.add_parser("export", help="write a stored scenario's council workbook")
    _scenario_arguments(export, version=True)
    export.add_argument("-o", "--output", required=True, metavar="ROADMAP.xlsx")
    export.add_argument("--no-explain", action="store_true",
                        help="skip the 'value it would need' re-solves (faster)")
    add_store_arguments(export)
    remove = actions.add_parser("delete", help="delete a scenario (never the plan of record)")
    _scenario_arguments(remove, version=True)
    add_store_arguments(remove, user=True)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run one action against the store."""
    store = open_store(args)
    try:
        document = globals()[f"_{args.action}"](store, args)
    finally:
        store.close()
    if args.format == "json":
        print_json(document)
    else:
        _print(args.action, document)
    return 0


def _user(args: argparse.Namespace) -> str:
    from planner.store.settings import user_name

    return user_name(getattr(args, "user", None))


def _sources(paths: list[str]) -> list[tuple[str, bytes]]:
    names = [Path(p).name for p in paths]
    if len(set(names)) != len(names):
        raise UsageError("Two input files have the same name; a scenario keeps files by "
                         "name, so rename one.")
    return [(Path(p).name, Path(p).read_bytes()) for p in paths]


def _choices(args: argparse.Namespace, loaded: Any, portfolio: Any) -> dict[str, Any]:
    import json

    from planner.cli.plan_cmd import parse_overrides
    from planner.store.replay import choices_document

    mapping = json.loads(Path(args.mapping).read_text(encoding="utf-8")) if args.mapping \
        else None
    proposed = len(portfolio.candidates) != len(loaded.portfolio.candidates)
    return choices_document(
        method=args.method, preset=args.preset, weighting=args.weighting,
        weights=parse_weights(args.weights),
        overrides=parse_overrides(args, portfolio.settings), propose=proposed,
        mapping=mapping, time_limit=args.time_limit, gap=args.gap)


def _save(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    from planner.service import plan_portfolio
    from planner.store.replay import chosen_portfolio, overrides_of, summary_of

    loaded, portfolio = load_portfolio(args)
    require_plannable(loaded, portfolio)
    choices = _choices(args, loaded, with_weighting(portfolio, args))
    planned = chosen_portfolio(portfolio, {**choices, "propose": False})
    roadmap = plan_portfolio(planned, method=args.method, preset=args.preset,
                             weights=choices["weights"], overrides=overrides_of(choices),
                             explain=False, frontier=False)
    summary = summary_of(roadmap)
    user = _user(args)
    city = args.city or portfolio.settings.city or ""
    store.open_workspace(args.workspace, user=user, city=city, cycle=args.cycle)
    inputs = store.save_inputs(args.workspace, _sources(args.files), user=user)
    version = store.save_scenario(args.workspace, args.name, inputs=inputs.id,
                                  choices=choices, summary=summary, user=user,
                                  replaces=args.replaces)
    return {"workspace": args.workspace, "scenario": args.name, "version": version,
            "saved_by": user, "inputs": inputs.as_dict(), "choices": choices,
            "summary": summary}


def _list(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    from planner.cli.workspace_cmd import workspace_document

    document = workspace_document(store, args.workspace, history=0)
    return {"workspace": args.workspace, "scenarios": document["scenarios"],
            "plan_of_record": document["plan_of_record"]}


def _show(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    return store.scenario(args.workspace, args.name, args.version).as_dict()


def _adopt(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    adopted = store.adopt(args.workspace, args.name, user=_user(args), note=args.note,
                          version=args.version)
    return {"plan_of_record": adopted.as_dict()}


def _delete(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    store.delete_scenario(args.workspace, args.name, user=_user(args), version=args.version)
    return {"deleted": {"workspace": args.workspace, "scenario": args.name}}


def _export(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    from planner.errors import InfeasiblePlanError
    from planner.service import council_workbook
    from planner.store.audit import AuditFilter
    from planner.store.replay import replay_scenario

    scenario = store.scenario(args.workspace, args.name, args.version)
    again = replay_scenario(scenario.inputs.sources(), scenario.choices,
                            explain=not args.no_explain)
    plan = again.roadmap.plan
    if plan.is_infeasible:
        raise InfeasiblePlanError(plan.message, list(plan.reasons))
    if sorted(plan.funded_ids) != sorted(scenario.summary.get("funded") or []):
        note("warning: planned again, the scenario funds other projects than when it was "
             f"saved ({scenario.saved_at:%Y-%m-%d}); the workbook shows today's plan.")
    changes = tuple(e.what for e in store.audit(AuditFilter(workspace=args.workspace,
                                                            subject=args.name)))
    content = council_workbook(again.roadmap, again.validated,
                               f"{scenario.name} (version {scenario.version})",
                               changes=changes)
    write_output(args.output, content)
    return {"output": str(args.output), "workspace": args.workspace,
            "scenario": scenario.name, "version": scenario.version,
            "status": plan.status.value, "funded": len(plan.funded), "bytes": len(content)}


def _print(action: str, document: dict[str, Any]) -> None:
    if action == "list":
        import pandas as pd

        print_table(pd.DataFrame(document["scenarios"]),
                    title=f"Scenarios in {document['workspace']}:")
    elif action == "save":
        summary = document["summary"]
        print(f"Saved scenario '{document['scenario']}' version {document['version']} in "
              f"{document['workspace']}: {summary['funded_count']} of "
              f"{summary['candidates']} projects funded ({summary['status']}).")
    elif action == "show":
        _print_scenario(document)
    elif action == "adopt":
        adopted = document["plan_of_record"]
        print(f"'{adopted['scenario']}' version {adopted['version']} is now the plan of "
              f"record of {adopted['workspace']} (adopted by {adopted['adopted_by']}).")
    elif action == "export":
        print(f"Wrote {document['output']}: {document['scenario']} version "
              f"{document['version']}, {document['funded']} projects funded.")
    else:
        print(f"Deleted scenario '{document['deleted']['scenario']}'.")


def _given(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_given(v) for v in value.values())
    return value not in (None, False, [], "")


def _print_scenario(document: dict[str, Any]) -> None:
    summary, choices = document["summary"], document["choices"]
    mark = " (plan of record)" if document["plan_of_record"] else ""
    print(f"Scenario {document['name']} version {document['version']} of "
          f"{document['latest_version']}{mark}, saved by {document['saved_by']} at "
          f"{document['saved_at']}")
    print("Inputs: " + ", ".join(f"{f['name']} (sha256 {f['sha256'][:12]})"
                                  for f in document["inputs"]["files"]))
    chosen = [f"{k} {v}" for k, v in choices.items() if _given(v)]
    print("Choices: " + ("; ".join(chosen) or "the defaults"))
    print(f"Plan: {summary['status']}, {summary['funded_count']} of {summary['candidates']} "
          f"funded, value {summary['value']}: {', '.join(summary['funded'])}")
