"""The Settings weighting checked against the sheets it needs, on the rows the user sees."""

from __future__ import annotations

import pytest

from planner.service import load_files
from tests.weighting_books import setting_row, weighted_book


def _issues(book: bytes) -> list[dict]:
    return [i.as_dict() for i in load_files([("city.xlsx", book)]).log.items
            if i.sheet in ("Criteria", "Settings")]


def _errors(book: bytes) -> list[dict]:
    return [i for i in _issues(book) if i["severity"] == "error"]


def test_good_ranks_and_swings_raise_no_issue() -> None:
    assert _errors(weighted_book("rank")) == []
    assert _errors(weighted_book("swing")) == []


def test_a_missing_rank_is_reported_on_its_row_under_the_users_header() -> None:
    book = weighted_book("rank", ranks=(1, None, 2, 3, 4, 5),
                         headers=("Criterion", "Column", "Direction", "Weight", "Scale min",
                                  "Scale max", "Priority rank", "Swing"))
    [issue] = _errors(book)
    assert (issue["sheet"], issue["row"], issue["column"]) == ("Criteria", 3, "Priority rank")
    assert issue["code"] == "missing-value"
    assert "'Resident impact' has no rank" in issue["message"]


def test_tied_ranks_name_both_rows() -> None:
    [issue] = _errors(weighted_book("rank", ranks=(1, 2, 2, 3, 4, 5)))
    assert issue["row"] == 4 and issue["code"] == "inconsistent-value"
    assert "'Staff hours freed' and 'Resident impact' (row 3) share rank 2" in issue["message"]


@pytest.mark.parametrize(("rank", "words"), [(0, "is 0"), (1.5, "is 1.5")])
def test_ranks_must_be_whole_numbers_from_one(rank: float, words: str) -> None:
    [issue] = _errors(weighted_book("rank", ranks=(rank, 2, 3, 4, 5, 6)))
    assert issue["row"] == 2 and words in issue["message"] and "whole numbers" in issue["message"]


def test_a_non_numeric_swing_is_blanked_then_reported_missing_on_its_row() -> None:
    issues = _issues(weighted_book("swing", swings=(80, 100, "a lot", 60, 10, 30)))
    on_row = [i for i in issues if i["row"] == 4]
    assert {i["code"] for i in on_row} == {"blanked-value", "missing-value"}
    assert any("'Staff hours freed' has no swing" in i["message"] for i in on_row)


def test_a_swing_over_100_and_all_zero_swings_are_errors() -> None:
    [over] = _errors(weighted_book("swing", swings=(80, 120, 40, 60, 10, 30)))
    assert over["row"] == 3 and over["code"] == "out-of-range" and "120" in over["message"]
    [zero] = _errors(weighted_book("swing", swings=(0, 0, 0, 0, 0, 0)))
    assert "Every swing is 0" in zero["message"]


def test_no_swing_of_100_is_a_warning_since_only_proportions_count() -> None:
    issues = _issues(weighted_book("swing", swings=(80, 90, 40, 60, 10, 30)))
    [warning] = [i for i in issues if i["severity"] == "warning"]
    assert warning["row"] == 3 and "No swing is 100" in warning["message"]


def test_ahp_without_a_pairwise_sheet_is_reported_on_the_settings_row() -> None:
    book = weighted_book("ahp")
    [issue] = _errors(book)
    assert (issue["sheet"], issue["row"]) == ("Settings", setting_row(book))
    assert "no Pairwise sheet" in issue["message"]


def test_an_unknown_weighting_is_reported_with_the_choices_and_the_default_kept() -> None:
    book = weighted_book("gut feeling")
    [issue] = _errors(book)
    assert issue["code"] == "invalid-choice" and issue["row"] == setting_row(book)
    assert "direct, ahp, rank, swing, entropy, critic" in issue["message"]
    assert load_files([("city.xlsx", book)]).portfolio.settings.weighting is None
