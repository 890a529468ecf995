"""Robustness page: chance funded, the lists (what a decision fixes apart), sensitivity."""

from __future__ import annotations

from app_pages import _state as S
from planner.explain.budget_sensitivity import BudgetLineSensitivity, BudgetSensitivity
from planner.explain.robustness import FundingRobustness
from planner.explain.sensitivity import OneWaySensitivity, WeightRange
from tests.app.helpers import metric, no_errors

CLASSES = ("Stable core", "Contested", "Stable out", "Fixed by a decision")
MANDATORY = {"C-011", "C-015", "C-016", "C-017", "C-018"}


def _run(open_page, samples: int = 20, **state):
    at = open_page("robustness", **state)
    no_errors(at)
    assert at.info and "re-optimize" in at.info[0].value.lower()
    at.select_slider(key="w_rob_samples").set_value(samples)
    at.button(key="w_rob_run").click()
    at.run()
    return at


def test_a_small_run_shows_the_classes_and_the_three_lists(open_page) -> None:
    at = _run(open_page)
    no_errors(at)
    stored = at.session_state[S.FUNDING_ROBUSTNESS]
    result = stored["result"]
    assert result.samples == 20
    counts = [int(metric(at, label)) for label in CLASSES]
    assert sum(counts) == 77
    assert [t.label for t in at.tabs] == list(CLASSES)
    lists = [d.value for d in at.dataframe if "candidate_id" in d.value.columns]
    assert [len(frame) for frame in lists] == counts
    core = lists[0]
    assert set(core["candidate_id"]) == set(result.core)
    assert (core["p_funded"] >= 0.9).all()


def test_mandatory_and_overridden_projects_are_fixed_by_a_decision_never_stable(
        open_page) -> None:
    at = _run(open_page, force_in=["C-020"], force_out=["C-070"], pin_start={"C-030": 2029})
    no_errors(at)
    *weighed, fixed = [d.value for d in at.dataframe if "candidate_id" in d.value.columns]
    decided = dict(zip(fixed["candidate_id"], fixed["decision"], strict=True))
    for cid in MANDATORY:
        assert decided[cid] == "fixed: mandatory"
    assert decided["C-020"] == "fixed: forced in by the council"
    assert decided["C-070"] == "fixed: forced out by the council"
    assert decided["C-030"] == "fixed: pinned to start in FY2029"
    assert "p_funded" not in fixed.columns  # a decision, not a chance
    for frame in weighed:
        assert not set(frame["candidate_id"]) & set(decided)
    assert int(metric(at, "Fixed by a decision")) == len(decided)
    assert any(f"{len(decided)} more are fixed by a decision" in c.value for c in at.caption)


def test_the_council_workbook_carries_the_last_run(open_page, monkeypatch) -> None:
    from planner.export import workbook

    seen = {}
    original = workbook.export_workbook

    def spy(*args, **kwargs):
        seen["robustness"] = kwargs.get("robustness")
        return original(*args, **kwargs)

    monkeypatch.setattr(workbook, "export_workbook", spy)
    at = _run(open_page)
    at.switch_page("app_pages/export.py")
    at.run()
    no_errors(at)
    assert isinstance(seen["robustness"], FundingRobustness)
    assert seen["robustness"].samples == 20


def test_stored_sensitivity_shows_the_tornado_and_budget_tables(open_page) -> None:
    at = _run(open_page)
    base = at.session_state[S.FUNDING_ROBUSTNESS]["base"]
    one_way = OneWaySensitivity(ranges=(
        WeightRange("Legacy risk", 0.2, 0.05, 0.6, enters_above=("C-012",),
                    leaves_above=("C-047",)),
        WeightRange("Resident impact", 0.2, 0.0, 1.0)), tolerance=0.02, gap=0.0, solves=9,
        seconds=1.0)
    budget = BudgetSensitivity(lines=(
        BudgetLineSensitivity(2027, "General Fund", 2.5e6, 625_000.0, 0.4, enters=("C-046",)),),
        steps=(0.25,), gap=0.0, solves=1, seconds=0.1, notes=("Other limits are nearly used up.",))
    at.session_state[S.SENSITIVITY] = {"key": base, "one_way": one_way, "budget": budget}
    at.run()
    no_errors(at)
    tornado = next(d.value for d in at.dataframe if "criterion" in d.value.columns)
    assert list(tornado["criterion"]) == ["Legacy risk", "Resident impact"]
    table = next(d.value for d in at.dataframe if "would_fund" in d.value.columns)
    assert table.loc[0, "would_fund"] == "C-046"
    assert any("nearly used up" in c.value for c in at.caption)


def test_a_run_around_the_stakeholders_set_on_the_weights_page(open_page) -> None:
    at = open_page("weights")
    at.segmented_control(key="w_weight_mode").set_value("stakeholders")
    at.run()
    for name in ("Finance director", "IT director"):
        at.text_input(key="w_stakeholder_name").set_value(name)
        at.button(key="w_stakeholder_add").click()
        at.run()
    no_errors(at)
    at.switch_page("app_pages/robustness.py")
    at.run()
    no_errors(at)
    at.radio(key="w_rob_around").set_value("stakeholders")
    at.select_slider(key="w_rob_samples").set_value(20)
    at.button(key="w_rob_run").click()
    at.run()
    no_errors(at)
    result = at.session_state[S.FUNDING_ROBUSTNESS]["result"]
    assert result.around == "stakeholders" and result.samples == 20
    counts = [int(metric(at, label)) for label in CLASSES]
    assert sum(counts) == 77
