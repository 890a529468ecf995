"""A property of the whole import: real headers, any row order, bad optional cells, nothing lost.

Headers are drawn from the real-world corpus (tests/recognize/header_corpus.csv); rows are
shuffled and optional cells spoiled with the kind of text clerks type ('call vendor' in a
rating, 'lots' in an amount). Every input row must be imported or reported on its own row
number, no row with good required values may be lost, and no required column may go unread.
"""

from __future__ import annotations

from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.headers_corpus import load_corpus
from planner.core.schema import SHEETS_BY_NAME
from planner.recognize.mapping import assign_columns
from planner.service import load_files
from tests.factories import workbook_bytes

SYSTEM_COLUMNS = ("system_id", "name", "department", "vendor", "year_implemented",
                  "annual_om_cost", "criticality", "security_risk", "technical_condition")
CANDIDATE_COLUMNS = ("candidate_id", "name", "targets", "one_time_cost", "annual_savings",
                     "duration_months", "delivery_risk", "strategic_alignment")
BAD_CELLS = ("call vendor", "lots", "see notes", "00:00.0", "#N/A", "approx. a few")


def _headers_by_column(sheet: str) -> dict[str, list[str]]:
    """Corpus headers for each column that name it even on their own."""
    found: dict[str, list[str]] = defaultdict(list)
    for row in load_corpus():
        if row.sheet == sheet and row.column and row.header.strip():
            alone = assign_columns(SHEETS_BY_NAME[sheet], [row.header])
            if alone.get(row.header) == row.column and row.header not in found[row.column]:
                found[row.column].append(row.header)
    return found


SYSTEM_HEADERS = _headers_by_column("Systems")
CANDIDATE_HEADERS = _headers_by_column("Candidates")


def _good(column: str, number: int) -> object:
    values = {"system_id": f"S-{number:03d}", "candidate_id": f"C-{number:03d}",
              "name": f"Item {number}", "department": "Parks", "vendor": "Acme",
              "year_implemented": 1990 + number % 30, "annual_om_cost": 1_000 * number,
              "targets": f"S-{number:03d}", "one_time_cost": 5_000 * number,
              "annual_savings": 100 * number, "duration_months": 6 + number % 12}
    return values.get(column, 1 + number % 5)


def _table(data: st.DataObject, columns: tuple[str, ...], by_column: dict[str, list[str]],
           required: tuple[str, ...], count: int) -> tuple[list[list[object]], set[int]]:
    """A header row drawn from the corpus and shuffled data rows; the sheet row numbers of
    the rows whose required cells are good."""
    chosen = [c for c in columns if by_column.get(c)]
    headers = [data.draw(st.sampled_from(by_column[c])) for c in chosen]
    if len({h.casefold() for h in headers}) < len(headers):
        headers = [f"{h} {i}" if i else h for i, h in enumerate(headers)]
    rows, good = [], set()
    for position, number in enumerate(data.draw(st.permutations(range(1, count + 1))), 2):
        row = [_good(c, number) for c in chosen]
        spoiled_required = False
        for index, column in enumerate(chosen):
            odds = 15 if column in required else 5
            if data.draw(st.integers(0, odds)) == 0:
                row[index] = data.draw(st.sampled_from(BAD_CELLS))
                spoiled_required |= column in required
        rows.append(row)
        if not spoiled_required:
            good.add(position)
    return [headers, *rows], good


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_row_is_imported_or_reported_and_no_required_column_is_lost(
        data: st.DataObject) -> None:
    systems, system_rows = _table(data, SYSTEM_COLUMNS, SYSTEM_HEADERS,
                                  SHEETS_BY_NAME["Systems"].required_columns,
                                  data.draw(st.integers(1, 12)))
    candidates, candidate_rows = _table(data, CANDIDATE_COLUMNS, CANDIDATE_HEADERS,
                                        SHEETS_BY_NAME["Candidates"].required_columns,
                                        data.draw(st.integers(1, 12)))
    validated = load_files([("inventory.xlsx", workbook_bytes(
        {"Systems": systems, "Candidates": candidates}))])
    for name, table, good in (("Systems", systems, system_rows),
                              ("Candidates", candidates, candidate_rows)):
        mapping = validated.mapping[name]
        for column in SHEETS_BY_NAME[name].required_columns:
            assert column in mapping.values(), (name, column, table[0], mapping)
        imported = {n for (sheet, _), n in validated.rows.items() if sheet == name}
        reported = {i.row for i in validated.log.items
                    if i.sheet == name and i.severity.value == "error"}
        assert good <= imported, (name, table[0], sorted(good - imported))
        every = set(range(2, len(table) + 1))
        assert every <= imported | reported, (name, sorted(every - imported - reported))
