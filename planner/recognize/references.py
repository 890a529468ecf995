"""Content evidence across sheets: a column of id lists that match another table's ids.

A Candidates column headed 'Apps' or 'Scope' whose cells list system and process ids
('S-001; P-004') is the targets column, and one listing other candidates' ids is the
prerequisites column, whatever its header says.
"""

from __future__ import annotations

import re

from planner.core.issues import IssueCode, IssueLog
from planner.recognize.raw_tables import RawTable, TableSet
from planner.values.parse import clean_text, is_missing

MATCHING = 0.8  # share of a column's listed ids that must be known ids
_SPLIT = re.compile(r"[;,\n|]+")


def _ids(table: RawTable | None) -> set[str]:
    """The ids a table's rows carry, as written."""
    if table is None:
        return set()
    header = next((h for h, c in table.mapping.items() if c == table.sheet.id_column), None)
    if header is None:
        return set()
    return {clean_text(row.cells.get(header)) for row in table.rows
            if not is_missing(row.cells.get(header))}


def _share_known(table: RawTable, header: str, known: set[str], own: str | None) -> float:
    """Share of the ids a column lists that are known ids; 0 when a row lists its own id."""
    listed = []
    for row in table.rows:
        cell = row.cells.get(header)
        if is_missing(cell):
            continue
        parts = [p.strip() for p in _SPLIT.split(clean_text(cell)) if p.strip()]
        if own is not None and clean_text(row.cells.get(own)) in parts:
            return 0.0  # a project cannot need itself: these are not candidate ids
        listed.extend(parts)
    return sum(p in known for p in listed) / len(listed) if len(listed) >= 2 else 0.0


def link_id_lists(result: TableSet, log: IssueLog) -> None:
    """Map an unmapped Candidates column of known ids to targets or requires, with a warning."""
    candidates = result.tables.get("Candidates")
    if candidates is None or candidates.layout != "long":
        return
    known = {"targets": _ids(result.tables.get("Systems")) | _ids(result.tables.get("Processes")),
             "requires": _ids(candidates)}
    own = next((h for h, c in candidates.mapping.items() if c == "candidate_id"), None)
    for column, ids in known.items():
        # Plain numbers (1, 2, 005) also count things that are not ids: only ids with letters
        # or marks say whose they are.
        if not ids or column in candidates.mapping.values() or all(i.isdigit() for i in ids):
            continue
        scored = [(_share_known(candidates, h, ids, own if column == "requires" else None), h)
                  for h in candidates.extra_columns]
        share, header = max(scored, default=(0.0, ""))
        if share < MATCHING:
            continue
        candidates.mapping[header] = column
        log.items = [i for i in log.items if not (
            i.code is IssueCode.UNMAPPED_COLUMN and i.sheet == candidates.title
            and i.column == header)]
        candidates.suggestions = [s for s in candidates.suggestions if s.header != header]
        whose = "system and process" if column == "targets" else "other candidates'"
        log.warning(candidates.title, candidates.header_row, header, IssueCode.GUESSED_COLUMN,
                    f"Column '{header}' was read as {column}: {share:.0%} of the ids it lists "
                    f"are {whose} ids (confidence {share:.2f}); check this, or map it.")
