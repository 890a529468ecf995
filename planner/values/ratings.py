"""Words that stand for 1-5 ratings, per column, on the planner's scales (5 is the most).

Each rating column has its own direction: criticality 5 = mission critical, security_risk
5 = severe, technical_condition and functional_fit 5 = excellent, delivery_risk 5 = very
risky, strategic_alignment 5 = central. A word is read only in the columns where its meaning
is clear ('poor' is a condition, not a risk). The vocabularies of ServiceNow (business
criticality `1 - most critical` ... `4 - not critical`) and LeanIX (`missionCritical`,
`fullyAppropriate`, `phaseOut` ...) are included; docs/import.md gives the tables and sources.
"""

from __future__ import annotations

import re

LEVELS = {"very low": 1, "minimal": 1, "negligible": 1, "low": 2, "medium": 3, "med": 3,
          "moderate": 3, "average": 3, "high": 4, "very high": 5, "extreme": 5}
CRITICALITY = {"mission critical": 5, "critical": 5, "most critical": 5, "highly critical": 5,
               "business critical": 4, "somewhat critical": 4, "essential": 4, "vital": 4,
               "important": 3, "necessary": 3, "less critical": 2, "business operational": 2,
               "minor": 2, "desirable": 2, "non critical": 1, "noncritical": 1,
               "not critical": 1, "administrative service": 1, "administrative": 1}
RISK = {"critical": 5, "severe": 5, "very risky": 5, "significant": 4, "elevated": 4,
        "risky": 4, "very high risk": 5, "high risk": 4, "medium risk": 3, "low risk": 2}
ALIGNMENT = {"central": 5, "core": 5, "strong": 4, "partial": 3, "some": 3, "weak": 2,
             "limited": 2, "not aligned": 1, "no alignment": 1}
QUALITY = {"excellent": 5, "perfect": 5, "fully appropriate": 5, "very good": 4, "good": 4,
           "appropriate": 4, "fair": 3, "adequate": 3, "poor": 2, "inadequate": 2,
           "insufficient": 2, "unreasonable": 1, "inappropriate": 1, "very poor": 1}
LIFECYCLE = {"plan": 5, "phase in": 5, "active": 4, "phase out": 2, "end of life": 1}
# On a five-word scale that has 'very good' (Excellent, Very good, Good, Fair, Poor) each
# word moves down one place.
FIVE_WORD_QUALITY = {"excellent": 5, "very good": 4, "good": 3, "fair": 2, "poor": 1}
# ServiceNow's four criticality numbers on the planner's five-point scale.
SERVICENOW_CRITICALITY = {1: 5, 2: 4, 3: 2, 4: 1}

_BY_COLUMN: dict[str, tuple[dict[str, int], ...]] = {
    "criticality": (CRITICALITY,),
    "security_risk": (RISK,),
    "delivery_risk": (RISK,),
    "strategic_alignment": (ALIGNMENT,),
    "technical_condition": (QUALITY, LIFECYCLE),
    "functional_fit": (QUALITY,),
}
# LeanIX's current fit values run Fully appropriate, Adequate, Unreasonable, Inappropriate.
_LEANIX_FIT = {"fully appropriate": 5, "adequate": 4, "unreasonable": 2, "inappropriate": 1}


def word_key(text: object) -> str:
    """'missionCritical', 'Mission-Critical ', 'mission_critical.' -> 'mission critical'."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(text))
    spaced = re.sub(r"[_\-/–—]+", " ", spaced).lower()
    return " ".join(spaced.strip(" .!;:").split())


def rating_words(canonical: str, keys: set[str]) -> dict[str, int]:
    """The words a rating column reads, given the keys (word_key) its cells hold."""
    words = dict(LEVELS)
    for table in _BY_COLUMN.get(canonical, ()):
        words.update(table)
    if canonical in ("technical_condition", "functional_fit"):
        if "very good" in keys and "very poor" not in keys:
            words.update(FIVE_WORD_QUALITY)
        if keys & {"fully appropriate", "inappropriate"} and "inadequate" not in keys:
            words.update(_LEANIX_FIT)
    return words


_LABELLED = re.compile(r"^\s*(\d)\s*(?:[-–—:.)=]|\s)\s*([^\d\s].*)$")


def split_label(text: str) -> tuple[int, str] | None:
    """'1 - most critical' -> (1, 'most critical'); None for text without a leading number."""
    match = _LABELLED.match(str(text))
    if not match:
        return None
    return int(match.group(1)), word_key(match.group(2))


_MOST = {"most", "highest", "best", "top", "greatest", "maximum", "max"}
_LEAST = {"least", "lowest", "worst", "bottom", "minimum", "min", "none", "no"}
_STATEMENT = re.compile(r"(?<!\d)([1-5])\s*(?:=|is|:|means|-)\s*([a-z][a-z\s-]*)")


def _statement_value(words: str, vocabulary: dict[str, int]) -> int | None:
    words = word_key(words)
    for length in range(len(words.split()), 0, -1):  # the longest known phrase first
        phrase = " ".join(words.split()[:length])
        if phrase in vocabulary:
            return vocabulary[phrase]
    first = words.split()[0] if words else ""
    if first in _MOST:
        return 5
    if first in _LEAST:
        return 1
    return None


def header_direction(header: str, vocabulary: dict[str, int]) -> str | None:
    """What a header says of its numbers: 'reversed' ('1 = most critical'), 'normal'
    ('5 = highest'), 'unclear' (it states a direction in words not understood), or None."""
    found = None
    for number, words in _STATEMENT.findall(str(header).lower()):
        value = _statement_value(words, vocabulary)
        if value is None or value == 3:
            found = found or "unclear"
            continue
        top = value >= 4
        return "normal" if (int(number) >= 4) == top else "reversed"
    return found
