"""The council brief as a reader's software meets it: two to four tagged PDF/UA-1 pages whose
text, structure and pages are read back from the file itself."""

from __future__ import annotations

from functools import cache

import pytest

from planner.brief.render import MAX_PAGES, Brief, council_brief, page_count
from planner.core.plans import Plan, PlanResult, PlanStatus
from planner.errors import InfeasiblePlanError
from tests.brief.briefs import (
    HOSTILE,
    HOSTILE_CITY,
    HOSTILE_FUND,
    hostile_roadmap,
    sample_roadmap,
)
from tests.brief.pdf_checks import catalog, ink_share, page_images, pdf_text, structure_elements


@cache
def sample_brief() -> Brief:
    roadmap = sample_roadmap()
    return council_brief(roadmap.portfolio, roadmap.result, roadmap.scores)


@cache
def hostile_brief() -> Brief:
    roadmap = hostile_roadmap()
    return council_brief(roadmap.portfolio, roadmap.result, roadmap.scores)


def test_the_sample_citys_brief_is_two_to_four_pages() -> None:
    brief = sample_brief()
    assert 2 <= brief.pages <= MAX_PAGES
    assert page_count(brief.pdf) == brief.pages == len(page_images(brief.pdf))


def test_the_brief_is_tagged_pdf_ua_with_its_language_and_title() -> None:
    found = catalog(sample_brief().pdf)
    assert found["struct_tree"] and found["marked"]
    assert found["lang"].startswith("en")
    assert found["ua_part"] == "1"
    assert found["display_title"]
    assert found["title"].startswith("City of Riverton: modernization plan")


def test_every_figure_carries_alt_text_that_states_its_message() -> None:
    elements = structure_elements(sample_brief().pdf)
    figures = [alt for kind, alt in elements if kind == "/Figure"]
    assert figures, "the brief has no chart"
    for alt in figures:
        assert alt and "Spending peaks in FY20" in alt and "capital budget" in alt


def test_tables_have_header_cells_and_the_headings_are_in_order() -> None:
    elements = structure_elements(sample_brief().pdf)
    kinds = [kind for kind, _ in elements]
    assert kinds.count("/TH") >= 4 * kinds.count("/Table") // 2
    assert kinds.count("/Table") >= 4 and kinds.count("/THead") == kinds.count("/Table")
    assert kinds.count("/H1") == 1 and "/H2" in kinds


def test_the_text_reads_as_the_council_words_in_order() -> None:
    brief = sample_brief()
    text = pdf_text(brief.pdf)
    first = brief.document["summary"]
    assert first.startswith("The plan funds ") and first in text
    sentences = ["City of Riverton: modernization plan", "Scenario: FY2027-2031 baseline",
                 "The roadmap by year and fund", "What is not funded, and what each would take",
                 "What more or less money would change", "How priorities were set",
                 "Overrides", "How the plan was made"]
    places = [text.index(s) for s in sentences]
    assert places == sorted(places)  # the logical reading order is the printed order
    for internal in ("legacy_risk", "value_per_million", "would_fund", "enters_below",
                     "staff_hours_freed", "rank_and_cut"):
        assert internal not in text


def test_every_page_has_ink() -> None:
    pages = page_images(sample_brief().pdf)
    assert len(pages) == sample_brief().pages
    for page in pages:
        assert ink_share(page) > 0.01, page.name


def test_hostile_names_print_as_written_and_never_as_markup() -> None:
    brief = hostile_brief()
    text = pdf_text(brief.pdf)
    assert 1 <= brief.pages <= MAX_PAGES
    assert HOSTILE_CITY in text and "*Plan* #2 `x`" in text
    assert " ".join(HOSTILE_FUND.split()) in text
    shown = [name for name in HOSTILE if name[:12] in text]
    assert len(shown) >= 6  # the funded ones at least, verbatim
    assert "#set page(width: 1pt)" in text or "*bold* _under_ $x^2$" in text
    assert catalog(brief.pdf)["ua_part"] == "1"


def test_an_infeasible_plan_has_no_brief() -> None:
    roadmap = sample_roadmap()
    stuck = Plan(name="optimized", status=PlanStatus.INFEASIBLE, objective=0.0,
                 message="No plan satisfies every rule", reasons=("mandatory projects "
                                                                  "cost more than the budget",))
    result = PlanResult(optimized=stuck, baselines={}, values=roadmap.result.values)
    with pytest.raises(InfeasiblePlanError, match="No plan satisfies every rule"):
        council_brief(roadmap.portfolio, result, roadmap.scores)


def test_a_long_list_of_unfunded_projects_is_shortened_to_keep_four_pages() -> None:
    from planner.service import plan_portfolio
    from tests.factories import make_portfolio

    roadmap = plan_portfolio(make_portfolio(n=160, seed=5, budget_share=0.15), explain=False,
                             frontier=False)
    assert len(roadmap.plan.unfunded) > 60
    brief = council_brief(roadmap.portfolio, roadmap.result, roadmap.scores)
    assert brief.pages <= MAX_PAGES
    listed = brief.document["unfunded"]
    assert len(listed["rows"]) < listed["count"]
    assert f"The other {listed['count'] - len(listed['rows'])} unfunded projects" in \
        pdf_text(brief.pdf)


def test_characters_no_font_can_show_become_question_marks_and_controls_go() -> None:
    from planner.brief.document import build_document
    from planner.brief.render import compile_brief, roadmap_chart

    roadmap = hostile_roadmap()
    document = build_document(roadmap.portfolio, roadmap.result, roadmap.scores)
    document["summary"] = "Permits \u4e2d\u6587 online \U0001f600 for \u0e01 x\x01y\ufffe z."
    document["unfunded"]["rows"][0]["project"] = "Fund\x00 \u202e reversed"
    pdf = compile_brief(document, roadmap_chart(roadmap.portfolio, roadmap.result))
    text = pdf_text(pdf)
    assert "Permits ?? online " in text and " for ? xy z." in text  # an emoji font may exist
    assert "Fund [U+202E] reversed" in text
    assert catalog(pdf)["ua_part"] == "1"


def test_a_fund_named_with_control_characters_still_gets_its_chart() -> None:
    import pandas as pd

    from planner.export.chart_specs import spend_vs_caps, to_png

    spend = pd.DataFrame({"fiscal_year": [2027], "fund": ["Grant\x01\x1f\ufffe fund"],
                          "amount": [1e6]})
    caps = pd.DataFrame({"fiscal_year": [2027], "cap": [2e6], "carried_in": [0.0]})
    assert to_png(spend_vs_caps(spend, caps), width=200, scale=1)[:4] == b"\x89PNG"
