"""The user's tables as an editable workspace: read once, mapped, edited in place, re-validated.

The app keeps one `Workspace` per session. Each recognized sheet becomes a DataFrame whose
columns are the user's own headers and whose index is the row number they see in their
spreadsheet (unique), so every cell has one key (row, header) and every edit and every issue
points at the same row. A budget grid stays a grid: funds as rows and fiscal years as
columns (or the transpose), so the cell (Federal Grant's row, 'FY2029') is one fund's one
year. Re-validation rebuilds raw sheets from those frames under the user's own headers and
runs the same importer the command line uses, with the confirmed mapping passed as a mapping
profile (columns, ignored and custom columns, ratings where 1 is the most), so messages name
the user's headers and nothing is validated twice in two different ways.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from planner.core.issues import IssueLog
from planner.core.schema import PAIRWISE_NAME
from planner.ingest.files import RawSheet, RawWorkbook, read_files
from planner.recognize.budget_layout import AMOUNT_KEY
from planner.recognize.profiles import CUSTOM as PROFILE_CUSTOM
from planner.recognize.profiles import MappingProfile, SheetProfile
from planner.recognize.raw_tables import RawTable
from planner.recognize.tables import recognize
from planner.service import load_book
from planner.validate.portfolio import Validated
from planner.views.cells import plain

IGNORE = "(ignore)"
SETTINGS = "Settings"
CUSTOM = "(custom column)"

# Issues about the file's layout: they come from the original read and do not change when
# values are edited (title and totals rows, hidden sheets, macros, unknown sheets ...).
LAYOUT_CODES = frozenset({
    "unreadable-file", "unsafe-file", "macros-present", "external-links", "hidden-sheet",
    "hidden-row", "formula-not-calculated", "unknown-sheet", "skipped-row", "truncated",
    "duplicate-column",
})


@dataclass(frozen=True)
class SheetInfo:
    """Where a recognized table came from."""

    name: str  # canonical sheet name
    title: str  # the user's sheet title or CSV file stem
    source: str  # file name
    header_row: int
    headers: tuple[str, ...]
    layout: str = "long"  # or "wide" (funds as rows) / "transposed" for budget grids
    # The rows above the header as the file has them (a title row may state the unit of a
    # budget grid: 'Amounts in thousands'); written back on re-validation.
    preamble: tuple[tuple[int, tuple[Any, ...]], ...] = ()

    @property
    def grid(self) -> bool:
        """True for a budget kept as the user's grid (its mapping is read, not chosen)."""
        return self.layout != "long"


@dataclass
class Workspace:
    """Editable tables keyed by canonical sheet name, with their mapping and origin."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    mapping: dict[str, dict[str, str]] = field(default_factory=dict)  # header -> canonical
    sheets: dict[str, SheetInfo] = field(default_factory=dict)
    pairwise: RawSheet | None = None
    files: dict[str, str] = field(default_factory=dict)
    layout_issues: pd.DataFrame = field(default_factory=pd.DataFrame)
    # sheet -> headers of 1-5 ratings where 1 is the most (read as 6 - value)
    reversed: dict[str, frozenset[str]] = field(default_factory=dict)
    _digest: str | None = field(default=None, init=False, repr=False, compare=False)

    def digest(self) -> str:
        """A content hash of everything re-validation reads (the cache key of the app)."""
        if self._digest is None:
            self._digest = self._compute_digest()
        return self._digest

    def _compute_digest(self) -> str:
        hasher = hashlib.sha256()
        for name in sorted(self.frames):
            frame = self.frames[name]
            hasher.update(name.encode())
            hasher.update(json.dumps(list(map(str, frame.columns))).encode())
            hasher.update(pd.util.hash_pandas_object(frame.astype("string"), index=True)
                          .to_numpy().tobytes())
        hasher.update(json.dumps(self.mapping, sort_keys=True).encode())
        hasher.update(json.dumps({k: sorted(v) for k, v in self.reversed.items()},
                                 sort_keys=True).encode())
        hasher.update(json.dumps(self.files, sort_keys=True).encode())
        if self.pairwise is not None:
            hasher.update(repr(self.pairwise.rows).encode())
        return hasher.hexdigest()

    def with_frame(self, sheet: str, frame: pd.DataFrame) -> Workspace:
        """A copy with one table replaced."""
        return replace(self, frames={**self.frames, sheet: frame})

    def with_mapping(self, sheet: str, mapping: dict[str, str]) -> Workspace:
        """A copy with one sheet's column mapping replaced."""
        return replace(self, mapping={**self.mapping, sheet: dict(mapping)})

    def with_reversed(self, sheet: str, headers: set[str] | frozenset[str]) -> Workspace:
        """A copy in which these rating headers of one sheet read 1 as the most."""
        return replace(self, reversed={**self.reversed, sheet: frozenset(headers)})


def _cell(value: Any) -> Any:
    """A raw cell as the editor shows it: numbers stay numbers, everything else is text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return value
    return str(value)


def _column(values: list[Any]) -> pd.Series:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, int | float) for v in present):
        if all(float(v).is_integer() for v in present):
            return pd.Series([None if v is None else int(v) for v in values], dtype="Int64")
        return pd.Series(values, dtype="Float64")
    return pd.Series([None if v is None else str(v) for v in values], dtype="object")


def frame_from_rows(headers: list[str], rows: list[tuple[int, dict[str, Any]]]) -> pd.DataFrame:
    """A table with the user's headers, typed per column, indexed by spreadsheet row number."""
    data = {h: _column([_cell(cells.get(h)) for _, cells in rows]) for h in headers}
    index = pd.Index([number for number, _ in rows], name="row", dtype="int64")
    frame = pd.DataFrame(data, columns=headers)
    frame.index = index
    return frame


def _grid_frame(table: RawTable) -> tuple[list[str], pd.DataFrame]:
    """A budget grid as the user keeps it: one row per spreadsheet row, the grid's headers.

    The importer reads each filled cell as one budget line that keeps its row number and
    names its column in `labels`; those lines are put back into their cells.
    """
    shown = list(table.shown_mapping or {})
    first = shown[0]
    amount = next((k for k, c in table.mapping.items() if c == "capital_budget"), AMOUNT_KEY)
    rows: dict[int, dict[str, Any]] = {}
    for line in table.rows:
        cells = rows.setdefault(line.number, {first: line.cells.get(first)})
        cells[line.labels.get(amount, amount)] = line.cells.get(amount)
    return shown, frame_from_rows(shown, sorted(rows.items()))


def read_workspace(sources: list[tuple[str, bytes]]) -> Workspace:
    """Read uploaded files into a workspace; raises PlannerError for unreadable files."""
    book = read_files(sources)
    log = IssueLog()
    tableset = recognize(book, log)
    frames, sheets, mapping, scales = {}, {}, {}, {}
    for name, table in tableset.tables.items():
        if table.layout != "long":
            headers, frames[name] = _grid_frame(table)
            mapping[name] = dict(table.shown_mapping or {})
        else:
            headers = [h for h in table.headers if h]
            frames[name] = frame_from_rows(headers, [(r.number, r.cells) for r in table.rows])
            mapping[name] = {h: table.mapping.get(h, CUSTOM) for h in headers}
        raw = next((s for s in book.sheets if s.title == table.title), None)
        above = tuple((n, tuple(c)) for n, c in (raw.rows if raw else []) if n < table.header_row)
        sheets[name] = SheetInfo(name, table.title, raw.source if raw else "", table.header_row,
                                 tuple(headers), table.layout, above)
        scales[name] = frozenset(table.reversed_scales)
    issues = log.frame()
    layout = issues[issues["code"].isin(LAYOUT_CODES)].reset_index(drop=True)
    return Workspace(frames, mapping, sheets, tableset.pairwise, dict(tableset.files), layout,
                     scales)


def to_book(workspace: Workspace) -> RawWorkbook:
    """Raw sheets rebuilt from the edited tables, under the user's own headers (the mapping
    travels beside them as a profile: see mapping_profile)."""
    book = RawWorkbook(files=dict(workspace.files))
    for name, frame in workspace.frames.items():
        info = workspace.sheets[name]
        rows: list[tuple[int, list[Any]]] = [(n, list(c)) for n, c in info.preamble]
        rows.append((info.header_row, [str(c) for c in frame.columns]))
        values = frame.astype(object).to_numpy().tolist()
        for number, cells in zip(frame.index, values, strict=True):
            rows.append((int(number), [plain(v) for v in cells]))
        book.sheets.append(RawSheet(info.title, rows, source=info.source))
    if workspace.pairwise is not None:
        book.sheets.append(workspace.pairwise)
    return book


def mapping_profile(workspace: Workspace) -> MappingProfile:
    """The confirmed mapping as the importer's saved-profile format: every column named, as
    its standard column, as "custom" or as ignored (null), and the ratings where 1 is the
    most. A budget grid is named as the Budget and read as a grid again."""
    sheets = {}
    words = {CUSTOM: PROFILE_CUSTOM, IGNORE: None}
    for name, mapping in workspace.mapping.items():
        info = workspace.sheets.get(name)
        if info is None:
            continue
        columns = {} if info.grid else {h: words.get(c, c) for h, c in mapping.items()}
        sheets[info.title] = SheetProfile(
            table=name, header_row=info.header_row, columns=columns,
            reversed_scales=sorted(workspace.reversed.get(name, ())))
    if workspace.pairwise is not None:
        sheets[workspace.pairwise.title] = SheetProfile(table=PAIRWISE_NAME)
    return MappingProfile(sheets=sheets)


def validate_workspace(workspace: Workspace) -> Validated:
    """Validate the edited tables with the importer; layout issues of the original are kept."""
    validated = load_book(to_book(workspace), mapping=mapping_profile(workspace))
    issues = [i for i in validated.log.items if i.code.value not in LAYOUT_CODES]
    validated.log.items = issues
    return validated


def all_issues(workspace: Workspace, validated: Validated) -> pd.DataFrame:
    """Layout issues from the original file plus the current value issues, by sheet and row."""
    frames = [f for f in (workspace.layout_issues, validated.issues) if not f.empty]
    if not frames:
        return validated.issues
    issues = pd.concat(frames, ignore_index=True)
    order = {"error": 0, "warning": 1, "info": 2}
    issues["_order"] = issues["severity"].map(order)
    issues = issues.sort_values(["_order", "sheet", "row"], kind="stable", na_position="first")
    return issues.drop(columns="_order").reset_index(drop=True)


def with_settings(workspace: Workspace, values: dict[str, Any]) -> Workspace:
    """A copy whose Settings table holds these key/value pairs: a key present is changed in
    place (its row number kept), a new one is appended, and a value of None removes the key.
    A workspace without a Settings table gets one."""
    frame = workspace.frames.get(SETTINGS)
    mapping = workspace.mapping.get(SETTINGS, {})
    by_canonical = {canonical: header for header, canonical in mapping.items()}
    if frame is None or "key" not in by_canonical or "value" not in by_canonical:
        frame = pd.DataFrame(columns=["key", "value"], dtype=object)
        frame.index = pd.Index([], name="row", dtype="int64")
        by_canonical = {"key": "key", "value": "value"}
        workspace = replace(workspace, mapping={**workspace.mapping, SETTINGS: dict(
            key="key", value="value")}, sheets={**workspace.sheets, SETTINGS: SheetInfo(
                SETTINGS, SETTINGS, "", 1, ("key", "value"))})
    key_col, value_col = by_canonical["key"], by_canonical["value"]
    result = frame.astype(object)  # a key/value table: values of every kind
    for key, value in values.items():
        rows = result.index[result[key_col].astype("string").str.strip().str.lower()
                            == key.lower()]
        if value is None:
            result = result.drop(index=rows)
        elif len(rows):
            result.loc[rows[0], value_col] = value
        else:
            number = int(max(result.index.max() if len(result) else 1, 1)) + 1
            added = {c: None for c in result.columns} | {key_col: key, value_col: value}
            row = pd.DataFrame([added], columns=result.columns, dtype=object,
                               index=pd.Index([number], name="row", dtype="int64"))
            result = pd.concat([result, row]) if len(result) else row
    return workspace.with_frame(SETTINGS, result)


def sheets_frame(workspace: Workspace, validated: Validated) -> pd.DataFrame:
    """One row per recognized table: where it came from and how many rows were imported."""
    rows = []
    for name, info in workspace.sheets.items():
        read = len(workspace.frames[name])
        errors = validated.issues
        bad = errors[(errors["sheet"] == info.title) & (errors["severity"] == "error")]
        rows.append({"table": name, "your sheet": info.title, "file": info.source,
                     "header row": info.header_row, "rows read": read,
                     "rows with errors": int(bad["row"].dropna().nunique())})
    return pd.DataFrame(rows, columns=["table", "your sheet", "file", "header row",
                                       "rows read", "rows with errors"])
