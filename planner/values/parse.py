"""Cell values to typed values: money, numbers, years, dates, booleans, lists, enumerations.

The readers live in planner.values.cells (shared types), planner.values.numeric and
planner.values.dates; this module adds the rest and `parse_cell`, the one entry point, and
re-exports them all.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from planner.core.models import Approach, Direction
from planner.core.schema import Kind
from planner.values.cells import (
    DEFAULT,
    EXCEL_ERRORS,
    FALSE_TOKENS,
    MISSING,
    MISSING_TOKENS,
    TRUE_TOKENS,
    CellError,
    Parsed,
    ReadOptions,
    clean_text,
    is_missing,
    read_options,
)
from planner.values.dates import EXCEL_SERIALS, parse_date_or_year, parse_fiscal_year, parse_year
from planner.values.numeric import (
    parse_integer,
    parse_money,
    parse_number,
    parse_number_text,
    parse_percent,
    parse_scale,
    to_number,
)

__all__ = [
    "DEFAULT", "EXCEL_ERRORS", "EXCEL_SERIALS", "FALSE_TOKENS", "MISSING", "MISSING_TOKENS",
    "PARSERS", "TRUE_TOKENS", "CellError", "Parsed", "ReadOptions", "clean_text",
    "is_missing", "parse_boolean", "parse_cell", "parse_date_or_year", "parse_fiscal_year",
    "parse_id", "parse_integer", "parse_list", "parse_money", "parse_number",
    "parse_number_text", "parse_percent", "parse_scale", "parse_text", "parse_year",
    "read_options", "to_number",
]


# Words of mandate columns: 'Required' is a yes, 'Not required' a no.
YES_PHRASES = frozenset({"required", "mandated", "statutory", "legally required",
                         "required by law", "mandated by law", "checked", "ticked"})
NO_PHRASES = frozenset({"not required", "not mandated", "not mandatory", "optional",
                        "voluntary", "discretionary", "not statutory", "unchecked"})


def parse_boolean(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
    """yes/no, y/n, x, true/false, 1/0, required/not required; 'yes (state law)' is read as
    yes, with a note."""
    if isinstance(raw, bool):
        return Parsed(raw)
    text = f"{raw:g}" if isinstance(raw, int | float) else clean_text(raw).lower().rstrip(".")
    if text in TRUE_TOKENS:
        return Parsed(True)
    if text in FALSE_TOKENS:
        return Parsed(False)
    words = " ".join(re.sub(r"[-_]+", " ", text).split())
    if words in YES_PHRASES or words in NO_PHRASES:
        answer = words in YES_PHRASES
        return Parsed(answer, f"'{raw}' read as {'yes' if answer else 'no'}")
    first = re.split(r"[\s,;:(/-]+", text, maxsplit=1)[0]
    if first in ("yes", "no"):
        return Parsed(first == "yes", f"'{raw}' read as {first}")
    raise CellError(f"'{raw}' is not yes or no", "invalid-choice")


def parse_list(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
    """Ids or names separated by commas, semicolons or new lines."""
    if isinstance(raw, float) and raw == int(raw):
        raw = int(raw)
    parts = re.split(r"[;,\n|]+", clean_text(raw))
    return Parsed(tuple(dict.fromkeys(p.strip() for p in parts if p.strip())))


def parse_id(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
    """An id: text as written; a whole number such as 101.0 becomes '101'."""
    if isinstance(raw, float) and raw == int(raw):
        return Parsed(str(int(raw)))
    return Parsed(clean_text(raw))


def parse_text(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
    """Free text with surrounding whitespace removed."""
    if isinstance(raw, dt.datetime | dt.date):
        return Parsed(raw.isoformat())
    if isinstance(raw, float) and raw == int(raw):
        return Parsed(str(int(raw)))
    return Parsed(clean_text(raw))


def _enum_parser(enum: type[Approach] | type[Direction]) -> Callable[..., Parsed]:
    def parse(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
        try:
            member = enum.from_alias(clean_text(raw))
        except ValueError as exc:
            raise CellError(str(exc), "invalid-choice") from None
        changed = clean_text(raw).lower() != member.value
        return Parsed(member, f"'{raw}' read as '{member.value}'" if changed else None)

    return parse


PARSERS: dict[Kind, Callable[..., Parsed]] = {
    Kind.ID: parse_id,
    Kind.TEXT: parse_text,
    Kind.MONEY: parse_money,
    Kind.NUMBER: parse_number,
    Kind.INTEGER: parse_integer,
    Kind.SCALE_1_5: parse_scale,
    Kind.YEAR: parse_year,
    Kind.FISCAL_YEAR: parse_fiscal_year,
    Kind.DATE_OR_YEAR: parse_date_or_year,
    Kind.PERCENT: parse_percent,
    Kind.BOOLEAN: parse_boolean,
    Kind.LIST: parse_list,
    Kind.APPROACH: _enum_parser(Approach),
    Kind.DIRECTION: _enum_parser(Direction),
}


@lru_cache(maxsize=65_536)
def _parse_cached(kind: Kind, cls: type, raw: Any, decimal_comma: bool,
                  date1904: bool, text_file: bool) -> Parsed:
    # Inventories repeat the same values (departments, yes/no, ratings, years): parse each once.
    # `cls` is part of the key because 1 == 1.0 == True would otherwise share an entry.
    return _parse(kind, raw, read_options(decimal_comma, date1904, text_file))


def _parse(kind: Kind, raw: Any, options: ReadOptions) -> Parsed:
    if isinstance(raw, str):
        key = clean_text(raw).lower()
        if key in MISSING_TOKENS:
            return MISSING
        if key in EXCEL_ERRORS:
            raise CellError(f"the cell shows the Excel error {raw.strip()} (a broken formula)")
    elif isinstance(raw, float) and math.isnan(raw):
        return MISSING
    return PARSERS[kind](raw, options)


def parse_cell(kind: Kind, raw: Any, *, decimal_comma: bool = False,
               date1904: bool = False, text_file: bool = False) -> Parsed:
    """Read one cell as `kind`; MISSING for blanks and placeholders; CellError when unreadable."""
    if raw is None:
        return MISSING
    cls = raw.__class__
    if cls is float:
        if raw != raw:  # NaN
            return MISSING
        if (kind is Kind.MONEY or kind is Kind.NUMBER) and math.isfinite(raw):
            return Parsed(raw)
    elif cls is int and (kind is Kind.MONEY or kind is Kind.NUMBER):
        return Parsed(float(raw))
    if cls is str or cls is int or cls is float or cls is bool:
        return _parse_cached(kind, cls, raw, decimal_comma, date1904, text_file)
    return _parse(kind, raw, read_options(decimal_comma, date1904, text_file))
