"""Rating words per column, ServiceNow and LeanIX values, and what a header says of its scale."""

from __future__ import annotations

import pytest

from planner.values.ratings import header_direction, rating_words, split_label, word_key


@pytest.mark.parametrize("text, key", [("missionCritical", "mission critical"),
                                       (" Non-Critical.", "non critical"),
                                       ("end_of_life", "end of life"), ("phaseOut", "phase out")])
def test_word_keys_join_the_spellings_of_one_word(text: str, key: str) -> None:
    assert word_key(text) == key


@pytest.mark.parametrize("canonical, word, value", [
    ("criticality", "mission critical", 5), ("criticality", "business critical", 4),
    ("criticality", "business operational", 2), ("criticality", "administrative service", 1),
    ("criticality", "most critical", 5), ("criticality", "not critical", 1),
    ("criticality", "high", 4), ("security_risk", "severe", 5), ("security_risk", "low", 2),
    ("technical_condition", "excellent", 5), ("technical_condition", "poor", 2),
    ("technical_condition", "phase out", 2), ("functional_fit", "insufficient", 2),
    ("functional_fit", "perfect", 5), ("strategic_alignment", "central", 5),
    ("delivery_risk", "very risky", 5),
])
def test_each_column_reads_its_own_words(canonical: str, word: str, value: int) -> None:
    assert rating_words(canonical, set())[word] == value


def test_quality_words_are_not_read_as_risk_and_criticality_not_as_condition() -> None:
    assert "poor" not in rating_words("security_risk", set())
    assert "critical" not in rating_words("technical_condition", set())
    assert "excellent" not in rating_words("delivery_risk", set())


def test_a_five_word_quality_scale_moves_each_word_down_one_place() -> None:
    words = rating_words("functional_fit", {"poor", "fair", "good", "very good", "excellent"})
    assert [words[w] for w in ("poor", "fair", "good", "very good", "excellent")] == \
        [1, 2, 3, 4, 5]


def test_leanix_fit_values_follow_its_four_levels() -> None:
    words = rating_words("technical_condition", {"fully appropriate", "adequate",
                                                 "unreasonable", "inappropriate"})
    assert [words[w] for w in ("fully appropriate", "adequate", "unreasonable",
                               "inappropriate")] == [5, 4, 2, 1]


@pytest.mark.parametrize("text, expected", [("1 - most critical", (1, "most critical")),
                                            ("4 – Not critical", (4, "not critical")),
                                            ("5: Excellent", (5, "excellent")),
                                            ("High", None), ("3", None)])
def test_labels_after_a_number_are_split_off(text: str, expected: object) -> None:
    assert split_label(text) == expected


@pytest.mark.parametrize("header, expected", [
    ("Criticality (1 = most critical)", "reversed"), ("Risk (1=highest, 5=lowest)", "reversed"),
    ("Condition (1 = poor, 5 = excellent)", "normal"), ("Priority (5 = highest)", "normal"),
    ("Score (1 = blue)", "unclear"), ("Criticality (1-5)", None), ("Mission Criticality", None),
])
def test_what_a_header_says_of_its_direction(header: str, expected: str | None) -> None:
    words = rating_words("technical_condition" if "Condition" in header else "criticality",
                         set())
    assert header_direction(header, words) == expected
