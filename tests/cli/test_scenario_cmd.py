"""`planner scenario ...`: saved by one process, listed, shown, adopted and exported from
others; two saves over the same version at once lose nothing. SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from planner.validate.canonical import portfolio_frames
from tests.cli.console import console_script, run_planner
from tests.factories import frames_to_xlsx, make_portfolio
from tests.store.databases import BACKENDS, database

TOWN = "Springfield FY2027"
FAST = ("--time-limit", "5")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "springfield.xlsx"
    path.write_bytes(frames_to_xlsx(portfolio_frames(make_portfolio(n=12, seed=2))))
    return path


def _started(*args: str | Path, user: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PLANNER_USER"] = user
    return subprocess.Popen([str(console_script()), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                            env=env)


def _saves_at_once(book: Path, url: str) -> list[tuple[str, int, dict]]:
    racers = {user: _started("scenario", "save", book, "--workspace", TOWN, "--name", "Base",
                             "--replaces", "1", "--method", method, *FAST, "--db", url,
                             "--format", "json", user=user)
              for user, method in (("bob", "topsis"), ("cy", "vikor"))}
    finished = []
    for user, racer in racers.items():
        out, err = racer.communicate(timeout=300)
        finished.append((user, racer.returncode, json.loads(out)))
    return sorted(finished, key=lambda f: f[1])


def test_one_library_of_scenarios_across_processes(book: Path, store_url: str,
                                                  tmp_path: Path) -> None:
    saved = run_planner("scenario", "save", book, "--workspace", TOWN, "--name", "Base",
                        "--method", "wsm", "--force-out", "C0001", *FAST, "--user", "ana",
                        "--db", store_url, "--format", "json")
    assert saved.code == 0, saved.stderr
    document = saved.document()
    assert (document["version"], document["saved_by"]) == (1, "ana")
    assert document["choices"]["overrides"]["force_out"] == ["C0001"]
    assert "C0001" not in document["summary"]["funded"] and document["summary"]["funded"]

    listed = run_planner("scenario", "list", "--workspace", TOWN, "--db", store_url,
                         "--format", "json").document()
    assert [(s["name"], s["version"], s["funded"]) for s in listed["scenarios"]] == [
        ("Base", 1, document["summary"]["funded_count"])]
    shown = run_planner("scenario", "show", "--workspace", TOWN, "--name", "Base",
                        "--db", store_url, "--format", "json").document()
    assert shown["inputs"]["files"] == [{"name": book.name, "size": book.stat().st_size,
                                         "sha256": hashlib.sha256(book.read_bytes()).hexdigest()}]
    assert shown["choices"]["method"] == "wsm" and shown["summary"] == document["summary"]

    (winner, won, first), (loser, lost, second) = _saves_at_once(book, store_url)
    assert (won, first["version"], lost) == (0, 2, 1)
    assert second["error"]["code"] == "stale-scenario"
    assert f"changed by {winner} at" in second["error"]["message"]
    assert "reload it" in second["error"]["message"]

    adopted = run_planner("scenario", "adopt", "--workspace", TOWN, "--name", "Base",
                          "--note", "Council vote, 12 January", "--user", "cio",
                          "--db", store_url, "--format", "json")
    assert adopted.code == 0, adopted.stderr
    assert adopted.document()["plan_of_record"]["version"] == 2
    workspace = run_planner("workspace", "show", TOWN, "--db", store_url, "--format", "json")
    history = [(e["user"], e["action"]) for e in workspace.document()["history"]]
    assert history[-3:] == [("ana", "scenario-saved"), (winner, "scenario-saved"),
                            ("cio", "scenario-adopted")]
    assert loser not in {user for user, _ in history}

    out = tmp_path / "base.xlsx"
    exported = run_planner("scenario", "export", "--workspace", TOWN, "--name", "Base",
                           "--version", "1", "-o", out, "--no-explain", "--db", store_url,
                           "--format", "json")
    assert exported.code == 0, exported.stderr
    assert exported.document()["version"] == 1 and exported.document()["bytes"] > 0
    cells = [str(c) for sheet in openpyxl.load_workbook(out).worksheets
             for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any("Base (version 1)" in c for c in cells)
    assert any("Saved scenario 'Base' as version 1" in c for c in cells)


def test_saving_over_a_scenario_needs_the_version_it_replaces(book: Path,
                                                              tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite3'}"
    args = ("scenario", "save", book, "--workspace", TOWN, "--name", "Base", *FAST, "--db", url)
    assert run_planner(*args, "--user", "ana").code == 0
    again = run_planner(*args, "--user", "bob")
    assert again.code == 1 and again.stdout == ""
    assert "A scenario named 'Base' already exists (version 1, saved by ana" in again.stderr
    missing = run_planner("scenario", "show", "--workspace", TOWN, "--name", "Lean",
                          "--db", url, "--format", "json")
    assert missing.code == 1 and missing.document()["error"]["code"] == "not-found"
