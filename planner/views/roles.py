"""Who may do what on a shared deployment: the roles, what each may do, and the roles table.

A signed-in person has one role. A viewer may look at everything and export it (the council
workbook, the brief, the charts) but change nothing; an analyst may also change the inputs
and choices and save scenarios; an administrator may also adopt the plan of record. Without
sign-in the app has one user, who may do everything.

The roles table comes from configuration (`[planner.roles]` in Streamlit's secrets, or the
PLANNER_ROLES environment variable as JSON) and reads like this:

    admin = ["cio@riverton.gov"]
    analyst = ["ana@riverton.gov", "@budget.riverton.gov"]
    viewer = ["@riverton.gov"]
    default = "viewer"

Each role lists email addresses and email domains (an entry starting with "@"; it covers the
domain and its subdomains). An address listed by name wins over its domain, a longer domain
over a shorter one, and `default` (when given) covers everyone else who signs in; without it
an account the table does not list gets no access. Nothing here imports Streamlit.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from planner.errors import PlannerError

ROLES_ENV = "PLANNER_ROLES"
ROLES_SECRETS = "[planner.roles] in secrets.toml"
DEFAULT_KEY = "default"


class Role(StrEnum):
    """A person's role on a shared deployment."""

    ADMIN = "admin"
    ANALYST = "analyst"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        """The role as the sidebar names it."""
        return {"admin": "Administrator", "analyst": "Analyst", "viewer": "Viewer"}[self.value]


class Action(StrEnum):
    """What a person may ask of the planner."""

    VIEW = "view"  # open pages, workspaces and scenarios; explore the analyses
    EXPORT = "export"  # download the council workbook, the brief, charts and tables
    CHANGE = "change"  # edit tables, mapping, weights, budget, overrides; save scenarios
    ADOPT = "adopt"  # mark a scenario as the plan of record


PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.ANALYST: frozenset({Action.VIEW, Action.EXPORT, Action.CHANGE}),
    Role.VIEWER: frozenset({Action.VIEW, Action.EXPORT}),
}


def may(role: Role, action: Action) -> bool:
    """True when `role` may do `action`."""
    return action in PERMISSIONS[role]


def refusal(role: Role, action: Action, what: str = "") -> str:
    """The plain message for a refused action ("what" names it: "change the weights")."""
    doing = what or {Action.CHANGE: "change the plan", Action.ADOPT: "adopt a plan of record",
                     Action.EXPORT: "export", Action.VIEW: "open the planner"}[action]
    allowed = {Role.VIEWER: "look at the plan and export it",
               Role.ANALYST: "change the plan and save scenarios",
               Role.ADMIN: "do everything"}[role]
    return (f"Not changed: as {role.label.lower()} you may {allowed}, but not {doing}. "
            "Ask your planner administrator for another role if you need it.")


@dataclass(frozen=True)
class User:
    """Who is using the app: the signed-in person, or the one user of a local app."""

    email: str | None
    name: str | None
    role: Role
    signed_in: bool = True

    @property
    def label(self) -> str:
        """How the person is named on screen and in records."""
        return self.name or self.email or ("Signed-in user" if self.signed_in else "Local user")

    def may(self, action: Action) -> bool:
        """True when this person may do `action`."""
        return may(self.role, action)


LOCAL_USER = User(email=None, name=None, role=Role.ADMIN, signed_in=False)


class RoleConfigurationError(PlannerError):
    """The roles table cannot be read; the message names the entry and how to write it."""

    code = "roles-configuration"


@dataclass(frozen=True)
class RoleTable:
    """Roles by email address and by email domain, and the role of everyone else."""

    emails: Mapping[str, Role] = field(default_factory=dict)
    domains: Mapping[str, Role] = field(default_factory=dict)
    default: Role | None = None

    def role_for(self, email: str | None) -> Role | None:
        """The role of the account with `email`, or None when it gets no access."""
        address = (email or "").strip().lower()
        if address in self.emails:
            return self.emails[address]
        domain = address.rpartition("@")[2] if "@" in address else ""
        matches = [d for d in self.domains if domain == d or domain.endswith("." + d)]
        if domain and matches:
            return self.domains[max(matches, key=len)]
        return self.default


# Without a roles table every signed-in person may look and export, and nobody may change
# anything until an administrator writes one (docs/deployment.md, "Sign-in").
NO_TABLE = RoleTable(default=Role.VIEWER)


def _role(name: Any, source: str, where: str) -> Role:
    try:
        return Role(str(name).strip().lower())
    except ValueError:
        raise RoleConfigurationError(
            f"{source}: {where} is '{name}', which is not a role. Use admin, analyst or "
            "viewer.") from None


def _entries(value: Any, source: str, role: Role) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise RoleConfigurationError(
            f"{source}: {role.value} must list email addresses or domains in quotes, for "
            f'example {role.value} = ["ana@riverton.gov", "@riverton.gov"].')
    return [v.strip().lower() for v in value if v.strip()]


def _place(entry: str, source: str, role: Role) -> tuple[str, str]:
    """('email' | 'domain', key) for one entry, or a plain error."""
    local, at, domain = entry.removeprefix("*").rpartition("@")
    if at and "." in domain and " " not in entry:
        return ("email", entry) if local else ("domain", domain)
    raise RoleConfigurationError(
        f"{source}: '{entry}' under {role.value} is neither an email address "
        "(ana@riverton.gov) nor an email domain (@riverton.gov).")


def read_roles(table: Mapping[str, Any] | None, *, source: str = ROLES_SECRETS) -> RoleTable:
    """The roles table from configuration (None: no table, every signed-in person a viewer).
    Raises RoleConfigurationError naming the entry that cannot be used."""
    if table is None:
        return NO_TABLE
    if not isinstance(table, Mapping):
        raise RoleConfigurationError(
            f"{source} must be a table of roles: admin, analyst and viewer, each listing "
            "email addresses or domains, and default for everyone else.")
    found: dict[str, dict[str, Role]] = {"email": {}, "domain": {}}
    default = None
    for key, value in table.items():
        name = str(key).strip().lower()
        if name == DEFAULT_KEY:
            default = _role(value, source, "default")
            continue
        role = _role(name, source, f"the entry '{key}'")
        for entry in _entries(value, source, role):
            kind, place = _place(entry, source, role)
            earlier = found[kind].get(place)
            if earlier is not None and earlier != role:
                raise RoleConfigurationError(
                    f"{source}: '{entry}' is listed under both {earlier.value} and "
                    f"{role.value}. Keep it under one role.")
            found[kind][place] = role
    if not (found["email"] or found["domain"] or default):
        raise RoleConfigurationError(
            f"{source} gives no one a role: list email addresses or domains under admin, "
            "analyst or viewer, or set default.")
    return RoleTable(emails=found["email"], domains=found["domain"], default=default)


def roles_from_json(text: str) -> Mapping[str, Any]:
    """The PLANNER_ROLES environment variable read as JSON, or a plain error."""
    try:
        table = json.loads(text)
    except ValueError as exc:
        raise RoleConfigurationError(
            f"{ROLES_ENV} is not valid JSON ({exc.msg} at character {exc.pos}). Write it "
            'like {"admin": ["cio@riverton.gov"], "default": "viewer"}.') from None
    return table
