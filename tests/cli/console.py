"""Running the installed `planner` console script as a user's script would."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample_city.xlsx"
BANNER = "HiGHS"


@dataclass(frozen=True)
class Finished:
    """A finished command: exit code and both streams, whole."""

    code: int
    stdout: str
    stderr: str

    def document(self) -> Any:
        """stdout parsed as exactly one JSON document (json.loads fails on anything else)."""
        return json.loads(self.stdout)

    def table(self) -> list[list[str]]:
        """stdout parsed as one CSV table whose rows all have the header's width."""
        rows = list(csv.reader(io.StringIO(self.stdout)))
        assert rows, "no CSV on stdout"
        assert {len(r) for r in rows} == {len(rows[0])}, "ragged CSV"
        return rows


def console_script(python: str | Path = sys.executable) -> Path:
    """The `planner` script installed beside a venv's python."""
    script = Path(python).with_name("planner")
    assert script.exists(), f"the console script is not installed at {script}"
    return script


def run_planner(*args: str | Path, python: str | Path = sys.executable,
                cwd: Path | None = None, timeout: float = 300) -> Finished:
    """Run `planner ARGS...` in a child process, with no terminal and no stdin."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run([str(console_script(python)), *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL, cwd=cwd,
                          env=env)
    return Finished(done.returncode, done.stdout, done.stderr)
