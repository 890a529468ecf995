"""A session's plan-shaping choices as a stored scenario's choices document, and back.

A stored scenario keeps the files as uploaded and every choice made on them. The tables the
user saw are the tables read from those files with the recorded edits applied: the mapping
(as a mapping profile), then each edited table's changed cells, deleted rows and added rows,
keyed by the row number the user sees and the column header. `session_choices` writes that
document from what the session holds; `restored_session` rebuilds the session from the
files' freshly read workspace and the document, so the tables come back cell for cell.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from planner.core.plans import Overrides
from planner.store.replay import choices_document
from planner.views.cells import CellEdit, RowAdded, RowDeleted, apply_edits, plain
from planner.views.mapping import apply_profile
from planner.views.workspace import SheetInfo, Workspace, mapping_profile

RULES = "Rules"


@dataclass
class SessionChoices:
    """Everything in a session that shapes its plan (what a scenario saves and restores)."""

    workspace: Workspace
    method: str | None = None
    preset: str | None = None
    weights: dict[str, float] | None = None  # the sliders' raw weights
    weight_mode: str = "sliders"
    judgments: dict[str, float] = field(default_factory=dict)
    stakeholders: Any = field(default_factory=dict)  # {} or a DataFrame
    budget: dict | None = None  # the caps grid as JSON, or None for the imported caps
    settings: dict[str, Any] = field(default_factory=dict)
    force_in: list[str] = field(default_factory=list)
    force_out: list[str] = field(default_factory=list)
    pin_start: dict[str, int] = field(default_factory=dict)
    propose: bool = False
    proposals: pd.DataFrame | None = None


# --- tables as JSON ---------------------------------------------------------------------------
def frame_document(frame: pd.DataFrame | None) -> dict[str, Any] | None:
    """A table as JSON: its headers, row keys, cells and column types."""
    if frame is None:
        return None
    return {"columns": [str(c) for c in frame.columns],
            "index": [plain(i) for i in frame.index], "index_name": frame.index.name,
            "dtypes": [str(t) for t in frame.dtypes],
            "data": [[plain(v) for v in row] for row in frame.astype(object).to_numpy()]}


def frame_from_document(document: dict[str, Any] | None) -> pd.DataFrame | None:
    """The inverse of frame_document."""
    if document is None:
        return None
    frame = pd.DataFrame(document["data"], columns=document["columns"], dtype=object)
    for column, dtype in zip(document["columns"], document["dtypes"], strict=True):
        if dtype != "object":
            frame[column] = frame[column].astype(dtype)
    frame.index = pd.Index(document["index"], name=document.get("index_name"))
    return frame


# --- edits between two workspaces -------------------------------------------------------------
def _cells_equal(a: Any, b: Any) -> bool:
    a, b = plain(a), plain(b)
    return a == b and type(a) is type(b) or (a is None and b is None)


def table_changes(original: pd.DataFrame, current: pd.DataFrame) -> dict[str, Any] | None:
    """The cells changed, rows deleted and rows added from one table to another (keyed by row
    and header), or the whole table when its columns changed; None when they are equal."""
    if list(original.columns) != list(current.columns) or list(original.dtypes) != list(
            current.dtypes):
        return {"table": frame_document(current)}
    if original.equals(current) and list(original.index) == list(current.index):
        return None  # the common case, said without looking at every cell
    kept = [r for r in current.index if r in original.index]
    if kept != [r for r in original.index if r in current.index]:  # rows moved
        return {"table": frame_document(current)}
    before, after = original.loc[kept], current.loc[kept]
    changed = [c for c in current.columns if not before[c].equals(after[c])]
    cells = [[plain(row), str(column), plain(before.at[row, column]),
              plain(after.at[row, column])]
             for column in changed for row in kept
             if not _cells_equal(before.at[row, column], after.at[row, column])]
    cells.sort(key=lambda cell: (kept.index(cell[0]), list(current.columns).index(cell[1])))
    deleted = [plain(r) for r in original.index if r not in current.index]
    added = [[plain(r), {str(c): plain(current.at[r, c]) for c in current.columns}]
             for r in current.index if r not in original.index]
    if not (cells or deleted or added):
        return None
    return {"cells": cells, "deleted": deleted, "added": added}


def apply_changes(original: pd.DataFrame, changes: dict[str, Any]) -> pd.DataFrame:
    """A table with the recorded changes applied (the inverse of table_changes)."""
    if "table" in changes:
        return frame_from_document(changes["table"])
    edits: list[Any] = [CellEdit(row, column, before, after)
                        for row, column, before, after in changes.get("cells", ())]
    edits += [RowDeleted(row) for row in changes.get("deleted", ())]
    edits += [RowAdded(row, cells) for row, cells in changes.get("added", ())]
    result = apply_edits(original, edits)
    try:  # the changes were recorded between tables of the same column types
        return result.astype(original.dtypes.to_dict())
    except (TypeError, ValueError):
        return result


def _sheet_document(info: SheetInfo) -> dict[str, Any]:
    return {"name": info.name, "title": info.title, "source": info.source,
            "header_row": info.header_row, "headers": list(info.headers),
            "layout": info.layout}


def workspace_edits(original: Workspace, current: Workspace) -> dict[str, dict[str, Any]]:
    """Each edited table's changes (a table the files lack is recorded whole)."""
    edits: dict[str, dict[str, Any]] = {}
    for name, frame in current.frames.items():
        before = original.frames.get(name)
        if before is None:
            edits[name] = {"table": frame_document(frame),
                           "sheet": _sheet_document(current.sheets[name]),
                           "mapping": dict(current.mapping.get(name, {}))}
            continue
        changes = table_changes(before, frame)
        if changes is not None:
            edits[name] = changes
    for name in original.frames:
        if name not in current.frames:
            edits[name] = {"removed": True}
    return edits


def replay_edits(original: Workspace, edits: dict[str, dict[str, Any]]) -> Workspace:
    """The workspace the recorded edits make of the files' freshly read one."""
    frames, sheets = dict(original.frames), dict(original.sheets)
    mapping = {name: dict(m) for name, m in original.mapping.items()}
    for name, changes in edits.items():
        if changes.get("removed"):
            frames.pop(name, None)
            sheets.pop(name, None)
            mapping.pop(name, None)
            continue
        if "sheet" in changes:
            sheet = changes["sheet"]
            sheets[name] = SheetInfo(sheet["name"], sheet["title"], sheet["source"],
                                     int(sheet["header_row"]), tuple(sheet["headers"]),
                                     sheet.get("layout", "long"))
            mapping[name] = dict(changes.get("mapping") or {})
        base = frames.get(name)
        frames[name] = apply_changes(base, changes) if base is not None else \
            frame_from_document(changes["table"])
    return replace(original, frames=frames, sheets=sheets, mapping=mapping)


# --- the session as a document, and back ------------------------------------------------------
def _mapping_document(workspace: Workspace) -> dict[str, Any]:
    return json.loads(mapping_profile(workspace).to_json())


def session_choices(session: SessionChoices, original: Workspace,
                    weights_used: dict[str, float] | None = None) -> dict[str, Any]:
    """The choices document of a stored scenario: the engine's choices and the app's edits."""
    current = session.workspace
    # The mapping is recorded as a profile; the cell edits are taken after applying it.
    mapped = apply_profile(original, _mapping_document(current))
    edits = workspace_edits(mapped, current)
    rules = {name: edits.pop(name) for name in list(edits) if name == RULES}
    overrides = Overrides(frozenset(session.force_in), frozenset(session.force_out),
                          dict(session.pin_start))
    stakeholders = session.stakeholders
    return choices_document(
        method=session.method, preset=session.preset,
        weights=weights_used or None, overrides=overrides, propose=session.propose,
        mapping=_mapping_document(current), budget_edits=session.budget,
        assumptions={"settings": dict(session.settings),
                     "proposals": frame_document(session.proposals)},
        rules=rules or None, cell_edits=edits or None,
        weight_inputs={"mode": session.weight_mode, "sliders": session.weights,
                       "judgments": dict(session.judgments),
                       "stakeholders": frame_document(stakeholders)
                       if isinstance(stakeholders, pd.DataFrame) else None})


def _sliders(choices: dict[str, Any]) -> dict[str, float] | None:
    """Slider weights: the app's own, else the engine's weights (a script's) as percents."""
    if "weight_inputs" in choices:  # saved by the app: its sliders, None for the preset's
        given = choices["weight_inputs"].get("sliders")
        return {str(k): float(v) for k, v in given.items()} if given is not None else None
    weights = choices.get("weights")
    return {str(k): 100.0 * float(v) for k, v in weights.items()} if weights else None


def restored_session(original: Workspace, choices: dict[str, Any]) -> SessionChoices:
    """The session a stored scenario was saved from, rebuilt from its files' workspace."""
    workspace = apply_profile(original, choices["mapping"]) if choices.get("mapping") \
        else original
    edits = {**(choices.get("cell_edits") or {}), **(choices.get("rules") or {})}
    workspace = replay_edits(workspace, edits)
    inputs = choices.get("weight_inputs") or {}
    assumptions = choices.get("assumptions") or {}
    overrides = choices.get("overrides") or {}
    stakeholders = frame_from_document(inputs.get("stakeholders"))
    return SessionChoices(
        workspace=workspace, method=choices.get("method"), preset=choices.get("preset"),
        weights=_sliders(choices), weight_mode=inputs.get("mode") or "sliders",
        judgments=dict(inputs.get("judgments") or {}),
        stakeholders=stakeholders if stakeholders is not None else {},
        budget=choices.get("budget_edits"), settings=dict(assumptions.get("settings") or {}),
        force_in=sorted(overrides.get("force_in") or ()),
        force_out=sorted(overrides.get("force_out") or ()),
        pin_start={str(k): int(v) for k, v in sorted((overrides.get("pin_start") or {})
                                                     .items())},
        propose=bool(choices.get("propose")),
        proposals=frame_from_document(assumptions.get("proposals")))


def same_choices(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two choices documents describe the same session (weights to 1e-9)."""
    def rounded(document: dict[str, Any]) -> dict[str, Any]:
        weights = document.get("weights") or {}
        return {**document, "weights": {k: round(float(v), 9) for k, v in weights.items()}}

    return json.dumps(rounded(a), sort_keys=True, default=str) == json.dumps(
        rounded(b), sort_keys=True, default=str)
