"""The same answer every run: the installed `planner plan` twice on the sample city.

Two runs in separate processes must print the same JSON document, every plan, reason,
"value it would need" figure and frontier point included. The only keys left out are the
durations: `seconds` (the optimized plan's and each baseline's solve time), wherever it sits.
"""

from __future__ import annotations

import json
from typing import Any

from tests.cli.console import SAMPLE, run_planner

DURATION_KEYS = frozenset({"seconds"})  # wall-clock durations; everything else must match


def without_durations(data: Any) -> Any:
    """The document with every key named in DURATION_KEYS removed, at any depth."""
    if isinstance(data, dict):
        return {k: without_durations(v) for k, v in data.items() if k not in DURATION_KEYS}
    if isinstance(data, list):
        return [without_durations(v) for v in data]
    return data


def test_durations_are_the_only_keys_left_out() -> None:
    doc = {"seconds": 1.0, "plan": {"seconds": 2, "objective": 3},
           "rows": [{"seconds": 4, "id": "C-1"}]}
    assert without_durations(doc) == {"plan": {"objective": 3}, "rows": [{"id": "C-1"}]}


def test_two_runs_of_the_sample_city_print_the_same_plan() -> None:
    runs = [run_planner("plan", SAMPLE, "--format", "json", timeout=900) for _ in range(2)]
    for run in runs:
        assert run.code == 0, run.stderr
    first, second = (json.loads(run.stdout) for run in runs)
    assert first["unfunded"], "the sample city leaves candidates unfunded"
    needed = [u.get("value_needed") for u in first["unfunded"]]
    assert any(v is not None for v in needed), "the value each would need was computed"
    assert first.get("frontier"), "the frontier is part of the document"
    assert without_durations(first) == without_durations(second)
