"""Planned portfolios shared by the brief's tests: a generated city, one whose every name is
hostile to a typesetter, and the bundled sample city (each planned once per test run)."""

from __future__ import annotations

from functools import cache

from planner.core.models import Portfolio
from planner.service import Roadmap, load_paths, plan_portfolio
from tests.factories import SAMPLE, make_portfolio

# Names a city could type that Typst markup would misread: headings, emphasis, maths,
# labels, references, code, comments, escapes, raw blocks, and a very long word.
HOSTILE = ("#set page(width: 1pt)", "*bold* _under_ $x^2$", "<label> @ref", "\\ back\\slash",
           "= Heading", "// comment /* open", "`raw` ```block", "#{ panic() }",
           "[brackets] {braces}", "Ünïcödé – “quotes” & <tags>", "x" * 90,
           "- list + enum / term:", "~ nbsp -- dash ---", "#let a = 1; #a")
HOSTILE_CITY = "City of #strong[Hostile] *Town* $1 <x>"
HOSTILE_FUND = "Fund #1 *special* $ <grant> @ref"


def hostile_portfolio() -> Portfolio:
    """A generated city whose projects, systems, funds, city and scenario have hostile names."""
    portfolio = make_portfolio(n=16, seed=4)
    candidates = [c.model_copy(update={"name": HOSTILE[i % len(HOSTILE)] + f" {i}",
                                       "funding_sources": [HOSTILE_FUND if f == portfolio.funds[0]
                                                           else f for f in c.funding_sources]})
                  for i, c in enumerate(portfolio.candidates.values())]
    systems = [s.model_copy(update={"name": HOSTILE[-1 - i % len(HOSTILE)]})
               for i, s in enumerate(portfolio.systems.values())]
    budget = [line.model_copy(update={"fund": HOSTILE_FUND})
              if line.fund == portfolio.funds[0] else line for line in portfolio.budget]
    settings = portfolio.settings.model_copy(update={"city_name": HOSTILE_CITY,
                                                     "scenario_name": "*Plan* #2 `x`"})
    return Portfolio.build(systems=systems, processes=list(portfolio.processes.values()),
                           candidates=candidates, budget=budget, settings=settings)


@cache
def hostile_roadmap() -> Roadmap:
    """The hostile city, planned."""
    return plan_portfolio(hostile_portfolio(), explain=False)


@cache
def small_roadmap() -> Roadmap:
    """A generated city of 14 candidates, planned with its frontier."""
    return plan_portfolio(make_portfolio(n=14, seed=3), explain=False)


@cache
def sample_roadmap() -> Roadmap:
    """The bundled sample city, planned as `planner brief` plans it."""
    from planner.core.plans import Overrides

    portfolio = load_paths([SAMPLE]).portfolio
    return plan_portfolio(portfolio, overrides=Overrides.from_settings(portfolio.settings),
                          explain_seconds=5.0)
