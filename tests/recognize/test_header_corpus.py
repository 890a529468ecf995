"""Shape of the real-world header corpus, and that its benchmark scores every row once."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.headers_corpus import (
    CORPUS_COLUMNS,
    CorpusRow,
    corpus_figures,
    is_known_column,
    load_corpus,
    tables,
)
from planner.core.schema import SHEETS_BY_NAME

CORPUS_SHEETS = ("Systems", "Processes", "Candidates", "Budget")


@pytest.fixture(scope="module")
def corpus() -> list[CorpusRow]:
    return load_corpus()


def test_corpus_is_large_and_covers_every_sheet(corpus):
    assert len(corpus) >= 300
    per_sheet = Counter(row.sheet for row in corpus)
    assert set(per_sheet) == set(CORPUS_SHEETS)
    assert per_sheet["Systems"] >= 100 and per_sheet["Candidates"] >= 100


def test_every_row_names_its_table_sheet_and_source(corpus):
    for row in corpus:
        assert row.table_id.strip() and row.source.strip(), row
        assert row.sheet in CORPUS_SHEETS, row
        assert row.header != "", row


def test_every_expected_column_is_a_column_of_its_sheet(corpus):
    unknown = [(r.table_id, r.header, r.column) for r in corpus
               if not is_known_column(r.sheet, r.column)]
    assert unknown == []


def test_the_known_column_check_rejects_other_sheets_columns():
    assert is_known_column("Candidates", "cost_FY2027")
    assert not is_known_column("Systems", "cost_FY2027")
    assert not is_known_column("Systems", "one_time_cost")
    assert is_known_column("Systems", "")


def test_no_header_is_listed_twice_in_one_table(corpus):
    counts = Counter((r.table_id, r.header) for r in corpus)
    assert [key for key, n in counts.items() if n > 1] == []


def test_each_table_is_one_sheet_and_assigns_a_column_once(corpus):
    for table_id, rows in tables(corpus).items():
        assert len({r.sheet for r in rows}) == 1, table_id
        columns = Counter(r.column for r in rows if r.column)
        assert [c for c, n in columns.items() if n > 1] == [], table_id


def test_the_corpus_file_has_the_documented_columns():
    from bench.headers_corpus import CORPUS

    with CORPUS.open(encoding="utf-8") as handle:
        assert handle.readline().strip() == ",".join(CORPUS_COLUMNS)


def test_figures_count_every_row_once(corpus):
    figures = corpus_figures(corpus)
    assert set(figures) == set(CORPUS_SHEETS)
    assert sum(f.total for f in figures.values()) == len(corpus)
    for sheet, f in figures.items():
        assert f.total == sum(1 for r in corpus if r.sheet == sheet)
        assert len(f.wrong_rows) == f.wrong and len(f.unmapped_rows) == f.unmapped
        assert 0 <= f.wrong_required <= f.wrong


def test_figures_tell_correct_wrong_and_unmapped_apart():
    rows = [CorpusRow("t", "Systems", "System Name", "name", "test"),
            CorpusRow("t", "Systems", "Vendor", "platform", "test"),
            CorpusRow("t", "Systems", "Go-Live Year", "year_implemented", "test"),
            CorpusRow("t", "Systems", "Zebra count", "staff_users", "test"),
            CorpusRow("t", "Systems", "Colour of the box", "", "test")]
    figures = corpus_figures(rows)["Systems"]
    assert (figures.correct, figures.wrong, figures.unmapped) == (3, 1, 1)
    assert [m.header for m in figures.wrong_rows] == ["Vendor"]
    assert figures.wrong_rows[0].assigned == "vendor"
    assert [m.header for m in figures.unmapped_rows] == ["Zebra count"]


def test_a_wrong_mapping_onto_a_required_column_is_counted_apart():
    required = SHEETS_BY_NAME["Systems"].required_columns
    assert "name" in required
    rows = [CorpusRow("t", "Systems", "System Name", "", "test"),
            CorpusRow("t", "Systems", "Vendor", "platform", "test")]
    figures = corpus_figures(rows)["Systems"]
    assert figures.wrong == 2 and figures.wrong_required == 1
