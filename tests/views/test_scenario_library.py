"""Stored scenarios as the pages list and compare them, and the plan of record in words."""

from __future__ import annotations

import datetime as dt

from planner.store.records import PlanOfRecord, Scenario, StoredInputs
from planner.views.plans import scenario_funding, scenario_summary
from planner.views.scenario_library import (
    plan_of_record_words,
    scenarios_frame,
    stored_record,
    workspace_name,
)

AT = dt.datetime(2027, 1, 12, 10, 4, tzinfo=dt.UTC)


def stored(name: str, summary: dict, version: int = 1, adopted: bool = False) -> Scenario:
    return Scenario(workspace="Riverton FY2027", name=name, version=version,
                    inputs=StoredInputs(1, "d", ()), choices={"weights": {"a": 0.5}},
                    summary=summary, saved_by="ana", saved_at=AT, created_by="ana",
                    created_at=AT, latest=version, plan_of_record=adopted)


def test_a_script_saved_scenario_is_compared_with_the_figures_it_has() -> None:
    script = stored("Script", {"funded": ["C-1", "C-2"], "funded_count": 2,
                               "total_cost": 300_000.0, "status": "optimal"})
    app = stored("App", {"funded": ["C-1"], "funded_count": 1, "total_cost": 100_000.0,
                         "status": "optimal", "headlines": {
                             "funded": 1.0, "value_share": 0.5, "spend": 100_000.0,
                             "budget_share": 0.1, "risk_share": 0.2, "hours_freed": 10.0,
                             "net_savings": 5.0}}, version=3, adopted=True)
    records = [stored_record(script), stored_record(app)]
    assert records[0]["name"] == "Script (version 1)"
    summary = scenario_summary(records)
    assert summary.loc["Projects funded"].tolist() == ["2", "1"]
    assert scenario_funding(records)["candidate_id"].tolist() == ["C-2"]
    frame = scenarios_frame([script, app])
    assert frame["plan of record"].tolist() == ["", "yes"]
    assert frame["capital"].tolist()[0].startswith("$300")


def test_the_plan_of_record_in_words() -> None:
    record = PlanOfRecord("Riverton FY2027", "Base", 2, "cio", AT, "Council vote")
    lines = plan_of_record_words(record, True)
    assert lines[0] == ("Plan of record: 'Base', version 2, adopted by cio on "
                        "2027-01-12 10:04 UTC.")
    assert lines[1] == "Note: Council vote" and "differs" in lines[2]
    assert "is the plan of record" in plan_of_record_words(record, False)[-1]
    assert "No scenario" in plan_of_record_words(None, None)[0]
    assert workspace_name("Riverton", [2028, 2027]) == "Riverton FY2027"
    assert workspace_name("", []) == "Our City"
