"""The store's service API: what the app, the command line and scripts call.

    store = Store.open()                      # PLANNER_DATABASE_URL, else the SQLite file
    town = store.open_workspace("Springfield FY2027", user="ana", city="Springfield")
    inputs = store.save_inputs(town.name, [("city.xlsx", data)], user="ana")
    version = store.save_scenario(town.name, "Base", inputs=inputs.id, choices={...},
                                  summary={...}, user="ana")           # new: version 1
    store.save_scenario(town.name, "Base", ..., replaces=version)      # version 2, or
                                                                       # StaleScenarioError
    store.adopt(town.name, "Base", user="cio", note="Council vote 12 Jan")
    store.audit(AuditFilter(workspace=town.name, action="scenario-saved"))

Each call is one transaction: it happens whole or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Row, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from planner.store import scenarios as scenario_rows
from planner.store.audit import AuditFilter, append_entry, list_entries
from planner.store.engine import connect, reading, unreachable, writing
from planner.store.errors import NotFoundError, StoreError
from planner.store.inputs import read_inputs, save_inputs
from planner.store.records import (
    AuditEntry,
    PlanOfRecord,
    Scenario,
    StoredInputs,
    Workspace,
    now,
    utc,
)
from planner.store.scenarios import Draft
from planner.store.settings import database_url
from planner.store.tables import workspaces


def _workspace(row: Row) -> Workspace:
    return Workspace(id=row.id, name=row.name, city=row.city, cycle=row.cycle,
                     created_by=row.created_by, created_at=utc(row.created_at))


class Store:
    """Workspaces, their inputs and scenarios, the plan of record and the audit trail."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """The store at `url` (else PLANNER_DATABASE_URL, else the data folder's SQLite file),
        its schema brought up to date."""
        return cls(connect(database_url(url)))

    @property
    def url(self) -> str:
        """Where the store is (the password hidden)."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Close the store's connections."""
        self.engine.dispose()

    def _reading(self):  # noqa: ANN202
        return _guarded(self.engine, reading)

    def _writing(self):  # noqa: ANN202
        return _guarded(self.engine, writing)

    # Workspaces -------------------------------------------------------------------------
    def workspaces(self) -> list[Workspace]:
        """Every workspace, by name."""
        with self._reading() as connection:
            rows = connection.execute(select(workspaces).order_by(workspaces.c.name))
            return [_workspace(row) for row in rows]

    def workspace(self, name: str) -> Workspace:
        """The workspace of that name; NotFoundError naming the ones there are."""
        with self._reading() as connection:
            return _find_workspace(connection, name)

    def open_workspace(self, name: str, *, user: str, city: str = "", cycle: str = ""
                       ) -> Workspace:
        """The workspace of that name, created (and recorded) when there is none."""
        name = (name or "").strip()
        if not name or len(name) > 200:
            raise StoreError("A workspace needs a name of 1 to 200 characters.")
        with self._writing() as connection:
            row = _workspace_row(connection, name)
            if row is not None:
                return _workspace(row)
            try:
                with connection.begin_nested():
                    return _create_workspace(connection, name, user, city, cycle)
            except IntegrityError:  # created at the same moment by someone else
                pass
            return _find_workspace(connection, name)

    # Inputs ---------------------------------------------------------------------------
    def save_inputs(self, workspace: str, files: Sequence[tuple[str, bytes]], *, user: str
                    ) -> StoredInputs:
        """Store an upload's files (once per workspace); the stored set without bytes."""
        with self._writing() as connection:
            found = _find_workspace(connection, workspace)
            return save_inputs(connection, found.id, files, user=user)

    def inputs(self, inputs_id: int) -> StoredInputs:
        """A stored set of input files with their bytes."""
        with self._reading() as connection:
            return read_inputs(connection, inputs_id)

    # Scenarios ------------------------------------------------------------------------
    def save_scenario(self, workspace: str, name: str, *, inputs: int,
                      choices: dict[str, Any], summary: dict[str, Any], user: str,
                      replaces: int | None = None) -> int:
        """Save a scenario: new when `replaces` is None (ScenarioExistsError if the name is
        taken), else the version after `replaces` (StaleScenarioError when someone saved it
        since). Returns the version saved."""
        with self._writing() as connection:
            found = _find_workspace(connection, workspace)
            return scenario_rows.save(connection, found, name, Draft(inputs, choices, summary),
                                      user=user, replaces=replaces)

    def scenarios(self, workspace: str) -> list[Scenario]:
        """The workspace's scenarios at their newest versions, by name (no file bytes)."""
        with self._reading() as connection:
            return scenario_rows.listed(connection, _find_workspace(connection, workspace))

    def scenario(self, workspace: str, name: str, version: int | None = None) -> Scenario:
        """One scenario version with its input files' bytes (the newest unless given)."""
        with self._reading() as connection:
            return scenario_rows.read(connection, _find_workspace(connection, workspace), name,
                                      version)

    def adopt(self, workspace: str, name: str, *, user: str, note: str = "",
              version: int | None = None) -> PlanOfRecord:
        """Make a scenario version the workspace's plan of record."""
        with self._writing() as connection:
            return scenario_rows.adopt(connection, _find_workspace(connection, workspace),
                                       name, user=user, note=note, version=version)

    def plan_of_record(self, workspace: str) -> PlanOfRecord | None:
        """The adopted scenario version, if any."""
        with self._reading() as connection:
            return scenario_rows.plan_of_record(connection,
                                                _find_workspace(connection, workspace))

    def delete_scenario(self, workspace: str, name: str, *, user: str,
                        version: int | None = None) -> None:
        """Delete a scenario (never the plan of record); with `version`, only if unchanged."""
        with self._writing() as connection:
            scenario_rows.remove(connection, _find_workspace(connection, workspace), name,
                                 user=user, version=version)

    # Audit trail ----------------------------------------------------------------------
    def record(self, workspace: str, *, user: str, action: str, subject: str = "",
               what: str = "", before: Any = None, after: Any = None) -> AuditEntry:
        """Append one change to the audit trail (a weight, a budget cell, a mapping ...)."""
        with self._writing() as connection:
            found = _find_workspace(connection, workspace)
            entry_id = append_entry(connection, found.id, user=user, action=action,
                                    subject=subject, what=what, before=before, after=after)
        return next(e for e in self.audit(AuditFilter(workspace=found.name, newest_first=True,
                                                      limit=50)) if e.id == entry_id)

    def audit(self, where: AuditFilter | None = None) -> list[AuditEntry]:
        """The audit entries passing the filter (all of them, oldest first, by default)."""
        with self._reading() as connection:
            return list_entries(connection, where or AuditFilter())


def _workspace_row(connection: Connection, name: str) -> Row | None:
    return connection.execute(select(workspaces).where(workspaces.c.name == name)).first()


def _find_workspace(connection: Connection, name: str) -> Workspace:
    row = _workspace_row(connection, name)
    if row is not None:
        return _workspace(row)
    names = connection.execute(select(workspaces.c.name).order_by(workspaces.c.name)).scalars()
    there = ", ".join(f"'{n}'" for n in names) or "none yet"
    raise NotFoundError(f"There is no workspace named '{name}' (workspaces: {there}).")


def _create_workspace(connection: Connection, name: str, user: str, city: str, cycle: str
                      ) -> Workspace:
    stamp = now()
    new_id = connection.execute(insert(workspaces).values(
        name=name, city=city, cycle=cycle, created_by=user, created_at=stamp)
        .returning(workspaces.c.id)).scalar_one()
    append_entry(connection, new_id, user=user, action="workspace-created", subject=name,
                 what=f"Created workspace '{name}'", after={"city": city, "cycle": cycle},
                 at=stamp)
    return Workspace(id=new_id, name=name, city=city, cycle=cycle, created_by=user,
                     created_at=stamp)


class _guarded:
    """A transaction whose 'database unreachable' failure is said in plain words."""

    def __init__(self, engine: Engine, opener) -> None:  # noqa: ANN001
        self.engine, self.context = engine, opener(engine)

    def __enter__(self) -> Connection:
        try:
            return self.context.__enter__()
        except OperationalError as exc:
            raise unreachable(self.engine, exc) from None

    def __exit__(self, kind, value, traceback) -> bool | None:  # noqa: ANN001
        try:
            handled = self.context.__exit__(kind, value, traceback)
        except OperationalError as exc:  # the commit itself failed (a lock held too long)
            raise unreachable(self.engine, exc) from None
        if isinstance(value, OperationalError):
            raise unreachable(self.engine, value) from None
        return handled
