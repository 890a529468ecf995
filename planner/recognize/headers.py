"""Header text to comparable words: case, punctuation, camelCase, units and abbreviations.

`header_words('Est. One-Time Cost ($M)')` is 'estimated one time cost', the same words as the
synonym 'estimated one-time cost', so the two match exactly. Units are dropped here (they are
read from the header again when the column's values are converted).
"""

from __future__ import annotations

import re
from functools import lru_cache

ABBREVIATIONS = {
    "est": "estimated", "estd": "estimated", "yr": "year", "yrs": "year", "maint": "maintenance",
    "mnt": "maintenance", "dept": "department", "depts": "department", "no": "number",
    "nbr": "number", "num": "number", "ftes": "fte", "mgmt": "management", "qty": "quantity",
    "amt": "amount", "ann": "annual", "org": "organization", "desc": "description",
    "info": "information", "proj": "project", "approx": "approximate", "avg": "average",
    "min": "minutes", "mins": "minutes", "hr": "hours", "hrs": "hours", "txn": "transaction",
    "txns": "transaction", "tech": "technical", "app": "application",
    "apps": "application", "svc": "service", "govt": "government", "gov": "government",
    "yearly": "annual", "annually": "annual", "annualized": "annual", "pct": "percent",
    "lang": "language", "crit": "criticality", "strat": "strategic", "eol": "end of life",
    "eos": "end of support", "yoy": "annual", "mo": "month", "mos": "month",
}
STOP_WORDS = frozenset({"the", "of", "a", "an", "in", "per", "for", "to", "by", "is", "at",
                        "on", "usd", "dollar", "dollars", "its", "s"})
_UNIT_PHRASES = re.compile(
    r"\$\s*(?:000s?|m{1,2}|k|b)\b|\b(?:in\s+)?(?:millions?|thousands?|billions?)(?:\s+of)?\b"
    r"|\byes\s*/\s*no\b|\by\s*/\s*n\b|\b1\s*-\s*[345]\b|\b[345]\s*-\s*1\b",
    re.IGNORECASE)
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_O_AND_M = re.compile(r"\bo\s*&\s*m\b|\bo\s+and\s+m\b|\bo/m\b", re.IGNORECASE)


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=16_384)
def header_words(text: str) -> str:
    """Lower-case words of a header, abbreviations expanded, units and brackets dropped."""
    text = str(text).replace("\u00a0", " ").strip()
    if not re.search(r"[\s_.]", text):
        text = _CAMEL.sub(" ", text)  # businessCriticality, DATASET_NAME stays whole
    text = re.sub(r"^u_", "", text)  # ServiceNow custom fields: u_go_live_year
    text = _O_AND_M.sub(" operations and maintenance ", text)
    text = _UNIT_PHRASES.sub(" ", text)
    text = _BRACKETS.sub(" ", text)
    text = text.lower().replace("&", " and ").replace("#", " number ").replace("%", " percent ")
    words = []
    for raw in re.split(r"[^a-z0-9]+", text):
        if not raw or raw in STOP_WORDS:
            continue
        words.extend(ABBREVIATIONS.get(raw, raw).split())
    return " ".join(_singular(w) for w in words)
