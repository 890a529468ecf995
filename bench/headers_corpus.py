"""The real-world header corpus and how well the importer's column matching reads it.

`tests/recognize/header_corpus.csv` holds header strings exactly as public sources write them
(the federal Application Rationalization Data Dictionary, ServiceNow and LeanIX exports, city,
state and federal inventories and capital-project lists), grouped by the table they came
from, each with the canonical column it means (blank: none of ours, a custom column). The
expected columns were assigned by meaning, from the column descriptions in the schema,
independently of the matcher. `corpus_figures()` runs every table through
`assign_columns` and counts, per sheet, the headers read right, read as the wrong column,
and left unread.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from planner.core.schema import SHEETS_BY_NAME, spend_column_year
from planner.recognize.mapping import assign_columns

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "recognize" / "header_corpus.csv"
CORPUS_COLUMNS = ("table_id", "sheet", "header", "column", "source")


@dataclass(frozen=True)
class CorpusRow:
    """One real header, the table it came from and the canonical column it means."""

    table_id: str
    sheet: str
    header: str
    column: str
    source: str


@dataclass(frozen=True)
class Miss:
    """A header the matcher read as another column (wrong) or did not read (unmapped)."""

    table_id: str
    header: str
    expected: str
    assigned: str
    source: str


@dataclass
class SheetFigures:
    """Counts for the tables imported as one canonical sheet."""

    correct: int = 0
    wrong: int = 0
    unmapped: int = 0
    wrong_required: int = 0
    wrong_rows: list[Miss] = field(default_factory=list)
    unmapped_rows: list[Miss] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.correct + self.wrong + self.unmapped

    @property
    def percent_correct(self) -> float:
        return 100.0 * self.correct / self.total if self.total else 0.0


def load_corpus(path: Path = CORPUS) -> list[CorpusRow]:
    """Every row of the corpus, in file order."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [CorpusRow(*(row[name] for name in CORPUS_COLUMNS))
                for row in csv.DictReader(handle)]


def is_known_column(sheet: str, column: str) -> bool:
    """Whether `column` is blank, a column of the sheet, or (Candidates) a cost_FY#### column."""
    if not column:
        return True
    if column in SHEETS_BY_NAME[sheet].column_index:
        return True
    return sheet == "Candidates" and spend_column_year(column) is not None


def tables(rows: list[CorpusRow]) -> dict[str, list[CorpusRow]]:
    """Rows grouped by table, tables in the order they first appear."""
    grouped: dict[str, list[CorpusRow]] = defaultdict(list)
    for row in rows:
        grouped[row.table_id].append(row)
    return dict(grouped)


def _score(figures: SheetFigures, row: CorpusRow, assigned: str) -> None:
    required = SHEETS_BY_NAME[row.sheet].required_columns
    miss = Miss(row.table_id, row.header, row.column, assigned, row.source)
    if assigned == row.column:
        figures.correct += 1
    elif assigned:
        figures.wrong += 1
        figures.wrong_rows.append(miss)
        if row.column in required or assigned in required:
            figures.wrong_required += 1
    else:
        figures.unmapped += 1
        figures.unmapped_rows.append(miss)


def corpus_figures(rows: list[CorpusRow] | None = None) -> dict[str, SheetFigures]:
    """Per sheet name: correct, wrong and unmapped headers, with the rows that missed."""
    rows = load_corpus() if rows is None else rows
    figures: dict[str, SheetFigures] = {}
    for table_rows in tables(rows).values():
        sheet = table_rows[0].sheet
        mapping = assign_columns(SHEETS_BY_NAME[sheet], [r.header for r in table_rows])
        sheet_figures = figures.setdefault(sheet, SheetFigures())
        for row in table_rows:
            _score(sheet_figures, row, mapping.get(row.header, ""))
    return figures
