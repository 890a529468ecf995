"""The closed set of reason codes: one table of words, the docs say the same, nothing else."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from planner.core.plans import Overrides
from planner.core.reasons import REASONS, ReasonCode, reason_words, reasons_words
from planner.plan.baselines import greedy, rank_and_cut
from planner.plan.optimize import optimize
from tests.factories import make_portfolio

DOCS = Path(__file__).resolve().parents[2] / "docs" / "optimizer.md"
ROW = re.compile(r"^\| `(?P<code>[a-z_]+)` \| (?P<words>[^|]+) \| (?P<meaning>[^|]+) \|$")


def docs_table() -> dict[str, tuple[str, str]]:
    """The reason-code table of docs/optimizer.md: code -> (words, meaning)."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### Reason codes", 1)[1].split("\n#", 1)[0]
    rows = [ROW.match(line) for line in section.splitlines() if line.startswith("| `")]
    assert all(rows), "every table row reads | `code` | words | meaning |"
    return {m["code"]: (m["words"].strip(), m["meaning"].strip()) for m in rows if m}


def test_every_code_has_its_words_and_meaning_in_the_one_table() -> None:
    assert list(REASONS) == list(ReasonCode)
    assert all(w.words and w.meaning.endswith(".") for w in REASONS.values())
    assert len({w.words for w in REASONS.values()}) == len(REASONS)


def test_the_docs_table_lists_exactly_the_codes_with_the_same_words() -> None:
    assert docs_table() == {code.value: (w.words, w.meaning) for code, w in REASONS.items()}


def test_codes_equal_the_plain_strings_the_json_has_always_held() -> None:
    assert ReasonCode.BUDGET == "budget"
    assert json.dumps([ReasonCode.FORCED_OUT, ReasonCode.PREREQUISITE_TIMING]) == \
        '["forced_out", "prerequisite_timing"]'
    assert reason_words("budget") == "not enough budget"
    assert reasons_words(["budget", ReasonCode.STAFF, "budget"]) == \
        "not enough budget; staff capacity"


def test_a_code_outside_the_set_is_refused() -> None:
    for retired in ("fund", "forced-out"):
        with pytest.raises(ValueError):
            reason_words(retired)


@pytest.mark.parametrize("seed", range(3))
def test_every_code_the_planner_emits_on_generated_portfolios_is_a_member(seed: int) -> None:
    portfolio = make_portfolio(n=60, seed=seed, with_staff=True, with_mandatory=True,
                               with_dependencies=True, budget_share=0.3)
    values = {cid: float(1 + (i * 13 % 29)) for i, cid in enumerate(portfolio.candidates)}
    overrides = Overrides(force_out=frozenset(list(portfolio.candidates)[-2:]))
    emitted: list[str] = []
    for over in (None, overrides):
        # a loose gap and a short limit: the reasons are worded for whatever plan is found
        for plan in (optimize(portfolio, values, overrides=over, time_limit=1, gap=0.05),
                     rank_and_cut(portfolio, values, overrides=over),
                     greedy(portfolio, values, overrides=over)):
            emitted += [code for item in plan.unfunded for code in item.codes]
    assert emitted
    assert all(isinstance(code, ReasonCode) for code in emitted), set(emitted)
