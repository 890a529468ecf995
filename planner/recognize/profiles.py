"""Saved mapping profiles: which of the user's sheets is which table, which header which column.

A profile's `columns` names what each header is: a canonical column (or `cost_FY####`),
`"custom"` (keep it as a custom column, under its own header) or `null` (ignore it). A saved
profile (version 2) names every header of the import that saved it, so reading the same file
again gives the same tables. Version 1 files, which wrote `null` for custom and ignored
columns alike, load as before: `null` ignores the column. docs/import.md describes the format.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from planner.core.schema import PAIRWISE_NAME, SHEETS_BY_NAME, normalize_header, spend_column_year
from planner.errors import UnreadableFileError

PROFILE_FORMAT = "planner-mapping"
PROFILE_VERSION = 2
CUSTOM = "custom"  # a header kept as a custom column under its own name


class SheetProfile(BaseModel):
    """How one of the user's sheets (by title, or CSV file stem) is read."""

    model_config = ConfigDict(extra="forbid")

    table: str
    header_row: int | None = Field(default=None, ge=1)
    # header -> canonical column, CUSTOM (keep as a custom column) or None (ignore)
    columns: dict[str, str | None] = Field(default_factory=dict)
    # Headers of 1-5 ratings that run the other way (1 = most): each value is read as 6 - value.
    reversed_scales: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known(self) -> SheetProfile:
        if self.table == PAIRWISE_NAME:
            return self
        if self.table not in SHEETS_BY_NAME:
            raise ValueError(f"'{self.table}' is not a table; use one of "
                             f"{', '.join(SHEETS_BY_NAME)}")
        sheet = SHEETS_BY_NAME[self.table]
        for header, column in self.columns.items():
            if column is None or column == CUSTOM or column in sheet.column_index:
                continue
            if not (self.table == "Candidates" and spend_column_year(column)):
                raise ValueError(f"'{column}' (for '{header}') is not a {self.table} column; "
                                 f"use one of its columns, \"{CUSTOM}\" or null")
        return self

    @property
    def overrides(self) -> dict[str, str | None]:
        """Header -> canonical column, or None for a header that is not one (kept or ignored)."""
        return {h: (None if c == CUSTOM else c) for h, c in self.columns.items()}

    @property
    def ignored(self) -> frozenset[str]:
        """Headers whose column is not read at all."""
        return frozenset(h for h, c in self.columns.items() if c is None)

    @property
    def kept(self) -> frozenset[str]:
        """Headers kept as custom columns (never matched or guessed as a standard column)."""
        return frozenset(h for h, c in self.columns.items() if c == CUSTOM)


class MappingProfile(BaseModel):
    """A saved mapping: which sheet is which table, and which header is which column."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["planner-mapping"] = PROFILE_FORMAT
    version: Literal[1, 2] = PROFILE_VERSION
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
