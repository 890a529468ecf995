"""What a plan is: funded items with spend that adds up, unfunded ones with reasons, overrides."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from planner.core.plans import (
    FundedItem,
    Overrides,
    Plan,
    PlanResult,
    PlanStatus,
    UnfundedItem,
)
from planner.errors import InfeasiblePlanError, InputError

ROADWORKS = FundedItem("C-1", 2027, 2028, {2027: {"General": 100.0, "Grant": 50.0},
                                            2028: {"General": 25.0}}, value=3.0)
PERMITS = FundedItem("C-2", 2028, 2028, {2028: {"Grant": 40.0, "General": 0.0}}, value=2.0)


def plan(name: str = "optimized", objective: float = 5.0, **kw: object) -> Plan:
    """A plan funding two candidates and leaving one out."""
    kw.setdefault("status", PlanStatus.OPTIMAL)
    return Plan(name, objective=objective, funded=(ROADWORKS, PERMITS),
                unfunded=(UnfundedItem("C-3", ("Over budget in FY2027",), ("budget",)),), **kw)


def test_overrides_are_read_as_the_command_line_and_settings_write_them() -> None:
    read = Overrides.from_text("C-1, C-2;", "C-9", "C-4=FY2029; C-5 = 2030")
    assert read == Overrides(frozenset({"C-1", "C-2"}), frozenset({"C-9"}),
                             {"C-4": 2029, "C-5": 2030})
    assert Overrides.from_settings(SimpleNamespace(**read.as_settings())) == read
    assert read.as_settings()["pin_start"] == "C-4=2029, C-5=2030"


def test_a_pin_without_a_year_names_what_it_could_not_read() -> None:
    with pytest.raises(InputError, match="could not read 'C-4=soon'"):
        Overrides.from_text(pin_start="C-4=soon")


def test_merged_overrides_add_up_and_the_later_pin_wins() -> None:
    merged = Overrides(frozenset({"C-1"}), pin_start={"C-4": 2028}).merged(
        Overrides(frozenset({"C-2"}), frozenset({"C-3"}), {"C-4": 2030}))
    assert merged.as_dict() == {"force_in": ["C-1", "C-2"], "force_out": ["C-3"],
                                "pin_start": {"C-4": 2030}}
    assert Overrides().empty and not merged.empty


def test_a_funded_items_cost_is_all_its_spend() -> None:
    assert ROADWORKS.total_cost == 175.0
    assert ROADWORKS.as_dict()["spend"] == {"2027": {"General": 100.0, "Grant": 50.0},
                                            "2028": {"General": 25.0}}


def test_spend_by_year_and_fund_adds_up_to_what_the_items_draw() -> None:
    table = plan().spend_by_year_fund()
    assert table.loc[2027, "General"] == 100.0 and table.loc[2028, "Grant"] == 40.0
    assert table.to_numpy().sum() == ROADWORKS.total_cost + PERMITS.total_cost
    assert len(plan().spend_frame()) == 4  # zero amounts are left out
    assert Plan("empty", PlanStatus.HEURISTIC, 0.0).spend_by_year_fund().empty


def test_a_plan_finds_its_funded_and_unfunded_candidates() -> None:
    shown = plan()
    assert shown.funded_ids == ["C-1", "C-2"] and shown.is_proven_optimal
    assert shown.unfunded_item("C-3").codes == ("budget",)
    assert shown.unfunded_item("C-1") is None
    assert not plan(status=PlanStatus.TIME_LIMIT).is_proven_optimal


def test_an_infeasible_plan_raises_with_its_reasons_when_asked() -> None:
    infeasible = Plan("optimized", PlanStatus.INFEASIBLE, 0.0, message="No plan fits.",
                      reasons=("C-1 and C-2 exclude each other",))
    with pytest.raises(InfeasiblePlanError) as caught:
        infeasible.raise_if_infeasible()
    assert caught.value.reasons == ["C-1 and C-2 exclude each other"]
    assert plan().raise_if_infeasible() == plan()


def test_gains_over_the_baselines_are_value_and_percent() -> None:
    result = PlanResult(plan(objective=5.0), {
        "rank_and_cut": plan("rank_and_cut", 4.0, status=PlanStatus.HEURISTIC),
        "greedy": Plan("greedy", PlanStatus.INFEASIBLE, 0.0)}, values={"C-1": 3.0})
    assert list(result.plans) == ["optimized", "rank_and_cut", "greedy"]
    assert result.gain_over("rank_and_cut") == 1.0
    assert result.gains() == {"rank_and_cut": {"value": 1.0, "percent": 25.0},
                              "greedy": {"value": None, "percent": None}}


def test_the_plan_json_holds_baselines_gains_and_overrides() -> None:
    result = PlanResult(plan(), {"greedy": plan("greedy", 4.0)}, values={},
                        overrides=Overrides(frozenset({"C-1"})))
    data = json.loads(json.dumps(result.as_dict()))
    assert data["status"] == "optimal" and data["gain"]["greedy"]["value"] == 1.0
    assert data["baselines"]["greedy"]["funded"][0]["id"] == "C-1"
    assert data["overrides"]["force_in"] == ["C-1"]
    assert data["unfunded"] == [{"id": "C-3", "reasons": ["Over budget in FY2027"],
                                 "codes": ["budget"]}]
