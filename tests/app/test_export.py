"""Export page: the council workbook and the JSON plan are offered for download."""

from __future__ import annotations

from tests.app.helpers import no_errors


def test_the_workbook_and_json_are_ready_to_download(open_page) -> None:
    at = open_page("export")
    no_errors(at)
    labels = [b.label for b in at.get("download_button")]
    assert "Download the council workbook (.xlsx)" in labels
    assert "Download the plan (JSON)" in labels
    assert any("projects funded" in t.value for t in at.text)


def test_the_council_brief_is_offered_as_a_tagged_pdf_of_two_to_four_pages(open_page) -> None:
    from app_pages._exports import BRIEFS
    from planner.brief.render import page_count
    from tests.brief.pdf_checks import catalog, pdf_text

    at = open_page("export")
    no_errors(at)
    [label] = [b.label for b in at.get("download_button") if "council brief" in b.label]
    _, pdf, pages = at.session_state[BRIEFS]
    assert label == f"Download the council brief (PDF, {pages} pages)"
    assert 2 <= pages <= 4 and page_count(pdf) == pages
    assert catalog(pdf)["ua_part"] == "1"
    assert "City of Riverton: modernization plan" in pdf_text(pdf)


def test_an_infeasible_plan_offers_the_workbook_and_no_brief(open_page) -> None:
    grid = {str(y): {"General Fund": 0.0, "Enterprise Fund (Utilities)": 0.0,
                     "ARPA/Federal Grant": 0.0, "IT Replacement Reserve": 0.0,
                     "IT staff (FTE)": 11.0} for y in range(2027, 2032)}
    at = open_page("export", budget=grid)
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert "Download the council workbook (.xlsx)" in labels
    assert not any("brief" in label for label in labels)
