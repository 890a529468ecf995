"""The recognized tables: data rows keyed by the user's headers, and the set of an upload."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner.core.schema import PAIRWISE_NAME, Sheet
from planner.ingest.files import RawSheet
from planner.recognize.mapping import Suggestion
from planner.recognize.profiles import CUSTOM, MappingProfile, SheetProfile
from planner.values.parse import ReadOptions, read_options


@dataclass
class DataRow:
    """One data row: its number in the user's file and its cells keyed by source header."""

    number: int
    cells: dict[str, Any]
    labels: dict[str, str] = field(default_factory=dict)  # cell key -> header shown in issues


@dataclass
class RawTable:
    """A sheet recognized as one canonical table, with its header mapping and data rows."""

    sheet: Sheet
    title: str
    header_row: int
    headers: list[str]
    mapping: dict[str, str]  # source header -> canonical column (or cost_FY####)
    rows: list[DataRow] = field(default_factory=list)
    skipped: int = 0
    layout: str = "long"  # or "wide" / "transposed" for budget grids
    shown_mapping: dict[str, str] | None = None  # what the user's headers were read as
    suggestions: list[Suggestion] = field(default_factory=list)
    ignored: frozenset[str] = frozenset()  # headers a profile maps to nothing
    reversed_scales: frozenset[str] = frozenset()  # headers of ratings where 1 is the most
    decimal_comma: bool = False
    date1904: bool = False
    text_file: bool = False
    source: str = ""

    @property
    def extra_columns(self) -> list[str]:
        """Source headers not mapped to a canonical column (kept as custom columns)."""
        return [h for h in self.headers if h and h not in self.mapping and h not in self.ignored]

    @property
    def parse_options(self) -> dict[str, bool]:
        """Keyword arguments for values.parse_cell: how this file writes numbers and dates."""
        return {"decimal_comma": self.decimal_comma, "date1904": self.date1904,
                "text_file": self.text_file}

    @property
    def read_options(self) -> ReadOptions:
        """The same, for values.to_number and the parse_* functions."""
        return read_options(self.decimal_comma, self.date1904, self.text_file)


@dataclass
class TableSet:
    """The recognized tables of an upload, plus the pairwise matrix when present."""

    tables: dict[str, RawTable] = field(default_factory=dict)
    pairwise: RawSheet | None = None
    files: dict[str, str] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        """Data rows read per table (errors included, skipped rows excluded)."""
        return {name: len(table.rows) for name, table in self.tables.items()}

    @property
    def mappings(self) -> dict[str, dict[str, str]]:
        """Source header -> canonical column, per table (as shown to the user)."""
        return {name: dict(table.shown_mapping if table.shown_mapping is not None
                           else table.mapping) for name, table in self.tables.items()}

    @property
    def suggestions(self) -> dict[str, list[Suggestion]]:
        """Likely columns for unmapped headers, per table."""
        return {name: list(t.suggestions) for name, t in self.tables.items() if t.suggestions}

    def profile(self) -> MappingProfile:
        """The mapping used, as a profile that reads next year's file the same way: every
        header named, as its column (guesses included), as custom, or as ignored."""
        sheets = {}
        for name, table in self.tables.items():
            columns: dict[str, str | None] = {}
            if table.layout == "long":
                columns = {h: table.mapping.get(h) or (None if h in table.ignored else CUSTOM)
                           for h in table.headers if h}
            sheets[table.title] = SheetProfile(table=name, header_row=table.header_row,
                                               columns=columns,
                                               reversed_scales=sorted(table.reversed_scales))
        if self.pairwise is not None:
            sheets[self.pairwise.title] = SheetProfile(table=PAIRWISE_NAME)
        return MappingProfile(sheets=sheets)
