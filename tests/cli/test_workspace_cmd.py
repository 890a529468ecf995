"""`planner workspace list|show`: what another process stored, read by the installed command."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.store.store import Store
from tests.cli.console import run_planner
from tests.store.databases import BACKENDS, database

TOWN = "Springfield FY2027"


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


def _stored(url: str) -> None:
    store = Store.open(url)
    store.open_workspace(TOWN, user="ana", city="Springfield", cycle="FY2027")
    inputs = store.save_inputs(TOWN, [("city.csv", b"ID\nC1\n")], user="ana")
    store.save_scenario(TOWN, "Base", inputs=inputs.id, choices={"method": "wsm"},
                        summary={"status": "optimal", "funded_count": 4, "candidates": 9},
                        user="ana")
    store.adopt(TOWN, "Base", user="cio", note="Council vote, 12 January")
    store.record(TOWN, user="bob", action="weight-changed", subject="Legacy risk",
                 what="Legacy risk weight 30% -> 40%", before=0.3, after=0.4)
    store.close()


def test_list_prints_every_workspace_as_one_json_document(store_url: str) -> None:
    empty = run_planner("workspace", "list", "--db", store_url, "--format", "json")
    assert (empty.code, empty.document()["workspaces"]) == (0, [])
    _stored(store_url)
    done = run_planner("workspace", "list", "--db", store_url, "--format", "json")
    assert done.code == 0, done.stderr
    [town] = done.document()["workspaces"]
    assert (town["name"], town["city"], town["cycle"], town["scenarios"]) == \
        (TOWN, "Springfield", "FY2027", 1)
    assert town["plan_of_record"]["scenario"] == "Base"
    assert "***" in done.document()["store"] or "sqlite" in done.document()["store"]


def test_show_gives_the_scenarios_the_plan_of_record_and_the_changes(store_url: str) -> None:
    _stored(store_url)
    done = run_planner("workspace", "show", TOWN, "--db", store_url, "--format", "json")
    assert done.code == 0, done.stderr
    shown = done.document()
    assert [(s["name"], s["version"], s["funded"], s["plan_of_record"])
            for s in shown["scenarios"]] == [("Base", 1, 4, True)]
    assert (shown["plan_of_record"]["adopted_by"], shown["plan_of_record"]["note"]) == \
        ("cio", "Council vote, 12 January")
    assert [e["action"] for e in shown["history"]] == [
        "workspace-created", "inputs-imported", "scenario-saved", "scenario-adopted",
        "weight-changed"]
    text = run_planner("workspace", "show", TOWN, "--db", store_url)
    assert "Plan of record: Base v1 (cio)" in text.stdout
    assert "bob  Legacy risk weight 30% -> 40%" in text.stdout


def test_an_unknown_workspace_is_a_json_error_naming_the_ones_there_are(store_url: str) -> None:
    _stored(store_url)
    done = run_planner("workspace", "show", "Shelbyville", "--db", store_url, "--format", "json")
    assert done.code == 1
    error = done.document()["error"]
    assert error["code"] == "not-found"
    assert error["message"] == ("There is no workspace named 'Shelbyville' (workspaces: "
                                "'Springfield FY2027').")


def test_the_default_store_is_the_data_folders_sqlite_file(tmp_path: Path) -> None:
    done = run_planner("workspace", "list", "--format", "json", cwd=tmp_path)
    assert done.code == 0, done.stderr
    assert (tmp_path / "data" / "store" / "planner.sqlite3").is_file()
