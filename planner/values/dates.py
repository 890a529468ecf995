"""Years, fiscal years and dates: Excel serials (1900 and 1904), ISO, 'June 2027', '2026-27'."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from planner.values.cells import DEFAULT, CellError, Parsed, ReadOptions, clean_text
from planner.values.numeric import parse_integer

EXCEL_SERIALS = (20_000, 80_000)  # serial day numbers of 1954 to 2119: plausible dates


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


def fiscal_year_of(day: dt.date, start_month: int) -> int:
    """The fiscal year a day falls in, named by the calendar year it ends in: with a July
    start, 2026-07-01 to 2027-06-30 is FY2027; with a January start it is the calendar year."""
    return day.year + 1 if start_month > 1 and day.month >= start_month else day.year


def _fiscal_year_from_date(raw: Any, options: ReadOptions, start_month: int) -> Parsed | None:
    """FY of a date cell, an Excel date number or date text ('2011-10-01', '10/1/2011')."""
    if isinstance(raw, dt.datetime | dt.date):
        day = raw.date() if isinstance(raw, dt.datetime) else raw
    elif isinstance(raw, int | float) and not isinstance(raw, bool) and \
            EXCEL_SERIALS[0] <= raw <= EXCEL_SERIALS[1]:
        day = _excel_date(raw, options)
    elif isinstance(raw, str) and not re.fullmatch(r"\s*\d{1,5}(\.0+)?\s*", raw):
        try:
            day = parse_date_or_year(raw, options).value
        except CellError:
            return None
    else:
        return None
    year = fiscal_year_of(day, start_month)
    return Parsed(year, f"date {day.isoformat()} read as FY{year}")


def parse_fiscal_year(raw: Any, options: ReadOptions = DEFAULT, *,
                      start_month: int | None = None) -> Parsed:
    """A fiscal year named by the calendar year it ends in: 2027, 'FY27', 'FY2027', '2026-27'.

    With `start_month` (the Settings' fiscal_year_start_month) a date stands for the fiscal
    year it falls in; without it a date is refused, since its fiscal year cannot be told.
    """
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
    if start_month is not None:
        dated = _fiscal_year_from_date(raw, options, start_month)
        if dated is not None:
            return dated
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
    if not math.isfinite(number):
        raise CellError(f"{raw} is neither a year nor a date")
    if number == int(number) and 1900 <= number <= 2200:
        year = int(number)
        # A year is a documented form of this column; a year typed as text in a workbook is
        # noted (in a CSV file every cell is text, so there it is not a change of type).
        typed_as_text = isinstance(raw, str) and not options.text_file
        note = f"text '{raw}' read as the year {year} (31 December)" if typed_as_text else None
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
