"""Source headers to canonical columns: aliases and fuzzy suggestions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from typing import Any

from planner.core.schema import (
    SHEETS_BY_NAME,
    Sheet,
    loose_header,
    normalize_header,
    spend_column_year,
)

AUTO_APPLY = 0.9  # a near-identical spelling ('Anual Savings') is applied, with a warning
SUGGEST = 0.6  # below this a guess is noise
# Fields that look like one of ours but run the other way: never offered as a match.
OPPOSITES = {"Systems": ("security standards",)}


@dataclass(frozen=True)
class Suggestion:
    """A likely canonical column for a header that matched no alias."""

    header: str
    column: str
    confidence: float

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"header": self.header, "column": self.column,
                "confidence": round(self.confidence, 2)}


@cache
def _lookups(sheet_name: str) -> tuple[dict[str, tuple[str, int]], dict[str, tuple[str, int]]]:
    """Exact and loose keys -> (canonical column, rank); a lower rank is a better name."""
    sheet = SHEETS_BY_NAME[sheet_name]
    exact: dict[str, tuple[str, int]] = {}
    loose: dict[str, tuple[str, int]] = {}
    for column in sheet.columns:
        for rank, alias in enumerate((column.name, *column.aliases)):
            exact.setdefault(normalize_header(alias), (column.name, rank))
            loose.setdefault(loose_header(alias), (column.name, rank))
    return exact, loose


def match_header(sheet: Sheet, header: str) -> tuple[str, int] | None:
    """Canonical column (and rank) a header names by canonical name or alias, if any."""
    exact, loose = _lookups(sheet.name)
    found = exact.get(normalize_header(header))
    if found is None:
        hit = loose.get(loose_header(header))
        found = (hit[0], hit[1] + 100) if hit else None  # exact spellings win ties
    if found is None and sheet.name == "Candidates":
        year = spend_column_year(header)
        found = (f"cost_FY{year}", 0) if year else None
    return found


def map_headers(sheet: Sheet, headers: list[str],
                overrides: dict[str, str | None] | None = None) -> dict[str, str]:
    """Map source headers to canonical columns; each column goes to its best-named header."""
    overrides = overrides or {}
    best: dict[str, tuple[int, int, str]] = {}  # canonical -> (rank, position, header)
    for position, header in enumerate(headers):
        if not header:
            continue
        if header in overrides:
            target = overrides[header]
            found = (target, -1) if target else None
        else:
            found = match_header(sheet, header)
        if found is None:
            continue
        canonical, rank = found
        if canonical not in best or (rank, position) < best[canonical][:2]:
            best[canonical] = (rank, position, header)
    chosen = {header: canonical for canonical, (_, _, header) in best.items()}
    return {h: chosen[h] for h in headers if h in chosen}


def _score(header: str, alias: str) -> float:
    a, b = loose_header(header), loose_header(alias)
    if not a or not b:
        return 0.0
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    alias_words = b.split()
    # 'Annual Maintenance Cost USD' holds the whole alias 'annual maintenance'; one shared
    # word ('System Owner' and 'system') says too little.
    if len(alias_words) >= 2 and set(alias_words) <= set(a.split()):
        ratio = max(ratio, 0.85)
    return ratio


def suggest(sheet: Sheet, headers: list[str], mapping: dict[str, str],
            exclude: set[str] | None = None) -> list[Suggestion]:
    """Closest unused canonical column for each unmapped header, with a confidence in 0-1."""
    used = set(mapping.values())
    exclude = exclude or set()
    found = []
    for header in headers:
        if not header or header in mapping or header in exclude:
            continue
        if loose_header(header) in OPPOSITES.get(sheet.name, ()):
            continue
        scored = [
            (_score(header, alias), column.name)
            for column in sheet.columns if column.name not in used
            for alias in (column.name, *column.aliases)
        ]
        if not scored:
            continue
        confidence, column = max(scored)
        if confidence >= SUGGEST:
            found.append(Suggestion(header, column, confidence))
    return found


def assign_columns(sheet: Sheet, headers: list[str],
                   samples: dict[str, list[Any]] | None = None) -> dict[str, str]:
    """Header -> canonical column for every header an import would read, guesses included.

    `samples` holds a few cells under each header, the content evidence for a header whose
    words alone do not say which column it is.
    """
    mapping = map_headers(sheet, headers)
    for item in suggest(sheet, headers, mapping):
        if item.confidence >= AUTO_APPLY and item.column not in mapping.values():
            mapping[item.header] = item.column
    return mapping
