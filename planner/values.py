"""Cell values to typed values: money, numbers, years, dates, booleans, lists, enumerations."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from planner.models import Approach, Direction
from planner.schema import Kind

MISSING_TOKENS = frozenset(
    {"", "n/a", "na", "n.a.", "n.a", "n\\a", "none", "null", "nan", "tbd", "tbd.", "tba", "tbc",
     "unknown", "unk", "not known", "-", "--", "---", "—", "–", "?", "??", "not applicable",
     "#n/a"}
)
TRUE_TOKENS = frozenset({"yes", "y", "true", "t", "1", "x", "✓", "✔", "on", "mandatory"})
FALSE_TOKENS = frozenset({"no", "n", "false", "f", "0", "off", ""})
EXCEL_ERRORS = frozenset(
    {"#div/0!", "#ref!", "#value!", "#name?", "#num!", "#null!", "#spill!", "#calc!",
     "#getting_data", "#field!", "#blocked!", "#connect!", "#busy!", "#unknown!"}
)
EXCEL_SERIALS = (20_000, 80_000)  # serial day numbers of 1954 to 2119: plausible dates
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u200b": "",
                         "\ufeff": ""})


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; `code` is an IssueCode value."""

    def __init__(self, message: str, code: str = "type-error") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Parsed:
    """A typed value, with a note when reading it changed its meaning (reported as a warning)."""

    value: Any
    note: str | None = None


@dataclass(frozen=True)
class ReadOptions:
    """How the source file writes numbers and dates."""

    decimal_comma: bool = False  # 1.234,56
    date1904: bool = False  # Excel serial dates counted from 1904 (old Mac workbooks)


MISSING = Parsed(None)
DEFAULT = ReadOptions()


def clean_text(raw: Any) -> str:
    """Text of a cell with non-breaking spaces and surrounding whitespace removed."""
    return str(raw).translate(_SPACES).strip()


def is_missing(raw: Any) -> bool:
    """True for blank cells and placeholders such as N/A, TBD or a dash."""
    if raw is None:
        return True
    if isinstance(raw, float):
        return math.isnan(raw)
    return isinstance(raw, str) and clean_text(raw).lower() in MISSING_TOKENS


_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mil": 1e6, "million": 1e6,
                "b": 1e9, "bn": 1e9, "billion": 1e9}
_NUMBER = re.compile(r"^(\d[\d,.']*|[.,]\d+)(k|thousand|mm|million|mil|m|billion|bn|b)?$")
_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?e[+-]?\d+$")
_CURRENCY = ("usd", "us$", "$", "€", "£", "eur", "dollars")


def parse_number_text(text: str, options: ReadOptions = DEFAULT) -> float:
    """Read '1,200', '$1.2M', '85k', '(1,500)', '1.200.000,50', '1.5E+06' as a number."""
    t = clean_text(text).lower().replace(" ", "").replace("\u2212", "-")
    negative = t.startswith("(") and t.endswith(")")
    if negative:
        t = t[1:-1]
    for token in _CURRENCY:
        if token in t:
            t = t.replace(token, "")
    if t.startswith(("-", "+")):
        negative, t = negative != (t[0] == "-"), t[1:]
    for token in _CURRENCY[:3]:  # '-$1,500' and '$-1,500' alike
        t = t.removeprefix(token)
    if _SCIENTIFIC.match(t):
        value = float(t)
    else:
        match = _NUMBER.match(t)
        if not match:
            raise CellError(f"'{text}' is not a number")
        digits, suffix = match.groups()
        value = float(_normalize_separators(digits, options.decimal_comma, text))
        value *= _MULTIPLIERS.get(suffix or "", 1.0)
    return -value if negative else value


def _grouped(integer: str, separator: str) -> bool:
    parts = integer.split(separator)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def _normalize_separators(digits: str, decimal_comma: bool, text: str) -> str:
    digits = digits.replace("'", "")
    if "," in digits and "." in digits:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
    elif "," in digits:
        tail = digits.rpartition(",")[2]
        decimal = "," if decimal_comma or (digits.count(",") == 1 and len(tail) != 3) else ""
    elif "." in digits:
        tail = digits.rpartition(".")[2]
        thousands = digits.count(".") > 1 or (decimal_comma and len(tail) == 3)
        decimal = "" if thousands else "."
    else:
        return digits
    thousands_sep = {",": ".", ".": ","}.get(decimal, "," if "," in digits else ".")
    integer, _, fraction = digits.rpartition(decimal) if decimal else (digits, "", "")
    if integer and thousands_sep in integer and not _grouped(integer, thousands_sep):
        raise CellError(f"'{text}' is not a number (the digit groups are unusual)")
    if decimal and thousands_sep not in integer and decimal in integer:
        raise CellError(f"'{text}' is not a number")
    return f"{integer.replace(thousands_sep, '') or '0'}.{fraction}" if decimal \
        else integer.replace(thousands_sep, "")


def to_number(raw: Any, options: ReadOptions = DEFAULT) -> float:
    """A finite float from a number cell or numeric text."""
    if isinstance(raw, float | int):
        value = float(raw)
    elif isinstance(raw, str):
        text = clean_text(raw)
        value = parse_number_text(text[:-1] if text.endswith("%") else text, options)
    else:
        raise CellError(f"'{raw}' is not a number")
    if not math.isfinite(value):
        raise CellError(f"'{raw}' is not a finite number")
    return value


def parse_money(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
    """Money in dollars: numbers, '$1.2M', '85k', '(1,500)' (negative)."""
    if isinstance(raw, str) and clean_text(raw).endswith("%"):
        raise CellError(f"'{raw}' is a percentage, not an amount of money")
    return Parsed(to_number(raw, options))


def parse_number(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
    """Any number."""
    return Parsed(to_number(raw, options))


def _round_half_up(value: float) -> int:
    return int(math.floor(value + 0.5))


def parse_integer(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
    """A whole number; a fractional value is rounded (half up) and reported."""
    value = to_number(raw, options)
    if value != int(value):
        rounded = _round_half_up(value)
        return Parsed(rounded, f"{value:g} was rounded to {rounded}")
    return Parsed(int(value))


_SCALE_WORDS = {"very low": 1, "very poor": 1, "low": 2, "poor": 2, "medium": 3, "moderate": 3,
                "fair": 3, "average": 3, "high": 4, "strong": 4, "good": 4, "very high": 5,
                "critical": 5, "excellent": 5}
_SCALE_PREFIXES = sorted(_SCALE_WORDS, key=len, reverse=True)


def parse_scale(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
    """A 1-5 rating; text such as 'High', '4 - good' or 'very high mission criticality' too."""
    if isinstance(raw, str):
        text = clean_text(raw).lower()
        for label in _SCALE_PREFIXES:  # longest first, so 'very high' is not read as 'high'
            if text == label or text.startswith(label + " "):
                value = _SCALE_WORDS[label]
                return Parsed(value, f"'{raw}' read as {value} on the 1-5 scale")
        match = re.match(r"^(\d(?:\.\d+)?)\b", text)
        if match and match.group(0) != text:
            return _in_scale(parse_integer(match.group(1)), raw)
    return _in_scale(parse_integer(raw, options), raw)


def _in_scale(parsed: Parsed, raw: Any) -> Parsed:
    if not 1 <= parsed.value <= 5:
        raise CellError(f"{raw} is outside the 1-5 scale", "out-of-range")
    return parsed


def _excel_date(serial: float, options: ReadOptions) -> dt.date:
    epoch = dt.date(1904, 1, 1) if options.date1904 else dt.date(1899, 12, 30)
    # The 1900 system counts a 29 February 1900 that never was; serials here are past it.
    return epoch + dt.timedelta(days=int(serial))


def _serial_note(raw: Any, value: dt.date, options: ReadOptions) -> str:
    system = " (1904 date system)" if options.date1904 else ""
    return f"Excel date number {raw} read as {value.isoformat()}{system}"


_YEAR_IN_TEXT = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")


def parse_year(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
    """A calendar year such as 1996 (a date gives its year)."""
    if isinstance(raw, dt.date):
        return Parsed(raw.year, f"date {raw:%Y-%m-%d} read as the year {raw.year}")
    try:
        value = parse_integer(raw, options).value
    except CellError:
        found = _YEAR_IN_TEXT.findall(clean_text(raw)) if isinstance(raw, str) else []
        if len(found) != 1:
            raise
        return Parsed(int(found[0]), f"'{raw}' read as the year {found[0]}")
    if 0 <= value < 100:
        full = 2000 + value if value < 50 else 1900 + value
        return Parsed(full, f"two-digit year {value} read as {full}")
    if EXCEL_SERIALS[0] <= value <= EXCEL_SERIALS[1]:
        date = _excel_date(value, options)
        return Parsed(date.year, f"{_serial_note(raw, date, options)}, the year {date.year}")
    if not 1900 <= value <= 2200:
        raise CellError(f"{value} is not a plausible year", "out-of-range")
    return Parsed(value)


_FY = re.compile(r"^(?:fy|fiscal year|fiscal)\s*'?\s*(\d{2}|\d{4})$")
_FY_SPAN = re.compile(r"^(?:fy|fiscal year)?\s*'?(\d{2}|\d{4})\s*[-/–]\s*(\d{2}|\d{4})$")


def parse_fiscal_year(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
    """A fiscal year named by the calendar year it ends in: 2027, 'FY27', 'FY2027', '2026-27'."""
    if isinstance(raw, str):
        text = clean_text(raw).lower()
        match = _FY.match(text)
        if match:
            digits = match.group(1)
            return Parsed(2000 + int(digits) if len(digits) == 2 else int(digits))
        span = _FY_SPAN.match(text)
        if span:
            start = int(span.group(1))
            start = 2000 + start if start < 100 else start
            end = span.group(2)
            end_year = start // 100 * 100 + int(end) if len(end) == 2 else int(end)
            if end_year != start + 1:
                raise CellError(f"'{raw}' is not a one-year span")
            return Parsed(end_year, f"'{raw}' read as FY{end_year} (the year it ends in)")
    if isinstance(raw, dt.date):
        raise CellError(f"{raw:%Y-%m-%d} is a date; give the fiscal year, such as FY{raw.year}")
    return parse_year(raw, options)


_DAY_FORMATS = ("%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y",
                "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d.%m.%Y", "%d-%b-%Y", "%d-%b-%y")
_MONTH_FORMATS = ("%B %Y", "%b %Y", "%Y-%m", "%m/%Y", "%b-%y", "%b-%Y", "%B-%Y", "%b %y")


def _month_end(value: dt.date) -> dt.date:
    next_month = value.replace(day=28) + dt.timedelta(days=4)
    return next_month - dt.timedelta(days=next_month.day)


def _date_from_number(raw: Any, number: float, options: ReadOptions) -> Parsed:
    if number == int(number) and 1900 <= number <= 2200:
        year = int(number)
        # A year is a documented form of this column; only a year typed as text is noted.
        note = f"text '{raw}' read as the year {year} (31 December)" if isinstance(raw, str) \
            else None
        return Parsed(dt.date(year, 12, 31), note)
    if EXCEL_SERIALS[0] <= number <= EXCEL_SERIALS[1]:
        value = _excel_date(number, options)
        return Parsed(value, _serial_note(raw, value, options))
    raise CellError(f"{raw} is neither a year nor a date")


def parse_date_or_year(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
    """A date: date cells, Excel date numbers, ISO text, '6/30/2027', 'June 2027', or a year."""
    if isinstance(raw, dt.datetime):
        return Parsed(raw.date())
    if isinstance(raw, dt.date):
        return Parsed(raw)
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise CellError(f"'{raw}' is not a date or a year")
    if isinstance(raw, int | float):
        return _date_from_number(raw, float(raw), options)
    text = clean_text(raw)
    if re.fullmatch(r"\d{4,5}(\.0+)?", text):
        return _date_from_number(raw, float(text), options)
    try:
        return Parsed(dt.datetime.fromisoformat(text).date())
    except ValueError:
        pass
    for fmt in _DAY_FORMATS:
        try:
            return Parsed(dt.datetime.strptime(text, fmt).date())
        except ValueError:
            continue
    try:  # 30/06/2027 cannot be month/day, so it is day/month
        value = dt.datetime.strptime(text, "%d/%m/%Y").date()
        return Parsed(value, f"'{raw}' read as day/month/year: {value.isoformat()}")
    except ValueError:
        pass
    for fmt in _MONTH_FORMATS:
        try:
            value = _month_end(dt.datetime.strptime(text, fmt).date())
        except ValueError:
            continue
        return Parsed(value, f"'{raw}' read as {value.isoformat()} (the end of that month)")
    raise CellError(f"'{raw}' is not a date or a year")


def parse_percent(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
    """A share between 0 and 1: '15%', 0.15, or 15 (read as 15%, with a note)."""
    if isinstance(raw, str) and clean_text(raw).endswith("%"):
        value = to_number(clean_text(raw)[:-1], options) / 100.0
    else:
        value = to_number(raw, options)
        if 1 < value <= 100:
            return Parsed(value / 100.0, f"{value:g} read as {value:g}%")
    if not 0 <= value <= 1:
        raise CellError(f"{raw} is not a percentage between 0 and 100", "out-of-range")
    return Parsed(value)


def parse_boolean(raw: Any, options: ReadOptions = DEFAULT) -> Parsed:
    """yes/no, y/n, x, true/false, 1/0; 'yes (state law)' is read as yes, with a note."""
    if isinstance(raw, bool):
        return Parsed(raw)
    text = f"{raw:g}" if isinstance(raw, int | float) else clean_text(raw).lower().rstrip(".")
    if text in TRUE_TOKENS:
        return Parsed(True)
    if text in FALSE_TOKENS:
        return Parsed(False)
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


_OPTIONS = {(d, e): ReadOptions(d, e) for d in (False, True) for e in (False, True)}


def read_options(decimal_comma: bool = False, date1904: bool = False) -> ReadOptions:
    """The shared ReadOptions for these settings."""
    return _OPTIONS[bool(decimal_comma), bool(date1904)]


@lru_cache(maxsize=65_536)
def _parse_cached(kind: Kind, cls: type, raw: Any, decimal_comma: bool,
                  date1904: bool) -> Parsed:
    # Inventories repeat the same values (departments, yes/no, ratings, years): parse each once.
    # `cls` is part of the key because 1 == 1.0 == True would otherwise share an entry.
    return _parse(kind, raw, _OPTIONS[decimal_comma, date1904])


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
               date1904: bool = False) -> Parsed:
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
        return _parse_cached(kind, cls, raw, decimal_comma, date1904)
    return _parse(kind, raw, _OPTIONS[decimal_comma, date1904])
