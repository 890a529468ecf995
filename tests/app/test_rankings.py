"""Rankings page: ranked table with contributions, method comparison, rank robustness."""

from __future__ import annotations

from tests.app.helpers import no_errors


def test_the_ranking_method_comparison_and_robustness_render(open_page) -> None:
    at = open_page("rankings")
    no_errors(at)
    ranking = next(d.value for d in at.dataframe if "funded" in d.value.columns)
    assert ranking["rank"].tolist() == sorted(ranking["rank"])
    assert len(ranking) == 77
    tau = next(d.value for d in at.dataframe if "topsis" in d.value.index)
    assert tau.loc["wsm", "wsm"] == 1
    assert any(m.label == "Top choice stays first" for m in at.metric)


def test_robustness_can_let_the_weights_vary_freely(open_page) -> None:
    at = open_page("rankings")
    at.radio(key="w_smaa_around").set_value("any")
    at.select_slider(key="w_smaa_samples").set_value(1_000)
    at.run()
    no_errors(at)
    assert any(m.label == "Always in the top 10" for m in at.metric)


def test_weights_from_the_session_change_the_ranking(open_page) -> None:
    equal = {"Legacy risk": 100.0, "Resident impact": 0.0, "Staff hours freed": 0.0,
             "Net annual savings": 0.0, "Strategic alignment": 0.0, "Delivery risk": 0.0}
    at = open_page("rankings", weights=equal)
    no_errors(at)
    first = next(d.value for d in at.dataframe if "funded" in d.value.columns)
    plain = open_page("rankings")
    second = next(d.value for d in plain.dataframe if "funded" in d.value.columns)
    assert first["candidate_id"].tolist()[:5] != second["candidate_id"].tolist()[:5]
