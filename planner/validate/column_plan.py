"""Deciding and reporting how each column of a table is read (see planner.validate.columns).

`plan_table` looks at each mapped column's header and all its values once, builds its
`ColumnReading` and reports the decision ONCE per column at the header row, naming the
user's header: `unit-converted` for a unit, `value-mapped` for words read as values (and
numbers that run the other way), `unclear-scale` when the direction of a rating column or
the size of its amounts cannot be told, and one note per column for dashes read as $0.
"""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Any

from planner.core.issues import IssueCode, IssueLog
from planner.core.schema import Kind
from planner.recognize.raw_tables import RawTable
from planner.validate.columns import (
    DATE_NOTE,
    ZERO_COLUMNS,
    ColumnReading,
    is_spend,
    zero_key,
)
from planner.validate.scales import decide_scale
from planner.values.parse import (
    CellError,
    Parsed,
    clean_text,
    is_missing,
    parse_fiscal_year,
    to_number,
)
from planner.values.ratings import split_label
from planner.values.units import cell_unit, factor_words, has_magnitude, header_unit

Plan = dict[str, ColumnReading]  # cell key -> how the column is read
SHOWN_MAPPINGS = 6
MONEY_CHECKED = frozenset({"one_time_cost", "capital_budget"})
_WORDED = frozenset({Kind.SCALE_1_5, Kind.BOOLEAN, Kind.APPROACH, Kind.FISCAL_YEAR})


def _kind(table: RawTable, canonical: str) -> Kind:
    return Kind.MONEY if is_spend(canonical) else table.sheet.column_index[canonical].kind


def plan_table(table: RawTable, log: IssueLog, *, start_month: int | None = None) -> Plan:
    """Decide how each mapped column of a table is read, reporting each decision once."""
    plan: Plan = {}
    for key, canonical in table.mapping.items():
        values = list(dict.fromkeys(row.cells.get(key) for row in table.rows))
        reading = _reading(table, key, canonical, values, start_month)
        reading.distinct = values
        if table.layout == "long":
            _report(table, reading, values, log)
        plan[key] = reading
    _report_dashes(table, plan, log)
    return plan


def _reading(table: RawTable, key: str, canonical: str, values: list[Any],
             start_month: int | None) -> ColumnReading:
    kind = _kind(table, canonical)
    reading = ColumnReading(key, canonical, kind, options=table.read_options,
                            parse_options=table.parse_options, start_month=start_month,
                            zero_dashes=_dash_is_zero(table, canonical),
                            spend_year=int(canonical[len("cost_FY"):]) if is_spend(canonical)
                            else None)
    if table.layout != "long" and kind is not Kind.MONEY:
        return reading  # a budget grid's amounts carry the grid's stated unit in their key
    if kind in (Kind.MONEY, Kind.NUMBER):
        for unit in header_unit(key, canonical, kind is Kind.MONEY):
            reading.factor *= unit.factor
            if unit.factor >= 1_000:  # thousands, millions: a '$1.2M' cell has its own
                reading.scale_factor *= unit.factor
    elif kind is Kind.SCALE_1_5:
        reading.scale = decide_scale(key, canonical, values, key in table.reversed_scales)
    elif kind is Kind.PERCENT:
        reading.percent_points = any(1 < n <= 100 for n in _numbers(values, percent=True))
    return reading


def _dash_is_zero(table: RawTable, canonical: str) -> bool:
    """Dashes are $0 in spend columns, budgets and a one-time cost."""
    return canonical in ZERO_COLUMNS or is_spend(canonical)


def _numbers(values: list[Any], *, percent: bool = False) -> list[float]:
    found = []
    for value in values:
        if isinstance(value, bool) or is_missing(value):
            continue
        if isinstance(value, str) and (percent and clean_text(value).endswith("%")):
            continue
        try:
            found.append(to_number(value) if isinstance(value, int | float | str) else None)
        except CellError:
            continue
    return [n for n in found if n is not None]


def _listing(pairs: list[tuple[str, str]]) -> str:
    shown = [f"'{a}' read as {b}" if i == 0 else f"'{a}' as {b}"
             for i, (a, b) in enumerate(pairs[:SHOWN_MAPPINGS])]
    more = len(pairs) - SHOWN_MAPPINGS
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _report(table: RawTable, reading: ColumnReading, values: list[Any], log: IssueLog) -> None:
    header = reading.key
    if reading.factor != 1:
        words = " and ".join(u.words for u in header_unit(header, reading.canonical,
                                                           reading.kind is Kind.MONEY))
        log.info(table.title, table.header_row, header, IssueCode.UNIT_CONVERTED,
                 f"'{header}' is {words}: each value was multiplied by "
                 f"{factor_words(reading.factor)} to give {_canonical_unit(reading)}.")
    _report_cell_units(table, reading, values, log)
    if reading.percent_points:
        log.info(table.title, table.header_row, header, IssueCode.UNIT_CONVERTED,
                 f"'{header}' gives percentages as whole numbers: each number was divided by "
                 "100 (15 read as 15%).")
    pairs = _mapped_pairs(reading, values)
    if reading.scale is not None:
        _report_scale(table, reading, values, pairs, log)
    elif pairs:
        log.info(table.title, table.header_row, header, IssueCode.VALUE_MAPPED,
                 f"'{header}': {_listing(pairs)}.")


def _canonical_unit(reading: ColumnReading) -> str:
    if reading.canonical == "minutes_per_transaction":
        return "minutes"
    base = "dollars" if reading.kind is Kind.MONEY else "a count"
    return f"{base} per year" if reading.canonical.startswith("annual_") or \
        reading.canonical == "residents_served" else base


def _report_cell_units(table: RawTable, reading: ColumnReading, values: list[Any],
                       log: IssueLog) -> None:
    if reading.kind not in (Kind.MONEY, Kind.NUMBER):
        return
    units = {}
    for value in values:
        stated = cell_unit(value, reading.canonical) if isinstance(value, str) else None
        if stated is not None and stated[1].factor != 1:
            units[stated[1].words] = stated[1].factor
    for words, factor in units.items():
        log.info(table.title, table.header_row, reading.key, IssueCode.UNIT_CONVERTED,
                 f"Values in '{reading.key}' marked {words} were multiplied by "
                 f"{factor_words(factor)} to give {_canonical_unit(reading)}.")


def _mapped_pairs(reading: ColumnReading, values: list[Any]) -> list[tuple[str, str]]:
    """(what the cell said, what it was read as) for each distinct word or date read."""
    pairs: list[tuple[str, str]] = []
    if reading.kind not in _WORDED:
        return pairs
    for value in values:
        if not _is_word_or_date(reading, value):
            continue
        try:
            parsed = reading.read(value)
        except CellError:
            continue
        if parsed.value is None:
            continue
        shown = _shown_value(reading, parsed.value)
        if shown.lower() != clean_text(value).lower() and _changed(reading, value, parsed):
            pairs.append((_shown_raw(value), shown))
    if reading.kind is Kind.SCALE_1_5:  # the most first, as the scale's own labels run
        return sorted(pairs, key=lambda p: p[1], reverse=True)
    return pairs


def _changed(reading: ColumnReading, value: Any, parsed: Parsed) -> bool:
    """False for a cell whose number already says its value ('5 - critical' is 5) and for a
    fiscal year written as one ('2026-27', noted on its own row)."""
    if reading.kind is Kind.FISCAL_YEAR:
        note = parse_fiscal_year(value, reading.options, start_month=reading.start_month).note
        return bool(note and note.startswith(DATE_NOTE))
    label = split_label(value) if isinstance(value, str) else None
    return not (label and label[0] == parsed.value and not reading.scale.numbers) \
        if reading.scale is not None else True


def _is_word_or_date(reading: ColumnReading, value: Any) -> bool:
    if reading.kind is Kind.FISCAL_YEAR and reading.start_month is not None:
        return isinstance(value, dt.date) or (isinstance(value, str) and _dated(value))
    if reading.kind not in (Kind.SCALE_1_5, Kind.BOOLEAN, Kind.APPROACH):
        return False
    if not isinstance(value, str) or is_missing(value):
        return False
    text = clean_text(value).lower()
    plain = {"yes", "no", "y", "n", "true", "false", "1", "0"}
    if reading.kind is Kind.BOOLEAN:
        return text not in plain
    try:
        to_number(text)
        return False
    except CellError:
        return True


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _dated(text: str) -> bool:
    """True for text that looks like a date rather than a fiscal year ('2011-10-01')."""
    if any(month in text.lower() for month in _MONTHS):
        return True
    return any(c in text for c in "-/.") and sum(ch.isdigit() for ch in text) >= 5


def _shown_raw(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return day.isoformat()
    return clean_text(value)


def _shown_value(reading: ColumnReading, value: Any) -> str:
    if reading.kind is Kind.FISCAL_YEAR:
        return f"FY{value}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(getattr(value, "value", value))


def _report_scale(table: RawTable, reading: ColumnReading, values: list[Any],
                  pairs: list[tuple[str, str]], log: IssueLog) -> None:
    header, decision = reading.key, reading.scale
    parts = [_listing(pairs)] if pairs else []
    if decision.numbers and decision.reason:
        present = sorted({int(n) for n in _numbers(values) if n == int(n) and 1 <= n <= 5})
        renumbered = [(str(n), str(decision.numbers.get(n, n))) for n in present]
        if renumbered:
            parts.append(f"its numbers run the other way ({decision.reason}): "
                         f"{_listing(renumbered)}")
    if parts:
        log.info(table.title, table.header_row, header, IssueCode.VALUE_MAPPED,
                 f"'{header}' (5 = most on this planner's scale): {'; '.join(parts)}.")
    if decision.unclear:
        log.warning(table.title, table.header_row, header, IssueCode.UNCLEAR_SCALE,
                    f"Which way '{header}' runs cannot be told: {decision.unclear}. Its "
                    "numbers were kept as they are (5 = most). If 1 means the most here "
                    "(for example 1 = most critical), mark the column as reversed in the "
                    "mapping profile (reversed_scales).")


def _report_dashes(table: RawTable, plan: Plan, log: IssueLog) -> None:
    """One note per column (per grid column) of dashes read as $0, naming its fiscal year."""
    seen: dict[str, tuple[set[str], list[str]]] = {}
    dashed = [key for key, r in plan.items() if r.zero_dashes and any(map(zero_key, r.distinct))]
    for row in table.rows if dashed else ():
        for key in dashed:
            if not zero_key(row.cells.get(key)):
                continue
            tokens, places = seen.setdefault(row.labels.get(key, key), (set(), []))
            tokens.add(clean_text(row.cells.get(key)))
            place = _budget_place(row.cells, plan) if table.sheet.name == "Budget" else None
            if place and place not in places:
                places.append(place)
    for label, (tokens, places) in seen.items():
        marks = ", ".join(f"'{t}'" for t in sorted(tokens))
        reading = plan.get(label)
        if places:
            where = f"'{label}' ({', '.join(places)})"
        elif reading is not None and is_spend(reading.canonical):
            where = f"'{label}' (FY{reading.canonical[len('cost_FY'):]})"
        else:
            where = f"'{label}'"
        log.info(table.title, table.header_row, label, IssueCode.VALUE_MAPPED,
                 f"{marks} in {where} read as $0.")


def _budget_place(cells: dict[str, Any], plan: Plan) -> str | None:
    """'FY2029 Federal Grant': the fiscal year and fund of a budget line."""
    parts = []
    ordered = sorted(plan.items(), key=lambda item: item[1].canonical != "fiscal_year")
    for key, reading in ordered:
        if reading.canonical not in ("fiscal_year", "fund"):
            continue
        try:
            value = reading.read(cells.get(key)).value
        except CellError:
            value = cells.get(key)
        if value is not None:
            parts.append(f"FY{value}" if reading.canonical == "fiscal_year" and
                         isinstance(value, int) else clean_text(value))
    return " ".join(parts) or None


def _plain_amounts(reading: ColumnReading, factor: float) -> list[float]:
    cells = [c for c in reading.distinct if not (isinstance(c, str) and has_magnitude(c))]
    return [abs(n) * factor for n in _numbers(cells) if n]


def money_magnitudes(table: RawTable, plan: Plan) -> dict[str, float]:
    """Median of each money column's amounts (in dollars), for the millions check."""
    found = {}
    for key, reading in plan.items():
        if reading.kind is Kind.MONEY and table.layout == "long":
            amounts = _plain_amounts(reading, reading.factor)
            if amounts:
                found[key] = statistics.median(amounts)
    return found


def warn_small_money(table: RawTable, plan: Plan, others: dict[tuple[str, str], float],
                     log: IssueLog) -> None:
    """Warn when a cost or budget column with no unit holds amounts that look like millions
    (nine in ten under 1,000) while the other money columns are in thousands+, or when it is
    the only money column and holds at least five such amounts (a capital cost under $1,000
    is rare)."""
    for key, reading in plan.items():
        if reading.canonical not in MONEY_CHECKED or reading.factor != 1 or \
                table.layout != "long":
            continue
        rest = [m for (title, column), m in others.items() if (title, column) !=
                (table.title, key)]
        amounts = _plain_amounts(reading, 1.0)
        if (rest and statistics.median(rest) < 1_000) or (not rest and len(amounts) < 5) or \
                not amounts or sum(a < 1_000 for a in amounts) < 0.9 * len(amounts):
            continue
        beside = (" while the other money columns are in thousands of dollars or more" if rest
                  else "")
        log.warning(table.title, table.header_row, key, IssueCode.UNCLEAR_SCALE,
                    f"'{key}' holds small amounts ({min(amounts):g} to {max(amounts):g}, "
                    f"median {statistics.median(amounts):g}){beside}; they look like millions. "
                    "They were read as dollars: if they are millions, write ($M) in the header.")
