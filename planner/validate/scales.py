"""Which way a 1-5 rating column runs, decided once from its header and all its values.

Words ('High', 'missionCritical', '4 - not critical') have one meaning on the planner's
scale, whatever the column's numbers do. Numbers are kept as they are unless the column
says it runs the other way: a mapping profile marks it reversed, its own labels pair 1 with
the most, or its header says '1 = most critical'. When the direction cannot be told (a
ServiceNow-style criticality of 1 to 4 with no labels), the numbers are kept and the column
is reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner.values.parse import CellError, clean_text, is_missing, to_number
from planner.values.ratings import (
    SERVICENOW_CRITICALITY,
    header_direction,
    rating_words,
    split_label,
    word_key,
)


@dataclass(frozen=True)
class ScaleDecision:
    """How one rating column is read: its words, how its numbers are renumbered, and why."""

    words: dict[str, int]
    numbers: dict[int, int] = field(default_factory=dict)  # empty: numbers as they are
    reason: str | None = None  # why the numbers were renumbered
    unclear: str | None = None  # why the direction could not be told


def _plain_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        number = to_number(value) if isinstance(value, int | float | str) else None
    except CellError:
        return None
    return int(number) if number is not None and number == int(number) else None


def _reversed(numbers: set[int], canonical: str) -> dict[int, int]:
    if canonical == "criticality" and numbers and max(numbers) <= 4:
        return dict(SERVICENOW_CRITICALITY)
    return {n: 6 - n for n in range(1, 6)}


def _runs_down(labelled: dict[int, int]) -> bool:
    """True when the labels pair low numbers with high ratings ('1 - most critical')."""
    if not labelled:
        return False
    if len(labelled) == 1:
        (number, value), = labelled.items()
        return abs(number - value) >= 2 and (number - 3) * (value - 3) < 0
    pairs = sorted(labelled.items())
    return all(a[1] > b[1] for a, b in zip(pairs, pairs[1:], strict=False))


def _servicenow_style(header: str) -> bool:
    key = word_key(header)
    return "criticality" in key and ("busines " in f"{key} " or "business" in key
                                     or key.startswith("u "))


def decide_scale(header: str, canonical: str, values: list[Any],
                 marked_reversed: bool = False) -> ScaleDecision:
    """Decide how a rating column is read from its header and its distinct values."""
    texts = {clean_text(v) for v in values if isinstance(v, str) and not is_missing(v)}
    labels = {text: found for text in texts if (found := split_label(text))}
    keys = {word_key(t) for t in texts} | {label for _, label in labels.values()}
    words = rating_words(canonical, keys)
    labelled = {n: words[label] for n, label in labels.values() if label in words}
    numbers = {n for v in values if (n := _plain_number(v)) is not None}
    numbers |= {n for n, label in labels.values() if label not in words}
    if marked_reversed:
        return ScaleDecision(words, {n: 6 - n for n in range(1, 6)},
                             "the mapping profile marks it as running 1 = most")
    if _runs_down(labelled):
        renumber = _reversed(numbers | set(labelled), canonical)
        renumber.update(labelled)
        return ScaleDecision(words, renumber, "its own labels pair 1 with the most")
    direction = header_direction(header, words)
    if direction == "reversed":
        return ScaleDecision(words, _reversed(numbers, canonical), "its header says so")
    if direction == "unclear":
        return ScaleDecision(words, unclear="its header states a direction in words that "
                                            "could not be read")
    if canonical == "criticality" and numbers and numbers <= {1, 2, 3, 4} and \
            1 in numbers and _servicenow_style(header):
        return ScaleDecision(words, unclear="it holds numbers 1 to 4 with no labels, and in "
                                            "ServiceNow exports 1 means most critical")
    return ScaleDecision(words)
