"""Canonical tables round-trip through the importer to the same portfolio."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.service import load_files
from planner.validate.canonical import portfolio_frames
from tests.factories import frames_to_xlsx, make_portfolio


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 40))
def test_generated_portfolio_round_trips_through_the_importer(seed: int, n: int) -> None:
    portfolio = make_portfolio(n=n, seed=seed, with_mandatory=n >= 10, with_staff=True)
    result = load_files([("round.xlsx", frames_to_xlsx(portfolio_frames(portfolio)))])
    assert not result.log.has_errors
    assert result.portfolio.candidates == portfolio.candidates
    assert result.portfolio.systems == portfolio.systems
    assert result.portfolio.processes == portfolio.processes
    assert result.portfolio.budget == portfolio.budget
    assert result.portfolio.settings == portfolio.settings


def test_candidates_frame_has_one_spend_column_per_explicit_year() -> None:
    portfolio = make_portfolio(n=60, seed=3)
    frame = portfolio_frames(portfolio)["Candidates"]
    years = {y for c in portfolio.candidates.values() for y in c.spend_profile}
    assert years
    assert {f"cost_FY{y}" for y in years} <= set(frame.columns)
