"""The closed vocabularies read natural spellings once, and refuse anything else by name."""

from __future__ import annotations

import pytest

from planner.core.vocabulary import Approach, Direction, Severity


@pytest.mark.parametrize(("text", "member"), [
    ("SaaS", Approach.REPURCHASE), ("Lift and Shift", Approach.REHOST),
    ("re-platform", Approach.REPLATFORM), (" Digitise ", Approach.DIGITIZE),
    ("REPLACE", Approach.REPLACE),
])
def test_an_approach_is_read_from_the_words_clerks_write(text: str, member: Approach) -> None:
    assert Approach.from_alias(text) is member
    assert Approach(text) is member


@pytest.mark.parametrize(("text", "member"), [
    ("+", Direction.MAX), ("higher is better", Direction.MAX), ("Maximise", Direction.MAX),
    ("-", Direction.MIN), ("cost", Direction.MIN), ("lower_is_better", Direction.MIN),
])
def test_a_direction_accepts_signs_and_phrases(text: str, member: Direction) -> None:
    assert Direction.from_alias(text) is member


def test_severity_reads_short_forms_and_compares_as_text() -> None:
    assert Severity.from_alias("warn") is Severity.WARNING
    assert Severity("note") is Severity.INFO
    assert Severity.ERROR == "error"


def test_an_unknown_word_is_refused_with_the_choices_listed() -> None:
    with pytest.raises(ValueError, match="retire, retain, rehost"):
        Approach.from_alias("Ask the vendor")
    with pytest.raises(ValueError):
        Direction("sideways")
