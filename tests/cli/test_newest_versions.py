"""The command line against the newest releases pyproject.toml allows, not the lock.

A second virtual environment is built without requirements.lock (uv resolves the newest
versions the ranges admit), and the contract a script relies on is checked there: `plan
--format json` prints one JSON document and nothing else. A new release that prints on
stdout, or changes what the planner reads, fails here before a user meets it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.console import BANNER, ROOT, SAMPLE, run_planner

UV = Path(sys.executable).with_name("uv")


def _uv(*args: str | Path) -> str:
    done = subprocess.run([str(UV), *map(str, args)], capture_output=True, text=True,
                          timeout=900, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def newest_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a venv holding the project and the newest versions its ranges allow."""
    assert UV.exists(), "uv is not installed beside the test interpreter (run `make test`)"
    venv = tmp_path_factory.mktemp("newest") / "venv"
    _uv("venv", "--quiet", "--python", sys.executable, venv)
    python = venv / "bin" / "python"
    _uv("pip", "install", "--quiet", "--python", python, "--upgrade", "--refresh", ROOT)
    return python


def test_plan_json_is_one_document_with_the_newest_releases(newest_python: Path) -> None:
    frozen = _uv("pip", "freeze", "--python", newest_python)
    print("newest versions resolved:\n" + frozen, file=sys.stderr)
    assert "highspy==" in frozen and "civic-portfolio-planner" in frozen
    result = run_planner("plan", SAMPLE, "--format", "json", python=newest_python)
    assert result.code == 0, result.stderr
    assert BANNER not in result.stdout and BANNER not in result.stderr
    plan = result.document()
    assert plan["status"] == "optimal" and plan["funded"]


def test_validate_and_score_keep_their_contract_with_the_newest_releases(
        newest_python: Path) -> None:
    report = run_planner("validate", SAMPLE, "--format", "json", python=newest_python)
    assert report.code == 0, report.stderr
    assert report.document()["counts"]["Candidates"] == 77
    scores = run_planner("score", SAMPLE, "--format", "csv", python=newest_python)
    assert scores.code == 0, scores.stderr
    assert len(scores.table()) == 78
