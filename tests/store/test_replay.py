"""A stored scenario planned again from its own files and choices gives the plan it saved."""

from __future__ import annotations

import pytest

from planner.core.plans import Overrides
from planner.service import load_files, plan_portfolio
from planner.store.errors import StoreError
from planner.store.replay import choices_document, overrides_of, replay_scenario, summary_of
from planner.validate.canonical import portfolio_frames
from tests.factories import frames_to_xlsx, make_portfolio


@pytest.fixture(scope="module")
def sources() -> list[tuple[str, bytes]]:
    portfolio = make_portfolio(n=12, seed=4, with_mandatory=True)
    return [("town.xlsx", frames_to_xlsx(portfolio_frames(portfolio)))]


def test_the_choices_document_names_every_choice() -> None:
    over = Overrides(frozenset({"C0001"}), frozenset({"C0002"}), {"C0003": 2028})
    document = choices_document(method="topsis", weights={"Legacy risk": 0.4},
                                overrides=over, budget_edits={"GF": {"FY2028": 1}})
    assert document["overrides"] == {"force_in": ["C0001"], "force_out": ["C0002"],
                                     "pin_start": {"C0003": 2028}}
    assert overrides_of(document) == over
    assert document["budget_edits"] == {"GF": {"FY2028": 1}} and document["propose"] is False
    with pytest.raises(StoreError, match="cannot record the choice"):
        choices_document(colour="blue")


def test_planned_again_a_scenario_funds_what_it_funded_when_saved(sources) -> None:
    validated = load_files(sources)
    first = sorted(validated.portfolio.candidates)[0]
    choices = choices_document(method="topsis",
                               overrides=Overrides(force_out=frozenset({first})))
    roadmap = plan_portfolio(validated.portfolio, method="topsis",
                             overrides=overrides_of(choices), explain=False, frontier=False)
    summary = summary_of(roadmap)
    again = replay_scenario(sources, choices, explain=False, frontier=False)
    assert sorted(again.roadmap.plan.funded_ids) == sorted(summary["funded"])
    assert summary["funded"] and first not in summary["funded"]
    assert summary_of(again.roadmap)["value"] == pytest.approx(summary["value"], rel=1e-3)
    assert summary["method"] == "topsis" and summary["candidates"] == 12


def test_a_scenario_with_app_edits_is_not_planned_without_them(sources) -> None:
    with pytest.raises(StoreError, match="edits made in the app \\(budget_edits\\)"):
        replay_scenario(sources,
                        choices_document(budget_edits={"General Fund": {"FY2028": 5}}))
