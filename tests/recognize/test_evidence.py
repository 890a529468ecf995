"""Content evidence: the share of cells under a header that read as a column's kind."""

from __future__ import annotations

from planner.core.schema import Kind
from planner.recognize.evidence import content_fit


def test_money_text_and_ratings_are_told_apart() -> None:
    assert content_fit(Kind.MONEY, ["$10k", 2_500, "1,200", None]) == 1.0
    assert content_fit(Kind.MONEY, ["Police", "Parks", "Fire"]) == 0.0
    assert content_fit(Kind.SCALE_1_5, [1, 3, "High", 5]) == 1.0
    assert content_fit(Kind.SCALE_1_5, [12, 40, 3]) == 1 / 3
    assert content_fit(Kind.BOOLEAN, ["yes", "no", "Y"]) == 1.0


def test_text_columns_are_not_numbers_and_ids_are_unique() -> None:
    assert content_fit(Kind.TEXT, ["Billing", "Permits"]) == 1.0
    assert round(content_fit(Kind.TEXT, [120, 300, "Billing"]) or 0, 2) == 0.33
    assert content_fit(Kind.ID, ["S1", "S2", "S3"]) == 1.0
    assert content_fit(Kind.ID, ["S1", "S1", "S1", "S2"]) == 0.5


def test_too_few_cells_say_nothing() -> None:
    assert content_fit(Kind.MONEY, ["$10k"]) is None
    assert content_fit(Kind.MONEY, [None, "", "n/a"]) is None
