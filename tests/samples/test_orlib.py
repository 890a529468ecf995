"""OR-Library knapsack files read as instances, and instances as one-fund portfolios."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.samples.orlib import (
    ENV,
    FIRST_YEAR,
    MknapInstance,
    instance_portfolio,
    known_optima,
    mknap_folder,
    read_mknap,
)

# Two instances: 3 items in 2 constraints with optimum 10, then 2 items in 1 with none known.
TWO_INSTANCES = """2
3 2 10
 4 6 5
 1 2 3
 2 0 1
 4 2
2 1 0
 7 8
 3 3
 5
"""


def test_every_instance_in_a_file_is_read_with_its_numbers(tmp_path: Path) -> None:
    path = tmp_path / "tiny.txt"
    path.write_text(TWO_INSTANCES)
    first, second = read_mknap(path, prefix="tiny-")
    assert first == MknapInstance("tiny-0", (4.0, 6.0, 5.0), ((1.0, 2.0, 3.0), (2.0, 0.0, 1.0)),
                                  (4.0, 2.0), 10.0)
    assert (second.name, second.capacities, second.optimum) == ("tiny-1", (5.0,), None)


def test_a_file_cut_short_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_text("1\n3 2 10\n 4 6 5\n 1 2\n")
    with pytest.raises(ValueError, match="ends in the middle of an instance"):
        read_mknap(path)


def test_an_instance_becomes_candidates_with_one_fixed_spend_per_constraint() -> None:
    instance = MknapInstance("x", (4.0, 6.0), ((1.0, 0.0), (2.0, 3.0)), (4.0, 2.0), None)
    portfolio, values = instance_portfolio(instance)
    assert values == {"I000": 4.0, "I001": 6.0}
    assert portfolio.candidates["I000"].spend_profile == {FIRST_YEAR: 1.0, FIRST_YEAR + 1: 2.0}
    assert portfolio.candidates["I001"].spend_profile == {FIRST_YEAR + 1: 3.0}
    assert portfolio.capital_cap(FIRST_YEAR, "Capital") == 4.0
    assert portfolio.capital_cap(FIRST_YEAR + 1, "Capital") == 2.0
    assert portfolio.settings.horizon_years == 2


def test_known_optima_are_listed_per_file_in_instance_order(tmp_path: Path) -> None:
    (tmp_path / "known_optima.json").write_text(json.dumps({"set 1": {
        "file": "mknap1.txt", "instances": [{"optimum": 3800}, {"optimum": 8706.1}]}}))
    assert known_optima(tmp_path) == {"mknap1": [3800, 8706.1]}


def test_the_benchmark_folder_comes_from_the_environment_when_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, str(tmp_path))
    assert mknap_folder() == tmp_path
    monkeypatch.setenv(ENV, str(tmp_path / "absent"))
    assert mknap_folder() is None
