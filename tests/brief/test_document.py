"""The brief's document: every text the template lays out, in council words."""

from __future__ import annotations

import datetime as dt
import re

from planner.brief.content import Limits
from planner.brief.document import build_document, roadmap_alt, roadmap_caption
from tests.brief.briefs import sample_roadmap

INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b")  # names such as legacy_risk, value_per_million


def test_the_document_names_the_city_and_scenario_on_the_cover() -> None:
    roadmap = sample_roadmap()
    doc = build_document(roadmap.portfolio, roadmap.result, roadmap.scores,
                         scenario="Council option B", prepared=dt.date(2026, 12, 1))
    assert doc["city"] == "City of Riverton" and doc["scenario"] == "Council option B"
    assert doc["title"] == "City of Riverton: modernization plan, council brief " \
                           "(Council option B)"
    assert doc["prepared"] == "December 1, 2026"


def test_no_internal_name_reaches_the_council() -> None:
    roadmap = sample_roadmap()
    doc = build_document(roadmap.portfolio, roadmap.result, roadmap.scores)
    words = " ".join(texts({k: v for k, v in doc.items() if k not in ("city", "scenario")}))
    assert INTERNAL.findall(words) == []
    assert "$2,500,000" not in words and ".00" not in words


def texts(value: object) -> list[str]:
    """Every text a document holds (its values, not its keys)."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in texts(v)]
    return [value] if isinstance(value, str) else []


def test_limits_shorten_the_long_lists() -> None:
    roadmap = sample_roadmap()
    doc = build_document(roadmap.portfolio, roadmap.result, roadmap.scores,
                         limits=Limits(unfunded=3, retired=2))
    assert len(doc["unfunded"]["rows"]) == 3 and len(doc["retired"]["rows"]) == 2
    assert doc["retired"]["more"].startswith("and ")


def test_the_roadmap_alt_text_states_the_charts_message() -> None:
    roadmap = sample_roadmap()
    alt = roadmap_alt(roadmap.portfolio, roadmap.result)
    assert "Spending peaks in FY" in alt and "Every year stays within its capital budget" in alt
    assert all(fund in alt for fund in roadmap.portfolio.funds)
    assert "carry-over" not in roadmap_caption(roadmap.portfolio)
