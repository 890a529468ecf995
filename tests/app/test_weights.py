"""Criteria & weights page: sliders, presets, methods, AHP judgments and stakeholders."""

from __future__ import annotations

from app_pages import _state as S
from planner import PRESETS
from tests.app.helpers import no_errors


def top_table(at):
    return next(d.value for d in at.dataframe if "move" in d.value.columns)


def test_the_page_shows_sliders_for_the_preset_criteria(open_page) -> None:
    at = open_page("weights")
    no_errors(at)
    keys = {s.key for s in at.slider}
    assert "w_weight_legacy_risk" in keys and "w_weight_resident_impact" in keys
    assert at.slider(key="w_weight_legacy_risk").value == 20.0


def test_moving_a_weight_changes_the_ranking_and_the_plan(open_page) -> None:
    at = open_page("weights")
    before = top_table(at)["candidate"].tolist()
    for key in ("w_weight_resident_impact", "w_weight_staff_hours_freed",
                "w_weight_net_annual_savings", "w_weight_strategic_alignment",
                "w_weight_delivery_risk"):
        at.slider(key=key).set_value(0.0)
    at.slider(key="w_weight_legacy_risk").set_value(100.0)
    at.run()
    no_errors(at)
    assert at.session_state[S.WEIGHTS]["Legacy risk"] == 100.0
    after = top_table(at)
    assert after["candidate"].tolist() != before
    assert any(m.label == "Projects funded" for m in at.metric)


def test_a_preset_resets_the_weights(open_page) -> None:
    at = open_page("weights")
    at.slider(key="w_weight_legacy_risk").set_value(90.0)
    at.run()
    at.selectbox(key="w_preset").set_value("fiscal_stewardship")
    at.run()
    no_errors(at)
    assert at.session_state[S.PRESET] == "fiscal_stewardship"
    assert at.session_state[S.WEIGHTS] is None
    assert "w_weight_payback" in {s.key for s in at.slider}


def test_the_method_can_be_changed(open_page) -> None:
    at = open_page("weights")
    at.radio(key="w_method").set_value("topsis")
    at.run()
    no_errors(at)
    assert at.session_state[S.METHOD] == "topsis"


def test_pairwise_judgments_give_weights_and_a_consistency_ratio(open_page) -> None:
    at = open_page("weights")
    at.segmented_control(key="w_weight_mode").set_value("pairwise")
    at.run()
    no_errors(at)
    assert len(at.select_slider) == 15  # six criteria: fifteen pairs
    assert "Consistency ratio" in at.success[0].value
    # Contradict the others: resident impact far above legacy risk.
    at.select_slider(key="w_pair_0_1").set_value(1 / 9)
    at.run()
    assert not at.exception
    assert at.warning and "above 0.10" in at.warning[0].value
    assert any(t.value.startswith("Revisit:") for t in at.text)
    weights = at.session_state[S.WEIGHTS]
    assert weights["Resident impact"] > weights["Legacy risk"]


def add(at, name: str) -> None:
    at.text_input(key="w_stakeholder_name").set_value(name)
    at.button(key="w_stakeholder_add").click()
    at.run()


def test_stakeholders_added_in_the_app_are_combined_by_geometric_mean(open_page) -> None:
    at = open_page("weights")
    at.segmented_control(key="w_weight_mode").set_value("stakeholders")
    at.run()
    add(at, "Finance director")
    add(at, "IT director")
    no_errors(at)
    table = at.session_state[S.STAKEHOLDERS]
    assert table["stakeholder"].tolist() == ["Finance director", "IT director"]
    assert any(t.value.startswith("Most contested:") for t in at.text)
    result = next(d.value for d in at.dataframe if "Group (geometric mean)" in d.value.index)
    assert abs(result.loc["Group (geometric mean)"].sum() - 100) < 1e-6


def criteria_weights(at) -> dict[str, str]:
    table = next(d.value for d in at.dataframe if "measured by" in d.value.columns)
    return dict(zip(table["criterion"], table["weight in use"], strict=True))


def test_the_criteria_table_shows_the_weights_in_use_and_the_preset_gives_way(
        open_page, monkeypatch) -> None:
    recorded: list[str] = []
    monkeypatch.setattr("app_pages._session.record_choice", recorded.append)
    at = open_page("weights")
    assert criteria_weights(at)["Legacy risk"] == "20.0%"
    assert at.selectbox(key="w_preset").value == "balanced"
    assert any(PRESETS["balanced"].description in c.value for c in at.caption)
    at.slider(key="w_weight_legacy_risk").set_value(60.0)
    at.run()
    no_errors(at)
    assert criteria_weights(at)["Legacy risk"] == "42.9%"  # 60 of 140
    assert at.selectbox(key="w_preset").value == "custom"
    assert not any(PRESETS["balanced"].description in c.value for c in at.caption)
    assert any("weights of your own" in c.value for c in at.caption)
    assert recorded and recorded[-1].startswith("Weight of Legacy risk")
    at.selectbox(key="w_preset").set_value("balanced")
    at.run()
    assert at.session_state[S.WEIGHTS] is None
    assert at.selectbox(key="w_preset").value == "balanced"
    assert criteria_weights(at)["Legacy risk"] == "20.0%"


def test_opening_the_pairwise_tab_changes_no_weight(open_page) -> None:
    at = open_page("weights")
    at.segmented_control(key="w_weight_mode").set_value("pairwise")
    at.run()
    assert at.session_state[S.WEIGHTS] is None
    assert at.selectbox(key="w_preset").value == "balanced"
