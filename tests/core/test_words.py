"""One wording of money, fiscal years, shares and the solver status for every output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.core.plans import Plan, PlanStatus
from planner.core.words import (
    fy,
    fy_span,
    money,
    money_full,
    share,
    status_words,
    years_words,
)
from planner.plan.optimize import optimize
from tests.plan.support import cand, portfolio

ROOT = Path(__file__).resolve().parents[2]
# the places that show plans, money and years to people, and so must use planner.core.words
WORDED = ("planner/plan", "planner/export", "planner/views", "planner/cli",
          "planner/explain/budget_sensitivity.py", "planner/propose/estimates.py", "app_pages")


@pytest.mark.parametrize(("amount", "expected"), [
    (12_400_000, "$12.4M"), (4_100_000, "$4.1M"), (125_000_000, "$125M"), (850_000, "$850K"),
    (12_000, "$12K"), (1_000, "$1K"), (450, "$450"), (0, "$0"), (-1_200_000, "-$1.2M"),
    (-850_000, "-$850K"), (None, "-"),
])
def test_money_reads_like_a_council_packet(amount: float | None, expected: str) -> None:
    assert money(amount) == expected


@pytest.mark.parametrize(("amount", "expected"), [
    (999_999, "$1.0M"), (999.6, "$1K"), (99_960_000, "$100M"),
])
def test_money_picks_its_unit_after_rounding(amount: float, expected: str) -> None:
    assert money(amount) == expected


def test_money_in_full_gives_every_dollar() -> None:
    assert [money_full(v) for v in (12_400_000, 850_000, 450.4, -1_250, None)] == [
        "$12,400,000", "$850,000", "$450", "-$1,250", "-"]


def test_fiscal_years_shares_and_horizons_are_worded_one_way() -> None:
    assert fy(2027) == "FY2027"
    assert (fy_span(2027, 2029), fy_span(2028, 2028)) == ("FY2027-FY2029", "FY2028")
    assert years_words([2027, 2028, 2029]) == "FY2027 to FY2029"
    assert (years_words([2031]), years_words([])) == ("FY2031", "no fiscal years")
    assert (share(0.18), share(0.0012, 2)) == ("18%", "0.12%")


def test_the_status_label_adds_the_gap_only_when_it_shows() -> None:
    feasible = Plan("optimized", PlanStatus.FEASIBLE, 10.0, bound=10.012, gap=0.0012)
    assert status_words(feasible) == ("Feasible, but not proven optimal (within 0.12% of the "
                                      "best possible value)")
    closed = Plan("optimized", PlanStatus.OPTIMAL, 10.0, bound=10.0, gap=0.00001)
    assert status_words(closed) == "Proven optimal"
    assert status_words(Plan("greedy", PlanStatus.HEURISTIC, 3.0)) == \
        "Rule-based plan (no optimality proof)"


def test_the_status_sentence_starts_with_its_label_and_gives_the_figures() -> None:
    optimal = Plan("optimized", PlanStatus.OPTIMAL, 12.5, bound=12.5, gap=0.0)
    assert status_words(optimal, sentence=True) == (
        "Proven optimal: no plan that meets every constraint captures more value than 12.5.")
    feasible = Plan("optimized", PlanStatus.FEASIBLE, 10.0, bound=10.012, gap=0.0012)
    assert status_words(feasible, sentence=True) == (
        "Feasible, but not proven optimal: the best possible plan captures at most 0.12% more "
        "value (bound 10.01).")
    stopped = Plan("optimized", PlanStatus.TIME_LIMIT, 10.0, bound=11.0, gap=0.1)
    assert status_words(stopped, sentence=True).startswith(
        "Stopped at the solver's limit: this plan captures 10, and no plan can capture more "
        "than 11 (10.00% more).")
    infeasible = Plan("optimized", PlanStatus.INFEASIBLE, 0.0, reasons=("A is forced out",))
    assert status_words(infeasible, sentence=True) == (
        "No plan satisfies every rule: A is forced out")


def test_the_optimized_plan_carries_its_status_sentence_as_its_message() -> None:
    caps = {2027: {"General": 100.0}}
    solved = optimize(portfolio([cand("A", 60), cand("B", 60)], caps), {"A": 2, "B": 1})
    assert solved.message == status_words(solved, sentence=True)
    assert solved.message.startswith("Proven optimal")
    stuck = optimize(portfolio([cand("M", 200, mandatory=True)], caps), {"M": 1})
    assert stuck.message == status_words(stuck, sentence=True)
    assert stuck.message.startswith("No plan satisfies every rule: ")


def test_no_module_formats_money_or_fiscal_years_by_hand() -> None:
    by_hand = re.compile(r"/ 1e[36]:|\$\{[^}]*:,\.0f\}|[\"']FY\{")
    allowed = {ROOT / "planner" / "core" / "words.py"}
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for place in map(ROOT.joinpath, WORDED)
        for path in ([place] if place.is_file() else sorted(place.rglob("*.py")))
        if path not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if by_hand.search(line)
    ]
    assert offenders == []


def test_points_and_the_money_number_formats_are_defined_beside_the_words() -> None:
    from planner.core.words import MONEY_COMPACT_FORMAT, MONEY_FULL_FORMAT, points

    assert (points(19.6903), points(0), points(None)) == ("19.7 points", "0.0 points", "-")
    # the compact format switches unit where `money` does: $1.0M from 999,500, $1K from 999.5
    assert MONEY_COMPACT_FORMAT.startswith('[>=999500]"$"#,##0.0,,"M";[>=999.5]"$"#,##0,"K"')
    assert (money(999_500), money(999.5)) == ("$1.0M", "$1K")
    assert ".00" not in MONEY_FULL_FORMAT + MONEY_COMPACT_FORMAT


def test_a_status_in_a_table_cell_is_a_few_plain_words() -> None:
    from planner.core.words import status_short

    assert status_short("time_limit") == "stopped by a limit"
    assert status_short(PlanStatus.OPTIMAL) == "proven optimal"
    assert status_short("unheard_of") == "unheard of"
