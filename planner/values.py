"""Cell values to typed values: money, numbers, years, dates, booleans, lists, enumerations."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from planner.models import Approach, Direction
from planner.schema import Kind

MISSING_TOKENS = frozenset(
    {"", "n/a", "na", "n.a.", "none", "null", "nan", "tbd", "tba", "unknown", "-", "--", "—",
     "?", "not applicable", "#n/a"}
)
TRUE_TOKENS = frozenset({"yes", "y", "true", "t", "1", "x", "✓", "✔", "on", "mandatory"})
FALSE_TOKENS = frozenset({"no", "n", "false", "f", "0", "off", ""})


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


MISSING = Parsed(None)


def clean_text(raw: Any) -> str:
    """Text of a cell with non-breaking spaces and surrounding whitespace removed."""
    return str(raw).replace("\u00a0", " ").replace("\u200b", "").strip()


def is_missing(raw: Any) -> bool:
    """True for blank cells and placeholders such as N/A, TBD or a dash."""
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    return isinstance(raw, str) and clean_text(raw).lower() in MISSING_TOKENS


_MULTIPLIERS = {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9}
_NUMBER = re.compile(r"^([+-]?)(\d[\d,.' ]*|\.\d+)(k|m|mm|b|bn)?$")


def parse_number_text(text: str) -> float:
    """Read '1,200', '$1.2M', '85k', '(1,500)', '1.200.000,50', '12 %' as a number."""
    t = clean_text(text).lower()
    negative = t.startswith("(") and t.endswith(")")
    if negative:
        t = t[1:-1].strip()
    for token in ("usd", "us$", "$", "€", "£", "eur"):
        t = t.replace(token, "")
    t = t.replace(" ", "").replace("\u2212", "-")
    if t.startswith("-"):
        negative, t = not negative, t[1:]
    match = _NUMBER.match(t)
    if not match:
        raise CellError(f"'{text}' is not a number")
    sign, digits, suffix = match.groups()
    value = float(_normalize_separators(digits))
    value *= _MULTIPLIERS.get(suffix or "", 1.0)
    if sign == "-":
        negative = not negative
    return -value if negative else value


def _normalize_separators(digits: str) -> str:
    digits = digits.replace("'", "")
    if "," in digits and "." in digits:
        # The separator that comes last is the decimal one.
        if digits.rfind(",") > digits.rfind("."):
            return digits.replace(".", "").replace(",", ".")
        return digits.replace(",", "")
    if digits.count(".") > 1:
        return digits.replace(".", "")
    if "," in digits:
        head, _, tail = digits.rpartition(",")
        if digits.count(",") == 1 and len(tail) != 3:
            return f"{head}.{tail}"  # a decimal comma: 12,5
        return digits.replace(",", "")
    return digits


def to_number(raw: Any) -> float:
    """A finite float from a number cell or numeric text."""
    if isinstance(raw, bool):
        return float(raw)
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str):
        value = parse_number_text(raw.rstrip("%").strip() if raw.strip().endswith("%") else raw)
    else:
        raise CellError(f"'{raw}' is not a number")
    if not math.isfinite(value):
        raise CellError(f"'{raw}' is not a finite number")
    return value


def parse_money(raw: Any) -> Parsed:
    """Money in dollars: numbers, '$1.2M', '85k', '(1,500)' (negative)."""
    if isinstance(raw, str) and clean_text(raw).endswith("%"):
        raise CellError(f"'{raw}' is a percentage, not an amount of money")
    return Parsed(to_number(raw))


def parse_number(raw: Any) -> Parsed:
    """Any number."""
    return Parsed(to_number(raw))


def parse_integer(raw: Any) -> Parsed:
    """A whole number; a fractional value is rounded and reported."""
    value = to_number(raw)
    if value != int(value):
        return Parsed(round(value), f"{value:g} was rounded to {round(value)}")
    return Parsed(int(value))


def parse_scale(raw: Any) -> Parsed:
    """A 1-5 rating; text such as 'High' or '4 - good' is read too."""
    if isinstance(raw, str):
        text = clean_text(raw).lower()
        words = {"very low": 1, "low": 2, "medium": 3, "moderate": 3, "high": 4,
                 "very high": 5, "critical": 5, "poor": 2, "fair": 3, "good": 4,
                 "excellent": 5}
        if text in words:
            return Parsed(words[text], f"'{raw}' read as {words[text]} on the 1-5 scale")
        match = re.match(r"^(\d(?:\.\d+)?)\b", text)
        if match and match.group(0) != text:
            return parse_integer(match.group(1))
    parsed = parse_integer(raw)
    if not 1 <= parsed.value <= 5:
        raise CellError(f"{parsed.value} is outside the 1-5 scale", "out-of-range")
    return parsed


def parse_year(raw: Any) -> Parsed:
    """A calendar year such as 1996 (a date gives its year)."""
    if isinstance(raw, dt.date):
        return Parsed(raw.year, f"date {raw:%Y-%m-%d} read as the year {raw.year}")
    value = parse_integer(raw).value
    if 0 <= value < 100:
        full = 2000 + value if value < 50 else 1900 + value
        return Parsed(full, f"two-digit year {value} read as {full}")
    if not 1900 <= value <= 2200:
        raise CellError(f"{value} is not a plausible year", "out-of-range")
    return Parsed(value)


_FY = re.compile(r"^(?:fy|fiscal year)\s*'?(\d{2}|\d{4})$")
_FY_SPAN = re.compile(r"^(?:fy\s*)?(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$")


def parse_fiscal_year(raw: Any) -> Parsed:
    """A fiscal year named by the calendar year it ends in: 2027, 'FY27', 'FY2027', '2026-27'."""
    if isinstance(raw, str):
        text = clean_text(raw).lower()
        match = _FY.match(text)
        if match:
            digits = match.group(1)
            return Parsed(2000 + int(digits) if len(digits) == 2 else int(digits))
        span = _FY_SPAN.match(text)
        if span:
            start, end = int(span.group(1)), span.group(2)
            end_year = start // 100 * 100 + int(end) if len(end) == 2 else int(end)
            if end_year != start + 1:
                raise CellError(f"'{raw}' is not a one-year span")
            return Parsed(end_year, f"'{raw}' read as FY{end_year} (the year it ends in)")
    if isinstance(raw, dt.date):
        raise CellError(f"{raw:%Y-%m-%d} is a date; give the fiscal year, such as FY{raw.year}")
    return parse_year(raw)


def parse_date_or_year(raw: Any) -> Parsed:
    """A date: date cells, ISO text, '6/30/2027', 'June 2027', or a year (read as 31 December)."""
    if isinstance(raw, dt.datetime):
        return Parsed(raw.date())
    if isinstance(raw, dt.date):
        return Parsed(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if 1900 <= raw <= 2200 and raw == int(raw):
            return Parsed(dt.date(int(raw), 12, 31))
        raise CellError(f"{raw} is neither a year nor a date")
    text = clean_text(raw)
    if re.fullmatch(r"\d{4}", text):
        return Parsed(dt.date(int(text), 12, 31))
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%B %Y", "%b %Y", "%d %B %Y", "%B %d, %Y",
                "%Y-%m", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            value = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if fmt in ("%B %Y", "%b %Y", "%Y-%m"):
            next_month = value.replace(day=28) + dt.timedelta(days=4)
            value = next_month - dt.timedelta(days=next_month.day)
        return Parsed(value)
    raise CellError(f"'{raw}' is not a date or a year")


def parse_percent(raw: Any) -> Parsed:
    """A share between 0 and 1: '15%', 0.15, or 15 (read as 15%, with a note)."""
    if isinstance(raw, str) and clean_text(raw).endswith("%"):
        value = to_number(clean_text(raw)[:-1]) / 100.0
    else:
        value = to_number(raw)
        if 1 < value <= 100:
            return Parsed(value / 100.0, f"{value:g} read as {value:g}%")
    if not 0 <= value <= 1:
        raise CellError(f"{raw} is not a percentage between 0 and 100", "out-of-range")
    return Parsed(value)


def parse_boolean(raw: Any) -> Parsed:
    """yes/no, y/n, x, true/false, 1/0."""
    if isinstance(raw, bool):
        return Parsed(raw)
    text = clean_text(raw).lower().rstrip(".")
    if isinstance(raw, int | float):
        text = f"{raw:g}"
    if text in TRUE_TOKENS:
        return Parsed(True)
    if text in FALSE_TOKENS:
        return Parsed(False)
    raise CellError(f"'{raw}' is not yes or no", "invalid-choice")


def parse_list(raw: Any) -> Parsed:
    """Ids or names separated by commas, semicolons or new lines."""
    if isinstance(raw, float) and raw == int(raw):
        raw = int(raw)
    parts = re.split(r"[;,\n|]+", clean_text(raw))
    return Parsed(tuple(dict.fromkeys(p.strip() for p in parts if p.strip())))


def parse_id(raw: Any) -> Parsed:
    """An id: text as written; a whole number such as 101.0 becomes '101'."""
    if isinstance(raw, float) and raw == int(raw):
        return Parsed(str(int(raw)))
    return Parsed(clean_text(raw))


def parse_text(raw: Any) -> Parsed:
    """Free text with surrounding whitespace removed."""
    if isinstance(raw, dt.datetime | dt.date):
        return Parsed(raw.isoformat())
    if isinstance(raw, float) and raw == int(raw):
        return Parsed(str(int(raw)))
    return Parsed(clean_text(raw))


def _enum_parser(enum: type[Approach] | type[Direction]) -> Callable[[Any], Parsed]:
    def parse(raw: Any) -> Parsed:
        try:
            member = enum.from_alias(clean_text(raw))
        except ValueError as exc:
            raise CellError(str(exc), "invalid-choice") from None
        changed = _plain(raw) != member.value
        return Parsed(member, f"'{raw}' read as '{member.value}'" if changed else None)

    return parse


def _plain(raw: Any) -> str:
    return clean_text(raw).lower()


PARSERS: dict[Kind, Callable[[Any], Parsed]] = {
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


def parse_cell(kind: Kind, raw: Any) -> Parsed:
    """Read one cell as `kind`; MISSING for blanks and placeholders; CellError when unreadable."""
    if is_missing(raw):
        return MISSING
    return PARSERS[kind](raw)
