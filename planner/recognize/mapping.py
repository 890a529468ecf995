"""Source headers to canonical columns: aliases, fuzzy suggestions, and saved mapping profiles."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from planner.core.schema import (
    PAIRWISE_NAME,
    SHEETS_BY_NAME,
    Sheet,
    loose_header,
    normalize_header,
    spend_column_year,
)
from planner.errors import UnreadableFileError

AUTO_APPLY = 0.9  # a near-identical spelling ('Anual Savings') is applied, with a warning
SUGGEST = 0.6  # below this a guess is noise
PROFILE_FORMAT = "planner-mapping"
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


class SheetProfile(BaseModel):
    """How one of the user's sheets (by title, or CSV file stem) is read."""

    model_config = ConfigDict(extra="forbid")

    table: str
    header_row: int | None = Field(default=None, ge=1)
    columns: dict[str, str | None] = Field(default_factory=dict)  # header -> column or None

    @model_validator(mode="after")
    def _known(self) -> SheetProfile:
        if self.table == PAIRWISE_NAME:
            return self
        if self.table not in SHEETS_BY_NAME:
            raise ValueError(f"'{self.table}' is not a table; use one of "
                             f"{', '.join(SHEETS_BY_NAME)}")
        sheet = SHEETS_BY_NAME[self.table]
        for header, column in self.columns.items():
            spend = self.table == "Candidates" and column and spend_column_year(column)
            if column is not None and column not in sheet.column_index and not spend:
                raise ValueError(f"'{column}' (for '{header}') is not a {self.table} column")
        return self


class MappingProfile(BaseModel):
    """A saved mapping: which sheet is which table, and which header is which column."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["planner-mapping"] = PROFILE_FORMAT
    version: int = 1
    sheets: dict[str, SheetProfile] = Field(default_factory=dict)

    def for_title(self, title: str) -> SheetProfile | None:
        """The profile entry for a sheet title or CSV stem (case and spacing ignored)."""
        key = normalize_header(title)
        return next((p for t, p in self.sheets.items() if normalize_header(t) == key), None)

    def to_json(self) -> str:
        """The profile as indented JSON, ready to save next to the inventory."""
        return json.dumps(self.model_dump(), indent=2, ensure_ascii=False) + "\n"


def load_profile(source: str | Path | bytes | dict[str, Any] | MappingProfile) -> MappingProfile:
    """A mapping profile from a path, JSON bytes or a dict; UnreadableFileError when invalid."""
    if isinstance(source, MappingProfile):
        return source
    name = Path(source).name if isinstance(source, str | Path) else "mapping profile"
    try:
        if isinstance(source, dict):
            data = source
        else:
            text = source if isinstance(source, bytes) else Path(source).read_bytes()
            data = json.loads(text)
        return MappingProfile.model_validate(data)
    except OSError as exc:
        raise UnreadableFileError(name, f"cannot be opened ({exc.strerror}).") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UnreadableFileError(name, f"is not valid JSON ({exc}).") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise UnreadableFileError(
            name, f"is not a valid mapping profile ({where}: {message}).") from None
