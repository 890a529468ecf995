"""The store's errors: plain sentences a city analyst can act on."""

from __future__ import annotations

from planner.errors import PlannerError


class StoreError(PlannerError):
    """The store cannot do what was asked (a missing workspace, an unreachable database)."""

    code = "store-error"


class NotFoundError(StoreError):
    """No workspace or scenario goes by the name given."""

    code = "not-found"


class StaleScenarioError(StoreError):
    """Someone else saved the scenario since it was read: nothing was overwritten."""

    code = "stale-scenario"

    def __init__(self, scenario: str, by: str, at: str, version: int) -> None:
        super().__init__(f"The scenario '{scenario}' was changed by {by} at {at} (it is now "
                         f"version {version}); reload it and make your change again.")
        self.scenario, self.by, self.at, self.version = scenario, by, at, version


class ScenarioExistsError(StoreError):
    """A new scenario was saved under a name that is already taken."""

    code = "scenario-exists"

    def __init__(self, scenario: str, by: str, at: str, version: int) -> None:
        super().__init__(f"A scenario named '{scenario}' already exists (version {version}, "
                         f"saved by {by} at {at}); reload it to change it, or pick another "
                         f"name.")
        self.scenario, self.by, self.at, self.version = scenario, by, at, version


class AppendOnlyError(StoreError):
    """The audit trail is never rewritten."""

    code = "append-only"
