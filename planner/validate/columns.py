"""The per-column reading plan: how each mapped column is read, decided once before its rows.

Each column's header and all its values are looked at once: the unit the header states
(thousands, millions, hours, per month), whether percentages are whole numbers, which words
stand for which rating and which way its numbers run, whether a dash is $0, and which fiscal
year a date falls in. The decision is reported once per column, at the header row, under the
user's own header; the rows are then read with `ColumnReading.read`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from planner.core.schema import Kind
from planner.validate.scales import ScaleDecision
from planner.values.parse import (
    DEFAULT,
    EXCEL_ERRORS,
    MISSING,
    MISSING_TOKENS,
    CellError,
    Parsed,
    ReadOptions,
    clean_text,
    parse_cell,
    parse_fiscal_year,
    parse_integer,
    to_number,
)
from planner.values.ratings import split_label, word_key
from planner.values.units import cell_unit, has_magnitude

MONEY_LIMIT = 1e11  # $100 billion: more than any city's capital plan
COUNT_LIMIT = 1e12  # people, transactions, minutes: more than a trillion is a typing slip
# An accountant's zero: read as $0 in amounts where a blank has no meaning of its own.
ZERO_TOKENS = frozenset({"-", "--", "---", "—", "–", "n/a", "na", "nil", "$-", "$ -", "-0-"})
ZERO_COLUMNS = frozenset({"capital_budget", "one_time_cost"})  # and every cost_FY column
MEMO_SIZE = 50_000  # distinct cell values remembered per column (inventories repeat them)
_UNREMEMBERED = frozenset({Kind.ID, Kind.TEXT, Kind.LIST})


def is_spend(canonical: str) -> bool:
    """True for an explicit spend column (cost_FY2027 ...)."""
    return canonical.startswith("cost_FY")


def zero_key(raw: Any) -> str | None:
    """The dash token a cell holds ('-', '—', 'n/a', 'nil'), or None."""
    if not isinstance(raw, str):
        return None
    key = clean_text(raw).lower()
    return key if key in ZERO_TOKENS else None


@dataclass
class ColumnReading:
    """How one mapped column is read: its kind, unit factor, words and scale direction."""

    key: str  # the cell key: the user's header (or a budget grid's own key)
    canonical: str
    kind: Kind
    factor: float = 1.0  # every unit the header states, to the canonical unit
    scale_factor: float = 1.0  # the thousands/millions part of it (a '$1.2M' cell has its own)
    scale: ScaleDecision | None = None
    percent_points: bool = False  # whole-number percentages: 15 is 15%
    zero_dashes: bool = False
    start_month: int | None = None
    spend_year: int | None = None  # the fiscal year of an explicit spend column
    options: ReadOptions = DEFAULT
    parse_options: dict[str, bool] = field(default_factory=dict)

    memo: dict[tuple[type, Any], Parsed | CellError] = field(default_factory=dict, repr=False)
    distinct: list[Any] = field(default_factory=list, repr=False)  # the column's values, once

    def read(self, raw: Any) -> Parsed:
        """The cell's value in the canonical unit; MISSING for blanks; CellError if unreadable."""
        if raw is None:
            return MISSING
        if self.kind in _UNREMEMBERED:  # mostly distinct values; parse_cell caches its own
            return parse_cell(self.kind, raw, **self.parse_options)
        try:
            key = (raw.__class__, raw)
            found = self.memo.get(key)
        except TypeError:  # an unhashable cell value: read it without the memo
            return self._read(raw)
        if found is None:
            try:
                found = self._read(raw)
            except CellError as exc:
                found = exc
            if len(self.memo) < MEMO_SIZE:
                self.memo[key] = found
        if isinstance(found, CellError):  # a fresh error each time: no shared traceback
            raise CellError(str(found), found.code)
        return found

    def _read(self, raw: Any) -> Parsed:
        if isinstance(raw, str):
            text = clean_text(raw).lower()
            if self.zero_dashes and text in ZERO_TOKENS:
                return Parsed(0.0)
            if text in MISSING_TOKENS:
                return MISSING
            if text in EXCEL_ERRORS:
                raise CellError(f"the cell shows the Excel error {raw.strip()} (a broken "
                                "formula)")
        elif isinstance(raw, float):
            if raw != raw:  # NaN
                return MISSING
            if not math.isfinite(raw):
                raise CellError(f"'{raw}' is not a finite number")
        reader = _READERS.get(self.kind)
        if reader is not None:
            return reader(self, raw)
        parsed = parse_cell(self.kind, raw, **self.parse_options)
        if self.kind in (Kind.BOOLEAN, Kind.APPROACH) and parsed.note:
            return Parsed(parsed.value)  # the words are reported once for the column
        return parsed


def _plausible(reading: ColumnReading, parsed: Parsed, raw: Any) -> Parsed:
    """An amount or count beyond any city's (over $100 billion, over a trillion) is refused
    here, on its row, rather than failing the solver later."""
    limit = MONEY_LIMIT if reading.kind is Kind.MONEY else COUNT_LIMIT
    if isinstance(parsed.value, int | float) and abs(parsed.value) > limit:
        what = "$100 billion" if reading.kind is Kind.MONEY else "a trillion"
        raise CellError(f"{raw} is over {what}, not a plausible amount for this column",
                        "out-of-range")
    return parsed


def _amount(reading: ColumnReading, raw: Any) -> Parsed:
    if isinstance(raw, str):
        stated = cell_unit(raw, reading.canonical)
        if stated is not None:
            text, unit = stated
            scale = 1.0 if has_magnitude(text) else reading.scale_factor
            value = to_number(text, reading.options) * unit.factor * scale
            return _plausible(reading, Parsed(value), raw)
    parsed = parse_cell(reading.kind, raw, **reading.parse_options)
    factor = reading.factor
    if isinstance(raw, str) and has_magnitude(raw):
        factor /= reading.scale_factor
    scaled = Parsed(parsed.value * factor, parsed.note) if factor != 1 else parsed
    return _plausible(reading, scaled, raw)


def _not_a_rating(raw: Any) -> CellError:
    return CellError(f"'{raw}' is not a 1-5 rating (give 1 to 5, or words such as low, "
                     "medium, high)")


def _rating_number(reading: ColumnReading, raw: Any) -> tuple[float, str | None]:
    words = reading.scale.words if reading.scale else {}
    if isinstance(raw, bool):
        raise _not_a_rating(raw)
    if not isinstance(raw, str):
        return float(raw), None
    key = word_key(raw)
    if key in words:
        return words[key], "word"
    label = split_label(raw)
    if label is not None:
        return (words[label[1]], "word") if label[1] in words else (label[0], None)
    for word in sorted(words, key=len, reverse=True):  # 'very high mission criticality'
        if key.startswith(word + " "):
            return words[word], "word"
    try:
        return to_number(raw, reading.options), None
    except CellError:
        raise _not_a_rating(raw) from None


def _rating(reading: ColumnReading, raw: Any) -> Parsed:
    number, source = _rating_number(reading, raw)
    if source == "word":
        return Parsed(int(number))
    parsed = parse_integer(number)
    if not 1 <= parsed.value <= 5:
        raise CellError(f"{raw} is outside the 1-5 scale", "out-of-range")
    renumber = reading.scale.numbers if reading.scale else {}
    note = f"{raw} was rounded to {parsed.value}" if parsed.note else None
    return Parsed(renumber.get(parsed.value, parsed.value), note)


def _percent(reading: ColumnReading, raw: Any) -> Parsed:
    if isinstance(raw, str) and clean_text(raw).endswith("%"):
        return parse_cell(Kind.PERCENT, raw, **reading.parse_options)
    if isinstance(raw, bool):
        raise CellError(f"'{raw}' is not a percentage")
    number = to_number(raw, reading.options)
    value = number / 100.0 if reading.percent_points else number
    if not 0 <= value <= 1:
        raise CellError(f"{raw} is not a percentage between 0 and 100", "out-of-range")
    return Parsed(value)


DATE_NOTE = "date "  # how planner.values.dates words a date read as a fiscal year


def _fiscal_year(reading: ColumnReading, raw: Any) -> Parsed:
    if reading.start_month is None:
        return parse_cell(Kind.FISCAL_YEAR, raw, **reading.parse_options)
    parsed = parse_fiscal_year(raw, reading.options, start_month=reading.start_month)
    if parsed.note and parsed.note.startswith(DATE_NOTE):
        return Parsed(parsed.value)  # reported once for the column
    return parsed


_READERS = {Kind.MONEY: _amount, Kind.NUMBER: _amount, Kind.SCALE_1_5: _rating,
            Kind.PERCENT: _percent, Kind.FISCAL_YEAR: _fiscal_year}
