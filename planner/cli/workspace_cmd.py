"""`planner workspace list|show [--db URL] [--format text|json]`: the store's workspaces.

`list` prints every workspace with its scenario count and plan of record; `show NAME` one
workspace's scenarios, its plan of record and its latest audit entries (`--history N`).
The store is `--db URL` (a SQLAlchemy URL, or a path to a SQLite file), else
PLANNER_DATABASE_URL, else the data folder's SQLite file (see docs/store.md).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from planner.cli.inputs import add_format_argument
from planner.cli.output import print_json, print_table

if TYPE_CHECKING:
    from planner.store.store import Store


def add_store_arguments(parser: argparse.ArgumentParser, *, user: bool = False) -> None:
    """Add --db URL (and --user NAME for commands that change the store) and --format."""
    parser.add_argument("--db", metavar="URL",
                        help="the store: a database URL (postgresql+psycopg://... or "
                             "sqlite:///path) or a SQLite file path (default: "
                             "PLANNER_DATABASE_URL, else data/store/planner.sqlite3)")
    if user:
        parser.add_argument("--user", metavar="NAME",
                            help="who is making the change (default: PLANNER_USER, else "
                                 "your login name)")
    add_format_argument(parser)


def open_store(args: argparse.Namespace) -> Store:
    """The store the arguments name."""
    from planner.store.store import Store

    return Store.open(args.db)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the subcommand and its two actions."""
    parser = sub.add_parser("workspace", help="list the store's workspaces or show one")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add_store_arguments(actions.add_parser("list", help="every workspace in the store"))
    show = actions.add_parser("show", help="a workspace's scenarios, plan of record and "
                                           "recent changes")
    show.add_argument("name", metavar="WORKSPACE")
    show.add_argument("--history", type=int, default=20, metavar="N",
                      help="how many of the latest audit entries to show (default 20)")
    add_store_arguments(show)
    return parser


def workspace_document(store: Store, name: str, history: int = 20) -> dict[str, Any]:
    """One workspace as the JSON document shows it."""
    from planner.store.audit import AuditFilter

    workspace = store.workspace(name)
    adopted = store.plan_of_record(name)
    entries = store.audit(AuditFilter(workspace=name, newest_first=True, limit=max(history, 0)))
    return {**workspace.as_dict(),
            "scenarios": [_scenario_line(s) for s in store.scenarios(name)],
            "plan_of_record": adopted.as_dict() if adopted else None,
            "history": [e.as_dict() for e in reversed(entries)]}


def _scenario_line(scenario: Any) -> dict[str, Any]:
    summary = scenario.summary
    return {"name": scenario.name, "version": scenario.version,
            "saved_by": scenario.saved_by, "saved_at": scenario.as_dict()["saved_at"],
            "status": summary.get("status"), "funded": summary.get("funded_count"),
            "candidates": summary.get("candidates"), "value": summary.get("value"),
            "method": summary.get("method"), "plan_of_record": scenario.plan_of_record}


def run(args: argparse.Namespace) -> int:
    """Print the workspaces, or one workspace."""
    store = open_store(args)
    try:
        if args.action == "list":
            return _list(store, args)
        document = workspace_document(store, args.name, args.history)
    finally:
        store.close()
    if args.format == "json":
        print_json(document)
    else:
        _print_workspace(document)
    return 0


def _list(store: Store, args: argparse.Namespace) -> int:
    found = []
    for workspace in store.workspaces():
        adopted = store.plan_of_record(workspace.name)
        found.append({**workspace.as_dict(), "scenarios": len(store.scenarios(workspace.name)),
                      "plan_of_record": adopted.as_dict() if adopted else None})
    if args.format == "json":
        print_json({"store": store.url, "workspaces": found})
        return 0
    import pandas as pd

    rows = [{"workspace": w["name"], "city": w["city"], "cycle": w["cycle"],
             "scenarios": w["scenarios"],
             "plan of record": _adopted_words(w["plan_of_record"])} for w in found]
    print_table(pd.DataFrame(rows), title=f"Workspaces in {store.url}:")
    return 0


def _adopted_words(adopted: dict[str, Any] | None) -> str:
    if not adopted:
        return "none"
    return f"{adopted['scenario']} v{adopted['version']} ({adopted['adopted_by']})"


def _print_workspace(document: dict[str, Any]) -> None:
    import pandas as pd

    print(f"Workspace {document['name']} (city {document['city'] or 'not given'}, cycle "
          f"{document['cycle'] or 'not given'}), created by {document['created_by']} at "
          f"{document['created_at']}")
    adopted = document["plan_of_record"]
    print("Plan of record: " + (_adopted_words(adopted) + f", adopted {adopted['adopted_at']}"
                                + (f": {adopted['note']}" if adopted["note"] else "")
                                if adopted else "none adopted yet"))
    print()
    print_table(pd.DataFrame(document["scenarios"]), title="Scenarios:")
    print()
    print("Latest changes:")
    for entry in document["history"] or [{"at": "", "user": "", "what": "(none)"}]:
        print(f"  {entry['at']}  {entry['user']}  {entry['what']}")
