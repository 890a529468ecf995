"""Which way a rating column runs: labels, headers and mapping profiles decide; else report."""

from __future__ import annotations

from planner.validate.scales import decide_scale


def test_servicenow_labels_invert_onto_the_five_is_most_scale() -> None:
    decision = decide_scale("Business Criticality", "criticality",
                            ["1 - most critical", "2 - somewhat critical", "3 - less critical",
                             "4 - not critical", 2])
    assert decision.numbers == {1: 5, 2: 4, 3: 2, 4: 1}
    assert decision.reason == "its own labels pair 1 with the most" and not decision.unclear


def test_a_header_that_says_one_is_most_reverses_the_numbers() -> None:
    five = decide_scale("Criticality (1 = most critical)", "criticality", [1, 2, 5])
    assert five.numbers == {1: 5, 2: 4, 3: 3, 4: 2, 5: 1} and five.reason == "its header says so"
    four = decide_scale("Criticality (1 = most critical)", "criticality", [1, 2, 4])
    assert four.numbers == {1: 5, 2: 4, 3: 2, 4: 1}


def test_a_profile_marked_column_reads_six_minus_the_value() -> None:
    decision = decide_scale("Tier", "criticality", [1, 2, 3], marked_reversed=True)
    assert decision.numbers == {1: 5, 2: 4, 3: 3, 4: 2, 5: 1}


def test_servicenow_numbers_without_labels_are_kept_and_reported() -> None:
    decision = decide_scale("busines_criticality", "criticality", [1, 2, 3, 4, 2])
    assert decision.numbers == {} and "ServiceNow" in decision.unclear


def test_a_direction_in_unknown_words_is_reported() -> None:
    decision = decide_scale("Rating (1 = blue)", "criticality", [1, 2, 3])
    assert decision.numbers == {} and "could not be read" in decision.unclear


def test_ordinary_ratings_are_left_alone() -> None:
    for header, values in [("Mission Criticality", [5, "5 - critical", 4, 3]),
                           ("Security", [1, 2, 3, 4]), ("Criticality", [1, 2, 3, 4, 5])]:
        decision = decide_scale(header, "criticality" if "Crit" in header else "security_risk",
                                values)
        assert (decision.numbers, decision.unclear) == ({}, None)
