"""A short, seeded, bounded fuzz pass in CI: a new crash in the importer fails the build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = 1_500  # about a minute here; the run stops at the first crash
SECONDS = 60  # and in any case after this long


def test_a_seeded_fuzz_pass_finds_no_crash(tmp_path: Path) -> None:
    crashes = tmp_path / "crashes"
    done = subprocess.run(
        [sys.executable, "-m", "fuzz", "--runs", str(RUNS), "--seconds", str(SECONDS),
         "--seed", "1", "--work", str(tmp_path), "--crashes", str(crashes),
         "--slow-limit", "60"],
        cwd=ROOT, capture_output=True, text=True, timeout=SECONDS + 120)
    found = sorted(p.read_text(encoding="utf-8") for p in crashes.glob("*.txt"))
    assert done.returncode == 0 and found == [], (found or [done.stderr[-3000:]])[0]
    stats = json.loads((tmp_path / "stats.json").read_text(encoding="utf-8"))
    assert stats["executions"] >= 100  # the pass really fuzzed (stats are kept every 100)
    assert stats["crash_signatures"] == {}
    assert "Done" in done.stderr
