"""Computed plans by input hash: one process stores a plan, another reads it instead of solving."""

from __future__ import annotations

import io
import pickle
import zlib

import pytest

from planner.core.plans import PlanResult
from planner.score.scoring import score_portfolio
from planner.service import run_plan
from planner.store.computed import ComputedPlans, _PlanUnpickler, pack, plan_digest, unpack
from planner.store.engine import connect, writing
from planner.store.records import now
from planner.store.tables import computed_plans
from tests.factories import make_portfolio


@pytest.fixture(scope="module")
def solved():
    """A real plan of a 30-candidate portfolio, with its explanations."""
    portfolio = make_portfolio(n=30, seed=3)
    values = {str(k): float(v) for k, v in score_portfolio(portfolio).value.items()}
    return run_plan(portfolio, values, explain=True, frontier=False)


def test_a_plan_stored_by_one_connection_is_read_whole_by_another(store_url, solved) -> None:
    digest = plan_digest(portfolio="town-a", weights={"legacy risk": 40}, gap=None)
    first = ComputedPlans(connect(store_url))
    assert first.get(digest) is None and not first.has(digest)
    assert first.put(digest, solved) is True
    assert first.has(digest)
    first.engine.dispose()
    second = ComputedPlans(connect(store_url))  # as a second replica or a restart would
    found = second.get(digest)
    assert found == solved
    assert found.optimized.funded_ids == solved.optimized.funded_ids != []
    assert found.optimized.status == solved.optimized.status
    assert [u.reasons for u in found.optimized.unfunded] == [
        u.reasons for u in solved.optimized.unfunded]
    assert second.count() == 1
    second.engine.dispose()


def test_storing_the_same_plan_twice_keeps_one_row(store_url, solved) -> None:
    plans = ComputedPlans(connect(store_url))
    digest = plan_digest(portfolio="town-b")
    assert plans.put(digest, solved) is True
    assert plans.put(digest, solved) is False
    assert plans.count() == 1
    plans.engine.dispose()


def test_the_digest_changes_with_every_input_and_not_with_their_order() -> None:
    base = plan_digest(portfolio="p", weights={"a": 1, "b": 2}, gap=None, explain=False)
    assert base == plan_digest(explain=False, gap=None, weights={"b": 2, "a": 1}, portfolio="p")
    assert len({base, plan_digest(portfolio="q", weights={"a": 1, "b": 2}, gap=None,
                                  explain=False),
                plan_digest(portfolio="p", weights={"a": 1, "b": 3}, gap=None, explain=False),
                plan_digest(portfolio="p", weights={"a": 1, "b": 2}, gap=0.01, explain=False),
                plan_digest(portfolio="p", weights={"a": 1, "b": 2}, gap=None, explain=True)}
               ) == 5


def test_a_row_that_would_run_code_is_not_a_plan(store_url, tmp_path) -> None:
    marker = tmp_path / "ran"

    class Exploit:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    plans = ComputedPlans(connect(store_url))
    payload = zlib.compress(pickle.dumps(Exploit()))
    with writing(plans.engine) as connection:
        connection.execute(computed_plans.insert().values(
            digest="f" * 64, payload=payload, size=len(payload), created_at=now()))
    assert plans.get("f" * 64) is None
    assert not marker.exists()
    plans.engine.dispose()


def test_a_row_may_build_the_planners_classes_but_reach_none_of_its_functions() -> None:
    unpickler = _PlanUnpickler(io.BytesIO(b""))
    assert unpickler.find_class("planner.core.plans", "PlanResult") is PlanResult
    for module, name in (("planner.core.words", "money"),  # a function, not a class
                         ("planner.core.plans", "PlanResult.__repr__"),  # through a class
                         ("planner.core.plans", "dataclass")):  # what the module imported
        with pytest.raises(pickle.UnpicklingError, match="may not hold"):
            unpickler.find_class(module, name)


def test_bytes_that_are_not_a_stored_plan_read_as_none(solved) -> None:
    assert unpack(b"not compressed") is None
    assert unpack(zlib.compress(pickle.dumps({"a": 1}))) is None
    assert unpack(pack(solved)) == solved


def test_prune_keeps_the_newest_plans(store_url, solved) -> None:
    plans = ComputedPlans(connect(store_url))
    digests = [plan_digest(n=n) for n in range(5)]
    for digest in digests:
        plans.put(digest, solved)
    assert plans.prune(keep=2) == 3
    assert plans.count() == 2
    assert plans.get(digests[-1]) == solved
    plans.engine.dispose()
