"""How many real-world column headers the importer reads as the column they mean.

The corpus (`tests/recognize/header_corpus.csv`, loaded and scored by `bench.headers_corpus`)
holds headers from public sources, each with the canonical column it means by the schema's
descriptions. Per sheet kind: headers read right, read as another column (wrong), left
unread though they mean one of ours (unmapped); then every miss, so the matcher's next
change can be aimed at them. A wrong mapping on a required column is counted apart: it
is the one that breaks an import.
"""

from __future__ import annotations

from bench.headers_corpus import Miss, SheetFigures, corpus_figures


def _table(figures: dict[str, SheetFigures]) -> None:
    print(f"{'sheet':<12}{'correct':>9}{'wrong':>7}{'unmapped':>10}{'total':>7}{'% correct':>11}")
    for sheet, f in figures.items():
        print(f"{sheet:<12}{f.correct:>9}{f.wrong:>7}{f.unmapped:>10}{f.total:>7}"
              f"{f.percent_correct:>10.1f}%")
    correct = sum(f.correct for f in figures.values())
    total = sum(f.total for f in figures.values())
    wrong = sum(f.wrong for f in figures.values())
    unmapped = sum(f.unmapped for f in figures.values())
    share = 100.0 * correct / total if total else 0.0
    print(f"{'all':<12}{correct:>9}{wrong:>7}{unmapped:>10}{total:>7}{share:>10.1f}%")
    required = sum(f.wrong_required for f in figures.values())
    print(f"wrong mappings on a required column: {required}")


def _misses(title: str, sheet: str, misses: list[Miss]) -> None:
    if not misses:
        return
    print(f"\n{title} ({sheet}, {len(misses)}):")
    for m in misses:
        header = m.header.replace("\n", "\\n")
        print(f"  [{m.table_id}] {header!r}: expected {m.expected or '(custom)'}, "
              f"read as {m.assigned or '(nothing)'}")


def main() -> None:
    """Print the figures per sheet kind, then every wrong and unmapped header."""
    figures = corpus_figures()
    _table(figures)
    for sheet, f in figures.items():
        _misses("wrong", sheet, f.wrong_rows)
        _misses("unmapped", sheet, f.unmapped_rows)


if __name__ == "__main__":
    main()
