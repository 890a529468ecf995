"""The brief's words about the plan: the first paragraph, the figures, what is left out."""

from __future__ import annotations

from planner.brief.content import (
    comparison_sentence,
    count,
    key_figures,
    named,
    projects_by_year,
    spend_table,
    summary_paragraph,
    unfunded_rows,
    what_it_would_take,
)
from planner.core.plans import UnfundedItem
from planner.core.words import money
from tests.brief.briefs import sample_roadmap, small_roadmap


def test_the_first_paragraph_gives_the_plan_in_dollars_and_outcomes() -> None:
    roadmap = sample_roadmap()
    text = summary_paragraph(roadmap.portfolio, roadmap.plan, roadmap.result.values)
    spend = sum(i.total_cost for i in roadmap.plan.funded)
    assert text.startswith(f"The plan funds {len(roadmap.plan.funded)} of "
                           f"{len(roadmap.portfolio.candidates)} candidate projects over "
                           "FY2027 to FY2031")
    assert f"using {money(spend)} of the " in text
    for outcome in ("old systems", "of the legacy risk", "staff hours a year", "a year once"):
        assert outcome in text


def test_key_figures_are_worded_with_their_meaning() -> None:
    roadmap = small_roadmap()
    rows = key_figures(roadmap.portfolio, roadmap.plan, roadmap.result.values)
    labels = [r["label"] for r in rows]
    assert labels == ["Projects funded", "Capital used", "Legacy risk retired",
                      "Staff hours freed", "Net savings"]
    assert all(r["meaning"] for r in rows)
    assert rows[1]["figure"].startswith("$") and rows[1]["figure"][-1] in "MK0123456789"


def test_rank_and_cut_is_a_share_of_this_plans_value() -> None:
    roadmap = sample_roadmap()
    text = comparison_sentence(roadmap.result)
    assert "rank and cut" in text and "% of this plan's value" in text and "% more" in text


def test_what_it_would_take_names_projects_and_drops_internal_units() -> None:
    roadmap = sample_roadmap()
    portfolio = roadmap.portfolio
    [first, second] = list(portfolio.candidates)[:2]
    item = UnfundedItem(first, ("x",), ("budget",),
                        f"a value of 0.6 to 0.8 or more (now 0.2); or, alongside the current "
                        f"plan: $3.8M more in General Fund: $1M in FY2029, $2.8M in FY2030; "
                        f"1.5 more IT staff FTE in FY2029; fund its prerequisite {second} too",
                        value_needed=0.8)
    text = what_it_would_take(portfolio, item, 0.2)
    assert text == (f"$3.8M more in General Fund; 1.5 more full-time IT staff in FY2029; fund "
                    f"its prerequisite '{portfolio.candidates[second].name}' too - or a value "
                    "4.0 times today's")
    assert "now 0.2" not in text


def test_a_value_beyond_the_top_of_the_scale_is_not_offered() -> None:
    portfolio = small_roadmap().portfolio
    cid = next(iter(portfolio.candidates))
    item = UnfundedItem(cid, ("x",), ("budget",), "a value of 3 or more (now 0.5); or, "
                        "alongside the current plan: $1M more in Grants", value_needed=3.0)
    assert what_it_would_take(portfolio, item, 0.5) == \
        "$1M more in Grants - or no higher rating alone would fund it"
    nothing = UnfundedItem(cid, ("x",), ("budget",), "no value would do: its prerequisites "
                           "cannot finish in time")
    assert what_it_would_take(portfolio, nothing, 0.5) == \
        "even the top rating would not fund it: its prerequisites cannot finish in time"


def test_an_id_inside_a_longer_word_is_left_alone() -> None:
    portfolio = small_roadmap().portfolio
    cid = next(iter(portfolio.candidates))
    assert named(f"{cid}X and X{cid}", portfolio) == f"{cid}X and X{cid}"
    assert named(f"drop {cid}.", portfolio) == f"drop '{portfolio.candidates[cid].name}'."


def test_unfunded_rows_come_most_valuable_first_and_say_how_many_are_left_out() -> None:
    roadmap = sample_roadmap()
    values = roadmap.result.values
    listed = unfunded_rows(roadmap.portfolio, roadmap.plan, values, limit=5)
    assert listed["count"] == len(roadmap.plan.unfunded) and len(listed["rows"]) == 5
    names = {c.name: cid for cid, c in roadmap.portfolio.candidates.items()}
    shown = [values[names[r["project"]]] for r in listed["rows"]]
    assert shown == sorted(shown, reverse=True)
    assert listed["more"].startswith(f"The other {listed['count'] - 5} unfunded projects")
    assert all(r["why"] and r["takes"] for r in listed["rows"])


def test_the_spend_table_and_the_year_groups_cover_every_funded_project() -> None:
    roadmap = small_roadmap()
    portfolio, plan = roadmap.portfolio, roadmap.plan
    table = spend_table(portfolio, plan, portfolio.funds)
    assert table["header"] == ["Fiscal year", *portfolio.funds, "Total", "Budget"]
    assert [r[0] for r in table["rows"]] == [f"FY{y}" for y in portfolio.fiscal_years]
    groups = projects_by_year(portfolio, plan)
    text = " ".join(g["projects"] for g in groups)
    assert all(portfolio.candidates[c].name in text for c in plan.funded_ids)


def test_count_words_one_and_many() -> None:
    assert count(1, "project") == "1 project" and count(2, "project") == "2 projects"
