"""The council workbook records whose weights they were, and importing it gives them back."""

from __future__ import annotations

import io
from functools import cache

import pytest
from openpyxl import load_workbook

from planner.core.models import Severity, Stakeholder
from planner.export.stakeholders import use_sentence
from planner.export.template import template_bytes
from planner.score.criteria import PRESETS
from planner.score.scoring import score_portfolio
from planner.service import council_workbook, load_files, plan_portfolio
from tests.validate.test_stakeholders import CRITERIA, sample_with

PANEL = [["stakeholder", "role", *CRITERIA],
         ["Mayor", "Elected", 30, 20, 10, 10, 20, 10],
         ["Finance director", "Finance", 10, 10, 10, 50, 10, 10],
         ["Resident services", None, 10, 50, 20, 5, 10, 5]]


@cache
def exported(**weights: float) -> tuple[object, bytes]:
    """The sample city with three stakeholders, planned (with hand weights, if given) and
    exported: (roadmap, workbook bytes)."""
    validated = load_files([("city.xlsx", sample_with("Stakeholders", PANEL))])
    roadmap = plan_portfolio(validated.portfolio, weights=weights or None, explain=False,
                             frontier=False, robustness=None)
    return roadmap, council_workbook(roadmap, validated)


def test_the_workbook_lists_each_stakeholders_weights_under_the_rule() -> None:
    _, data = exported()
    sheet = load_workbook(io.BytesIO(data))["Stakeholders"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Stakeholders' weights"
    assert "geometric mean" in rows[1][0]
    assert "These are the weights this plan was made with." in rows[1][0]
    header = rows.index(["stakeholder", "role", *CRITERIA])
    assert rows[header + 1:] == [r for r in PANEL[1:]]


def test_reimporting_gives_the_same_stakeholders_weights_and_plan() -> None:
    roadmap, data = exported()
    again = load_files([("roadmap.xlsx", data)])
    people = again.portfolio.stakeholders
    assert [(p.name, p.role) for p in people] == [(r[0], r[1]) for r in PANEL[1:]]
    assert [list(p.weights.values()) for p in people] == [r[2:] for r in PANEL[1:]]
    assert not [i for i in again.log.items if i.sheet == "Stakeholders"
                and i.severity is not Severity.INFO]
    scores = score_portfolio(again.portfolio)
    assert scores.weights == pytest.approx(roadmap.scores.weights)
    replanned = plan_portfolio(again.portfolio, explain=False, frontier=False)
    assert replanned.result.optimized.funded_ids == roadmap.result.optimized.funded_ids


def test_weights_set_by_hand_are_recorded_as_such_and_reimported_as_planned() -> None:
    hand = dict(zip(CRITERIA, [90, 2, 2, 2, 2, 2], strict=True))
    roadmap, data = exported(**hand)
    sheet = load_workbook(io.BytesIO(data))["Stakeholders"]
    assert "This plan was made with other weights" in sheet["A2"].value
    again = load_files([("roadmap.xlsx", data)])
    assert len(again.portfolio.stakeholders) == 3
    assert score_portfolio(again.portfolio).weights == pytest.approx(roadmap.scores.weights)


def test_no_stakeholders_no_sheet() -> None:
    validated = load_files([("city.xlsx", sample_with("Notes", [["nothing here"]]))])
    roadmap = plan_portfolio(validated.portfolio, explain=False, frontier=False)
    assert "Stakeholders" not in load_workbook(io.BytesIO(
        council_workbook(roadmap, validated))).sheetnames


def test_stakeholders_of_other_criteria_are_said_not_to_be_combined() -> None:
    other = [Stakeholder(name="A", weights={"Colour": 1.0})]
    assert "not combined" in use_sentence(other, PRESETS["balanced"].criteria, None)


def test_the_template_offers_a_stakeholders_sheet_with_the_presets_criteria() -> None:
    book = load_workbook(io.BytesIO(template_bytes()))
    sheet = book["Stakeholders"]
    assert [c.value for c in sheet[1]] == ["stakeholder", "role", *CRITERIA]
    assert any("Stakeholders (optional)" in str(c.value) for c in book["Instructions"]["A"])
