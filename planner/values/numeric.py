"""Numbers as clerks type them: money ('$1.2M', '(1,500)', '1.200.000,50'), ratings, shares."""

from __future__ import annotations

import math
import re
from typing import Any

from planner.values.cells import DEFAULT, CellError, Parsed, ReadOptions, clean_text

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
    try:
        parsed = parse_integer(raw, options)
    except CellError:
        raise CellError(f"'{raw}' is not a 1-5 rating (give 1 to 5, or low, medium, high)") \
            from None
    return _in_scale(parsed, raw)


def _in_scale(parsed: Parsed, raw: Any) -> Parsed:
    if not 1 <= parsed.value <= 5:
        raise CellError(f"{raw} is outside the 1-5 scale", "out-of-range")
    return parsed


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
