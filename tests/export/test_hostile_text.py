"""No user text, wherever it appears in the portfolio, becomes a formula in the workbook."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from planner.core.models import Portfolio
from planner.export.safe_cells import clean_text
from planner.export.workbook import export_workbook
from planner.service import load_files
from tests.export.support import TIMESTAMP, hand_plan, stand_in_scores
from tests.factories import make_portfolio

OUR_FORMULA = re.compile(r'^=(SUM\([A-Z]+\d+:[A-Z]+\d+\)|[A-Z]+\d+-[A-Z]+\d+|'
                         r'IF\([A-Z]+\d+=0,"",[A-Z]+\d+/[A-Z]+\d+\))$')
INJECTIONS = ['=HYPERLINK("http://example.com","x")', "=1+2", "+A1", "-2+3", "@SUM(A1)",
              "\t=1", "\r=1", "=cmd|' /C calc'!A0", "=A1;B2"]
# Text equal to an Excel error code is written as text too, but the importer reads it as
# the error it looks like, so it is checked for formulas only, not for the round trip.
ERROR_LOOKALIKES = ["#REF!", "#N/A", "#DIV/0!"]


def hostile(portfolio: Portfolio, words: list[str]) -> Portfolio:
    """The portfolio with user text replaced in names, notes, funds and settings."""
    def pick(i: int) -> str:
        return words[i % len(words)]

    systems = {sid: s.model_copy(update={"name": pick(i), "notes": pick(i + 1),
                                          "vendor": pick(i + 2)})
               for i, (sid, s) in enumerate(portfolio.systems.items())}
    fund = portfolio.funds[0]
    candidates = {cid: c.model_copy(update={
        "name": pick(i + 3), "notes": pick(i + 4),
        "funding_sources": tuple(pick(5) if f == fund else f for f in c.funding_sources)})
        for i, (cid, c) in enumerate(portfolio.candidates.items())}
    budget = tuple(line.model_copy(update={"fund": pick(5)}) if line.fund == fund else line
                   for line in portfolio.budget)
    settings_ = portfolio.settings.model_copy(update={"city_name": pick(6),
                                                      "scenario_name": pick(7)})
    return portfolio.replace(systems=systems, candidates=candidates, budget=budget,
                             settings=settings_)


def formulas(data: bytes) -> list[tuple[str, str]]:
    """(sheet, formula) for every formula cell in a workbook."""
    workbook = load_workbook(io.BytesIO(data))
    return [(sheet.title, cell.value) for sheet in workbook.worksheets
            for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def usable(text: str) -> bool:
    """A name the models accept once sanitized (non-blank)."""
    return bool(clean_text(text).strip())


words = st.lists(st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)
                 .filter(usable) | st.sampled_from(INJECTIONS + ERROR_LOOKALIKES),
                 min_size=8, max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=words)
def test_no_user_string_anywhere_becomes_a_formula(texts: list[str]) -> None:
    portfolio = hostile(make_portfolio(n=12, seed=3), texts)
    scores = stand_in_scores(portfolio)
    data = export_workbook(portfolio, hand_plan(portfolio, scores), scores=scores,
                           timestamp=TIMESTAMP, scenario=texts[0])
    found = formulas(data)
    assert all(sheet == "By Fiscal Year" and OUR_FORMULA.match(f) for sheet, f in found)


@pytest.mark.parametrize("offset", range(len(INJECTIONS)))
def test_formula_like_user_text_round_trips_through_the_importer(offset: int) -> None:
    texts = INJECTIONS[offset:] + INJECTIONS[:offset]
    portfolio = hostile(make_portfolio(n=12, seed=3), texts)
    scores = stand_in_scores(portfolio)
    data = export_workbook(portfolio, hand_plan(portfolio, scores), scores=scores,
                           timestamp=TIMESTAMP)
    again = load_files([("roadmap.xlsx", data)]).portfolio
    expected = {sid: clean_text(s.name).strip() for sid, s in portfolio.systems.items()}
    assert {sid: s.name for sid, s in again.systems.items()} == expected
    assert {cid: c.notes for cid, c in again.candidates.items()} == \
        {cid: clean_text(c.notes).strip() for cid, c in portfolio.candidates.items()}
    assert again.settings.city_name == clean_text(portfolio.settings.city_name).strip()
    assert again.funds == [clean_text(f).strip() for f in portfolio.funds]
