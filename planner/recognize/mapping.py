"""Source headers to canonical columns: synonyms, fuzzy scores, content evidence, one assignment.

Every header of a sheet is scored against every synonym of every column (planner/recognize/
synonyms.toml, compared as planner.recognize.headers words). A header whose words equal a
synonym is a match; a near spelling or a header holding a whole synonym is a guess with a
confidence. The sample cells under a header confirm or rule out a guess (a money column of
text is no money column). Then each column goes to its best header, one header per column.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz, process

from planner.core.schema import SHEETS_BY_NAME, Kind, Sheet, spend_column_year
from planner.recognize.evidence import content_fit
from planner.recognize.headers import header_words

APPLY = 0.85  # a guess this sure is applied, with a warning naming its confidence
APPLY_REQUIRED = 0.7  # a required column takes any plausible header, with a warning
SUGGEST = 0.6  # below this a guess is noise
AUTO_APPLY = APPLY
# Fields that look like one of ours but run the other way: never offered as a match.
OPPOSITES = {"Systems": ("security standard",)}
# Words that qualify a header without changing what it names: 'Criticality Score'.
QUALIFIERS = frozenset({"score", "rating", "level", "value", "flag", "indicator", "current",
                        "overall", "total", "estimate", "estimated", "planned", "actual"})
QUALIFIED = 0.9  # a synonym plus qualifying words
NEAR = 0.84  # two words this alike (rapidfuzz ratio, 0-1) count as one spelled two ways

@dataclass(frozen=True)
class Suggestion:
    """A likely canonical column for a header, with a confidence in 0-1."""

    header: str
    column: str
    confidence: float

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"header": self.header, "column": self.column,
                "confidence": round(self.confidence, 2)}


@cache
def synonyms(sheet_name: str) -> dict[str, tuple[str, ...]]:
    """Column -> its synonyms (canonical name first), from synonyms.toml."""
    data = tomllib.loads(resources.files("planner.recognize").joinpath("synonyms.toml")
                         .read_text(encoding="utf-8"))
    listed = data.get(sheet_name, {})
    return {c.name: tuple(dict.fromkeys((c.name, *listed.get(c.name, ()))))
            for c in SHEETS_BY_NAME[sheet_name].columns}


@cache
def _exact(sheet_name: str) -> dict[str, tuple[tuple[str, int], ...]]:
    """Synonym words -> the columns listing them, each with a priority (-rank in its list).

    A spelling may be listed under two columns: it goes to the column listing it earlier,
    unless a required column is left without it ('Project Description' is the notes beside
    a project name, the name in a list without one). Among exact matches for one column, the
    earlier listed synonym wins.
    """
    found: dict[str, list[tuple[str, int]]] = {}
    for column, names in synonyms(sheet_name).items():
        for rank, name in enumerate(names):
            words = header_words(name)
            listed = found.setdefault(words, [])
            if column not in [c for c, _ in listed]:
                listed.append((column, -rank))
    return {words: tuple(listed) for words, listed in found.items()}


@cache
def _synonym_words(sheet_name: str) -> tuple[tuple[str, str, frozenset[str]], ...]:
    return tuple((column, header_words(name), frozenset(header_words(name).split()))
                 for column, names in synonyms(sheet_name).items() for name in names
                 if header_words(name))


@cache
def _vocabulary(sheet_name: str) -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """Every word of the sheet's synonyms (sorted), and the synonyms (by position in
    `_synonym_words`) that hold each word."""
    holding: dict[str, list[int]] = {}
    for index, (_, _, tokens) in enumerate(_synonym_words(sheet_name)):
        for token in tokens:
            holding.setdefault(token, []).append(index)
    return tuple(sorted(holding)), {token: tuple(i) for token, i in holding.items()}


@lru_cache(maxsize=8_192)
def _near_synonyms(sheet_name: str, word: str) -> tuple[int, ...]:
    """The synonyms (by position) holding a word spelled near `word` (`NEAR` or closer)."""
    words, holding = _vocabulary(sheet_name)
    near = process.extract(word, words, scorer=fuzz.ratio, score_cutoff=100 * NEAR,
                           limit=None)
    return tuple(sorted({i for token, _, _ in near for i in holding[token]}))


# The fiscal years a budget line accepts (BudgetLine.fiscal_year): 'FY0254 cost' or
# 'cost_FY0027' name no year a plan can hold, so they are not read as a year's spend.
SPEND_YEARS = range(1990, 2201)


def _bare_year(header: str) -> int | None:
    """A header that is only a year ('2027'): a year's spend in a six-year capital program."""
    text = header.strip()
    return int(text) if re.fullmatch(r"20\d\d", text) else None


def match_header(sheet: Sheet, header: str) -> tuple[str, int] | None:
    """Canonical column (and rank) a header names exactly by one of its synonyms, if any."""
    words = header_words(header)
    listed = _exact(sheet.name).get(words) if words else None
    found = max(listed, key=lambda pair: pair[1]) if listed else None
    if found is None and sheet.name == "Candidates":
        year = spend_column_year(header) or _bare_year(header)
        found = (f"cost_FY{year}", 0) if year is not None and year in SPEND_YEARS else None
    return found


def _word_overlap(tokens: frozenset[str], synonym_tokens: frozenset[str]) -> float:
    """Dice overlap of two word sets where a word matches a near spelling ('anual', 'annual').

    The nearest pair of words is matched first, then the nearest of the words left, and so
    on (alphabetical order on a tie), so the overlap never depends on the order of a set."""
    pairs = sorted(((fuzz.ratio(word, other), word, other)
                    for word in tokens for other in synonym_tokens),
                   key=lambda pair: (-pair[0], pair[1], pair[2]))
    words_used: set[str] = set()
    others_used: set[str] = set()
    matched = 0.0
    for ratio, word, other in pairs:
        if ratio < 100 * NEAR:
            break
        if word not in words_used and other not in others_used:
            matched += ratio / 100
            words_used.add(word)
            others_used.add(other)
    return 2 * matched / (len(tokens) + len(synonym_tokens))


def _similarity(words: str, tokens: frozenset[str], synonym: str,
                synonym_tokens: frozenset[str]) -> float:
    score = _word_overlap(tokens, synonym_tokens) - 0.02
    if len(synonym_tokens) >= 2 and f" {synonym} " in f" {words} ":
        # 'Estimated Annual Savings Amount' holds the whole synonym 'annual savings'
        score = max(score, 0.7 + 0.25 * len(synonym_tokens) / len(tokens))
    elif len(synonym_tokens) >= 2 and synonym_tokens <= tokens:
        score = max(score, 0.6 + 0.1 * len(synonym_tokens) / len(tokens))  # words apart
    elif len(tokens) >= 2 and tokens < synonym_tokens:
        score = max(score, 0.6 + 0.25 * len(tokens) / len(synonym_tokens))
    elif len(synonym_tokens) == 1 and synonym_tokens <= tokens and len(tokens) == 2:
        score = min(score, 0.5)  # one shared word ('System Owner' and 'system') says little
    return score


def _measured(sheet_name: str, column: str) -> bool:
    """A column holding a measure (a rating, amount or count), which a 'score' can qualify."""
    return SHEETS_BY_NAME[sheet_name].column_index[column].kind not in (Kind.TEXT, Kind.ID,
                                                                        Kind.LIST)


@lru_cache(maxsize=8_192)
def column_scores(sheet_name: str, header: str) -> dict[str, float]:
    """Column -> how sure (0-1) the header's words alone make us that it names that column."""
    words = header_words(header)
    if not words or words in OPPOSITES.get(sheet_name, ()):
        return {}
    exact = _exact(sheet_name).get(words)
    if exact is not None:
        return {column: 1.0 for column, _ in exact}
    plain = " ".join(w for w in words.split() if w not in QUALIFIERS)
    qualified = _exact(sheet_name).get(plain) if plain else None
    qualified = max(qualified, key=lambda pair: pair[1])[0] if qualified else None
    if qualified is not None and _measured(sheet_name, qualified):
        return {qualified: QUALIFIED}
    tokens = frozenset(words.split())
    scores: dict[str, float] = {}
    # a synonym sharing no near word with the header scores below zero: only the others count
    listed = _synonym_words(sheet_name)
    near = sorted({i for word in tokens for i in _near_synonyms(sheet_name, word)})
    for column, synonym, synonym_tokens in (listed[i] for i in near):
        score = _similarity(words, tokens, synonym, synonym_tokens)
        if score > scores.get(column, 0.0):
            scores[column] = score
    return {c: min(s, 0.99) for c, s in scores.items() if s >= SUGGEST}


def _weighed(sheet: Sheet, column: str, score: float, cells: list[Any] | None) -> float:
    """A guess confirmed or ruled out by the cells under its header."""
    if score >= 1.0 or not cells or column.startswith("cost_FY"):
        return score
    fit = content_fit(sheet.column_index[column].kind, cells)
    if fit is None:
        return score
    if fit < 0.5:
        return score * fit  # mostly unreadable as this kind: not this column
    return min(0.99, score + 0.05 * (fit - 0.5))


def _pairs(sheet: Sheet, headers: list[str], samples: dict[str, list[Any]],
           overrides: dict[str, str | None]) -> list[tuple[float, int, int, str, str]]:
    pairs = []
    for position, header in enumerate(headers):
        if not header or header in overrides:
            continue
        words = header_words(header)
        listed = _exact(sheet.name).get(words) if words else None
        if listed is None and match_header(sheet, header) is not None:
            listed = (match_header(sheet, header),)  # a spend column such as cost_FY2027
        if listed:
            pairs.extend((1.0, priority, -position, header, column) for column, priority in listed)
            continue
        for column, score in column_scores(sheet.name, header).items():
            weighed = _weighed(sheet, column, score, samples.get(header))
            if weighed >= SUGGEST:
                pairs.append((weighed, 0, -position, header, column))
    return sorted(pairs, reverse=True)


def _fill_required(sheet: Sheet, pairs: list[tuple[float, int, int, str, str]],
                   chosen: dict[str, Suggestion], taken: set[str],
                   overrides: dict[str, str | None]) -> None:
    """A required column left empty takes a less sure guess, or a header an optional column
    holds.

    'Product' is a platform beside a name column, but the name in a list without one.
    """
    required = set(sheet.required_columns)
    for score, _, _, header, column in pairs:
        if column in taken or column not in required or score < APPLY_REQUIRED:
            continue
        held = chosen.get(header)
        if held is not None and (header in overrides or held.column in required):
            continue
        if held is not None:
            taken.discard(held.column)
        chosen[header] = Suggestion(header, column, score)
        taken.add(column)


def score_columns(sheet: Sheet, headers: list[str], samples: dict[str, list[Any]] | None = None,
                  overrides: dict[str, str | None] | None = None,
                  ) -> tuple[dict[str, Suggestion], list[Suggestion]]:
    """One best assignment (header -> column with its confidence) and the other likely guesses.

    A profile's overrides are fixed first. Then the surest pairs are taken in turn, each
    header and each column once, when sure enough; then a required column still empty takes
    a less sure guess, or a header an optional column holds. The best leftover guess of each
    unassigned header is a suggestion.
    """
    overrides = overrides or {}
    chosen: dict[str, Suggestion] = {h: Suggestion(h, c, 1.0) for h, c in overrides.items()
                                     if c and h in headers}
    taken = {s.column for s in chosen.values()}
    leftovers: dict[str, Suggestion] = {}
    pairs = _pairs(sheet, headers, samples or {}, overrides)
    for score, _, _, header, column in pairs:
        if header in chosen or column in taken:
            if header not in chosen and header not in leftovers and column not in taken:
                leftovers[header] = Suggestion(header, column, score)
            continue
        if score >= APPLY:
            chosen[header] = Suggestion(header, column, score)
            taken.add(column)
        elif header not in leftovers:
            leftovers[header] = Suggestion(header, column, score)
    _fill_required(sheet, pairs, chosen, taken, overrides)
    order = {h: i for i, h in enumerate(headers)}
    chosen = dict(sorted(chosen.items(), key=lambda kv: order.get(kv[0], 0)))
    rest = [s for h, s in leftovers.items() if h not in chosen and s.column not in taken]
    return chosen, sorted(rest, key=lambda s: order.get(s.header, 0))


def assign_columns(sheet: Sheet, headers: list[str],
                   samples: dict[str, list[Any]] | None = None,
                   overrides: dict[str, str | None] | None = None) -> dict[str, str]:
    """Header -> canonical column for every header an import would read, guesses included.

    `samples` holds cells under each header: the content evidence for a header whose words
    alone do not say which column it is.
    """
    chosen, _ = score_columns(sheet, headers, samples, overrides)
    return {h: s.column for h, s in chosen.items()}


def map_headers(sheet: Sheet, headers: list[str],
                overrides: dict[str, str | None] | None = None) -> dict[str, str]:
    """Headers that name a column exactly (by a synonym), each column to its best-named header."""
    overrides = overrides or {}
    chosen, _ = score_columns(sheet, headers, None, overrides)
    return {h: s.column for h, s in chosen.items() if s.confidence >= 1.0}


def suggest(sheet: Sheet, headers: list[str], mapping: dict[str, str],
            exclude: set[str] | None = None) -> list[Suggestion]:
    """Likely columns for the headers a mapping leaves out: guesses sure enough to apply first."""
    fixed: dict[str, str | None] = {**mapping, **dict.fromkeys(exclude or (), None)}
    chosen, rest = score_columns(sheet, headers, None, fixed)
    guesses = [s for h, s in chosen.items() if h not in fixed]
    return sorted([*guesses, *rest], key=lambda s: headers.index(s.header))
