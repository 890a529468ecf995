"""The seven OR-Library mknap1 instances, read as portfolios, reach their known optima."""

from __future__ import annotations

import os

import pytest

from planner.core.plans import PlanStatus
from planner.plan.optimize import optimize
from planner.plan.timing import is_plain_sum
from planner.samples.orlib import instance_portfolio, known_optima, mknap_folder, read_mknap
from tests.plan.support import violations


def _folder():
    folder = mknap_folder()
    if folder is None:
        message = ("OR-Library benchmarks not found (../shared/benchmarks/mknap or "
                   "$PLANNER_MKNAP_DIR)")
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return folder


def test_every_mknap1_instance_reaches_its_known_optimum() -> None:
    folder = _folder()
    instances = read_mknap(folder / "mknap1.txt")
    optima = known_optima(folder)["mknap1"]
    assert len(instances) == len(optima) == 7
    for instance, optimum in zip(instances, optima, strict=True):
        assert instance.optimum == pytest.approx(optimum)
        p, values = instance_portfolio(instance)
        assert is_plain_sum(p.settings)  # the known optima are plain sums of profits
        plan = optimize(p, values, time_limit=60, gap=0.0)
        assert plan.status is PlanStatus.OPTIMAL, instance.name
        assert plan.objective == pytest.approx(optimum, rel=1e-9), instance.name
        assert violations(p, plan, values=values) == []


def test_the_reader_keeps_each_items_weights_as_its_yearly_spend() -> None:
    folder = _folder()
    first = read_mknap(folder / "mknap1.txt")[0]
    p, values = instance_portfolio(first)
    assert len(p.candidates) == 6 and p.fiscal_years == list(range(2001, 2011))
    assert values["I003"] == 2400
    assert p.candidates["I003"].spend_profile[2001] == 64
    assert p.capital_cap(2001, "Capital") == 80
