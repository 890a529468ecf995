"""The one table of how much an upload may hold, each limit with a setting to raise it.

Every read is bounded: a file over a limit is refused at once (or as soon as the limit is
passed, for what only reading can count) with a message naming the limit, what the file has,
and the environment variable that raises it. The settings are read in `current_limits`,
nowhere else; the README's limits table is this table (a test keeps the two equal).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from planner.errors import UnreadableFileError

MB = 2**20


@dataclass(frozen=True)
class Limit:
    """One named limit: its field in `Limits`, the setting that raises it, and its words."""

    field: str
    setting: str
    default: int
    what: str  # what is limited, as the README's table says it
    unit: str = ""  # "MB" when the setting is in megabytes (the value is in bytes)

    def shown(self, value: int) -> str:
        """A value of this limit as a person reads it (MB for sizes)."""
        return size_words(value) if self.unit == "MB" else f"{value:,}"


def size_words(size: float) -> str:
    """A size in bytes as a person reads it: '120.5 MB', '2,000 bytes'."""
    if size < MB:
        return f"{size:,.0f} bytes"
    return f"{size / MB:,.0f} MB" if size >= 100 * MB else f"{size / MB:,.1f} MB"


LIMITS = (
    Limit("max_rows", "PLANNER_MAX_ROWS", 50_000, "Rows in one sheet or CSV file"),
    Limit("max_columns", "PLANNER_MAX_COLUMNS", 200, "Columns in one sheet or CSV file"),
    Limit("max_cells", "PLANNER_MAX_CELLS", 1_000_000,
          "Filled cells in one upload (every file and sheet together)"),
    Limit("max_cell_chars", "PLANNER_MAX_CELL_CHARS", 32_767,
          "Characters in one cell (a CSV field included; Excel's own cell limit)"),
    Limit("max_file_bytes", "PLANNER_MAX_FILE_MB", 100 * MB, "Size of one file", "MB"),
    Limit("max_unpacked_bytes", "PLANNER_MAX_UNPACKED_MB", 300 * MB,
          "Unpacked size of every part of a workbook or zip together", "MB"),
    Limit("max_parts", "PLANNER_MAX_ZIP_MEMBERS", 2_000, "Parts (members) in a workbook or zip"),
    Limit("max_ratio", "PLANNER_MAX_EXPANSION_RATIO", 200,
          "How many times one part of over 1 MB may expand when unpacked"),
    Limit("max_csv_files", "PLANNER_MAX_CSV_FILES", 50, "CSV files in one zip"),
    Limit("max_shared_strings", "PLANNER_MAX_SHARED_STRINGS", 1_000_000,
          "Texts in a workbook's shared-strings table"),
    Limit("max_shared_chars", "PLANNER_MAX_SHARED_CHARS", 50_000_000,
          "Characters in a workbook's shared-strings table, all texts together"),
    Limit("max_merges", "PLANNER_MAX_MERGES", 10_000, "Merged ranges in one sheet"),
    Limit("max_merged_cells", "PLANNER_MAX_MERGED_CELLS", 1_000_000,
          "Cells covered by one sheet's merged ranges, each range cut to the filled area"),
    Limit("max_candidates", "PLANNER_MAX_CANDIDATES", 20_000, "Candidate projects to plan"),
)
BY_FIELD = {limit.field: limit for limit in LIMITS}


@dataclass(frozen=True)
class Limits:
    """The values of every limit for one read (defaults unless a setting raised them)."""

    max_rows: int = BY_FIELD["max_rows"].default
    max_columns: int = BY_FIELD["max_columns"].default
    max_cells: int = BY_FIELD["max_cells"].default
    max_cell_chars: int = BY_FIELD["max_cell_chars"].default
    max_file_bytes: int = BY_FIELD["max_file_bytes"].default
    max_unpacked_bytes: int = BY_FIELD["max_unpacked_bytes"].default
    max_parts: int = BY_FIELD["max_parts"].default
    max_ratio: int = BY_FIELD["max_ratio"].default
    max_csv_files: int = BY_FIELD["max_csv_files"].default
    max_shared_strings: int = BY_FIELD["max_shared_strings"].default
    max_shared_chars: int = BY_FIELD["max_shared_chars"].default
    max_merges: int = BY_FIELD["max_merges"].default
    max_merged_cells: int = BY_FIELD["max_merged_cells"].default
    max_candidates: int = BY_FIELD["max_candidates"].default


def _setting(limit: Limit, environ: Mapping[str, str]) -> int:
    text = environ.get(limit.setting, "").strip().replace(",", "").replace("_", "")
    if not text:
        return limit.default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0 or value != value or value == float("inf"):
        raise UnreadableFileError(
            limit.setting, f"the setting is '{environ[limit.setting]}', which is not a "
            "positive number; set it to a number (or remove it to use the default "
            f"{limit.shown(limit.default)}).")
    return int(value * MB) if limit.unit == "MB" else int(value)


def current_limits(environ: Mapping[str, str] | None = None) -> Limits:
    """Every limit's value: the default, or its PLANNER_MAX_* setting when one is set."""
    environ = os.environ if environ is None else environ
    return Limits(**{limit.field: _setting(limit, environ) for limit in LIMITS})


def over_limit(name: str, what_it_has: str, field: str, limits: Limits) -> UnreadableFileError:
    """The refusal for a limit passed: what the file has, the limit, and its setting.

    `what_it_has` reads after the file name: "the sheet 'Systems' has 30,000 merged ranges".
    """
    limit = BY_FIELD[field]
    value = getattr(limits, field)
    return UnreadableFileError(
        name, f"{what_it_has}; the limit is {limit.shown(value)} ({limit.setting}). It was "
        f"not read. Split the file, remove what the plan does not need, or raise the limit "
        f"with {limit.setting}.")


@dataclass
class Budget:
    """What one upload has used of the limits that add up across its files and sheets."""

    limits: Limits
    cells: int = 0

    def cells_left(self) -> int:
        """Filled cells the upload may still hold."""
        return self.limits.max_cells - self.cells

    def spend_cells(self, name: str, count: int, where: str) -> None:
        """Count `count` more filled cells; refuse when the upload passes max_cells."""
        self.cells += count
        if self.cells > self.limits.max_cells:
            raise over_limit(name, f"the upload has more than {self.limits.max_cells:,} "
                             f"filled cells (counting stopped at {where})", "max_cells",
                             self.limits)


class LimitPassed(Exception):
    """Raised inside a reader when a limit is passed; the caller names the file and sheet.

    `what_it_has` continues a subject such as "the sheet 'Systems'": "has 30,000 merged
    ranges".
    """

    def __init__(self, what_it_has: str, field: str) -> None:
        super().__init__(what_it_has)
        self.what_it_has = what_it_has
        self.field = field

    def refusal(self, name: str, subject: str, limits: Limits) -> UnreadableFileError:
        """The UnreadableFileError for file `name`, the limit passed by `subject`."""
        return over_limit(name, f"{subject} {self.what_it_has}", self.field, limits)


def check_candidates(name: str, title: str, count: int, limits: Limits | None = None) -> None:
    """Refuse an upload whose Candidates sheet (`title`, in file `name`) has more candidate
    rows than max_candidates, before a row of it is validated."""
    limits = limits or current_limits()
    if count > limits.max_candidates:
        raise over_limit(name, f"the sheet '{title}' has {count:,} candidate rows",
                         "max_candidates", limits)
