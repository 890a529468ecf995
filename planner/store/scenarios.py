"""Saved scenarios, their versions and the plan of record, each change in one transaction.

A save names the version it replaces (None for a new scenario). The update of the
scenario's version is conditional (`... WHERE version = replaced`), so of two saves from the
same version exactly one succeeds and the other is told who saved in between: no update is
ever lost. The new version, the scenario's row and the audit entry are written in the
caller's one transaction; if anything fails, none of them is, and the previous version
stays as it was. Versions are never changed afterwards: the plan of record points at one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from planner.store.audit import append_entry, json_document
from planner.store.errors import NotFoundError, ScenarioExistsError, StaleScenarioError, StoreError
from planner.store.inputs import read_inputs
from planner.store.records import PlanOfRecord, Scenario, Workspace, now, utc, when
from planner.store.tables import plans_of_record, scenario_versions, scenarios, workspaces


@dataclass(frozen=True)
class Draft:
    """What a save writes: the stored inputs' id, every choice and the computed summary."""

    inputs_id: int
    choices: dict[str, Any]
    summary: dict[str, Any]


def _row(connection: Connection, workspace: Workspace, name: str) -> Row | None:
    return connection.execute(select(scenarios).where(
        scenarios.c.workspace_id == workspace.id, scenarios.c.name == name)).first()


def _required(connection: Connection, workspace: Workspace, name: str, *,
              lock: bool = False) -> Row:
    query = select(scenarios).where(scenarios.c.workspace_id == workspace.id,
                                    scenarios.c.name == name)
    row = connection.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise NotFoundError(f"The workspace '{workspace.name}' has no scenario named '{name}'.")
    return row


def _version_row(connection: Connection, scenario_id: int, version: int) -> Row | None:
    return connection.execute(select(scenario_versions).where(
        scenario_versions.c.scenario_id == scenario_id,
        scenario_versions.c.version == version)).first()


def _version_doc(row: Row | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"version": row.version, "inputs_id": row.input_set_id, "choices": row.choices,
            "summary": row.summary}


def save(connection: Connection, workspace: Workspace, name: str, draft: Draft, *,
         user: str, replaces: int | None) -> int:
    """Save a new version of `name` (version 1 when `replaces` is None); its number."""
    name = _name(name)
    stamp = now()
    if replaces is None:
        scenario_id, before = _create(connection, workspace, name, user, stamp), None
    else:
        scenario_id = _advance(connection, workspace, name, replaces, user, stamp)
        before = _version_doc(_version_row(connection, scenario_id, replaces))
    version = 1 if replaces is None else replaces + 1
    choices = json_document(draft.choices, "choices")
    summary = json_document(draft.summary, "summary")
    connection.execute(insert(scenario_versions).values(
        scenario_id=scenario_id, version=version, input_set_id=draft.inputs_id,
        choices=choices, summary=summary, saved_by=user, saved_at=stamp))
    after = {"version": version, "inputs_id": draft.inputs_id, "choices": choices,
             "summary": summary}
    append_entry(connection, workspace.id, user=user, action="scenario-saved", subject=name,
                 what=f"Saved scenario '{name}' as version {version}", before=before,
                 after=after, at=stamp)
    return version


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise StoreError("A scenario needs a name.")
    if len(name) > 200:
        raise StoreError(f"A scenario name is at most 200 characters; '{name[:40]}...' has "
                         f"{len(name)}.")
    return name


def _create(connection: Connection, workspace: Workspace, name: str, user: str, stamp) -> int:
    try:
        with connection.begin_nested():
            return connection.execute(insert(scenarios).values(
                workspace_id=workspace.id, name=name, version=1, created_by=user,
                created_at=stamp, saved_by=user, saved_at=stamp)
                .returning(scenarios.c.id)).scalar_one()
    except IntegrityError:
        pass
    row = _row(connection, workspace, name)
    if row is None:
        raise StoreError(f"The scenario '{name}' could not be created; try again.")
    raise ScenarioExistsError(name, row.saved_by, when(row.saved_at), row.version)


def _advance(connection: Connection, workspace: Workspace, name: str, replaces: int,
             user: str, stamp) -> int:
    moved = connection.execute(update(scenarios).where(
        scenarios.c.workspace_id == workspace.id, scenarios.c.name == name,
        scenarios.c.version == replaces).values(
        version=replaces + 1, saved_by=user, saved_at=stamp).returning(scenarios.c.id))
    scenario_id = moved.scalar()
    if scenario_id is not None:
        return scenario_id
    row = _required(connection, workspace, name)
    raise StaleScenarioError(name, row.saved_by, when(row.saved_at), row.version)


def read(connection: Connection, workspace: Workspace, name: str, version: int | None = None,
         *, with_content: bool = True) -> Scenario:
    """One version of a scenario (the newest unless `version` is given)."""
    row = _required(connection, workspace, name)
    chosen = _version_row(connection, row.id, row.version if version is None else version)
    if chosen is None:
        raise NotFoundError(f"The scenario '{name}' has no version {version} (its newest is "
                            f"version {row.version}).")
    adopted = _adopted_version_id(connection, workspace)
    return Scenario(
        workspace=workspace.name, name=row.name, version=chosen.version,
        inputs=read_inputs(connection, chosen.input_set_id, with_content=with_content),
        choices=chosen.choices, summary=chosen.summary, saved_by=chosen.saved_by,
        saved_at=utc(chosen.saved_at), created_by=row.created_by,
        created_at=utc(row.created_at), latest=row.version, plan_of_record=adopted == chosen.id)


def listed(connection: Connection, workspace: Workspace) -> list[Scenario]:
    """Every scenario of the workspace at its newest version, by name (no file bytes)."""
    names = connection.execute(select(scenarios.c.name).where(
        scenarios.c.workspace_id == workspace.id).order_by(scenarios.c.name)).scalars()
    return [read(connection, workspace, name, with_content=False) for name in names]


def _adopted_version_id(connection: Connection, workspace: Workspace) -> int | None:
    return connection.execute(select(plans_of_record.c.scenario_version_id).where(
        plans_of_record.c.workspace_id == workspace.id)).scalar()


def _lock_workspace(connection: Connection, workspace: Workspace) -> None:
    """Serialize changes to the plan of record (a row lock on PostgreSQL; SQLite's write
    transactions are serial already)."""
    connection.execute(select(workspaces.c.id).where(workspaces.c.id == workspace.id)
                       .with_for_update())


def plan_of_record(connection: Connection, workspace: Workspace) -> PlanOfRecord | None:
    """The workspace's adopted scenario version, if one was adopted."""
    row = connection.execute(
        select(plans_of_record, scenarios.c.name, scenario_versions.c.version)
        .join(scenario_versions,
              scenario_versions.c.id == plans_of_record.c.scenario_version_id)
        .join(scenarios, scenarios.c.id == scenario_versions.c.scenario_id)
        .where(plans_of_record.c.workspace_id == workspace.id)).first()
    if row is None:
        return None
    return PlanOfRecord(workspace=workspace.name, scenario=row.name, version=row.version,
                        adopted_by=row.adopted_by, adopted_at=utc(row.adopted_at),
                        note=row.note)


def adopt(connection: Connection, workspace: Workspace, name: str, *, user: str,
          note: str = "", version: int | None = None) -> PlanOfRecord:
    """Make a scenario version (the newest unless given) the plan of record."""
    _lock_workspace(connection, workspace)
    row = _required(connection, workspace, name)
    chosen = _version_row(connection, row.id, row.version if version is None else version)
    if chosen is None:
        raise NotFoundError(f"The scenario '{name}' has no version {version} (its newest is "
                            f"version {row.version}).")
    before = plan_of_record(connection, workspace)
    stamp = now()
    values = {"scenario_version_id": chosen.id, "adopted_by": user, "adopted_at": stamp,
              "note": note or ""}
    if before is None:
        connection.execute(insert(plans_of_record).values(workspace_id=workspace.id, **values))
    else:
        connection.execute(update(plans_of_record).where(
            plans_of_record.c.workspace_id == workspace.id).values(**values))
    adopted = PlanOfRecord(workspace=workspace.name, scenario=name, version=chosen.version,
                           adopted_by=user, adopted_at=stamp, note=note or "")
    append_entry(connection, workspace.id, user=user, action="scenario-adopted", subject=name,
                 what=f"Adopted scenario '{name}' version {chosen.version} as the plan of "
                      "record", before=before.as_dict() if before else None,
                 after=adopted.as_dict(), at=stamp)
    return adopted


def remove(connection: Connection, workspace: Workspace, name: str, *, user: str,
           version: int | None = None) -> None:
    """Delete a scenario and its versions (refused for the plan of record; with `version`,
    refused when someone saved it since)."""
    _lock_workspace(connection, workspace)
    row = _required(connection, workspace, name, lock=True)
    if version is not None and row.version != version:
        raise StaleScenarioError(name, row.saved_by, when(row.saved_at), row.version)
    adopted = plan_of_record(connection, workspace)
    if adopted is not None and adopted.scenario == name:
        raise StoreError(f"The scenario '{name}' (version {adopted.version}) is the plan of "
                         f"record of '{workspace.name}'; adopt another scenario before "
                         "deleting it.")
    before = _version_doc(_version_row(connection, row.id, row.version))
    connection.execute(delete(scenario_versions).where(scenario_versions.c.scenario_id == row.id))
    connection.execute(delete(scenarios).where(scenarios.c.id == row.id))
    append_entry(connection, workspace.id, user=user, action="scenario-deleted", subject=name,
                 what=f"Deleted scenario '{name}' ({row.version} versions)", before=before)
