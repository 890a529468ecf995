"""The closed vocabularies of the inputs: approach, criterion direction, issue severity.

Each is a string enum whose `from_alias` accepts the natural spellings found in real
spreadsheets ("SaaS", "lift and shift", "higher is better", "warn") and normalizes them once.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


def _key(text: object) -> str:
    stripped = str(text).strip()
    if stripped in ("+", "-"):
        return stripped
    return " ".join(str(text).replace("_", " ").replace("-", " ").strip().lower().split())


class _AliasEnum(StrEnum):
    """A string enum whose `from_alias` accepts natural spellings."""

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {}

    @classmethod
    def from_alias(cls, value: object) -> _AliasEnum:
        """Return the member named by `value` or one of its aliases; ValueError otherwise."""
        if isinstance(value, cls):
            return value
        key = _key(value)
        for member in cls:
            if key == _key(member.value):
                return member
        alias = cls._aliases().get(key)
        if alias is not None:
            return cls(alias)
        choices = ", ".join(m.value for m in cls)
        raise ValueError(f"'{value}' is not one of: {choices}")

    @classmethod
    def _missing_(cls, value: object) -> Any:
        try:
            return cls.from_alias(value)
        except ValueError:
            return None


class Approach(_AliasEnum):
    """What a candidate does to its targets (the "7 Rs", plus replace and digitize)."""

    RETIRE = "retire"
    RETAIN = "retain"
    REHOST = "rehost"
    REPLATFORM = "replatform"
    REPURCHASE = "repurchase"
    REFACTOR = "refactor"
    REPLACE = "replace"
    DIGITIZE = "digitize"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {
            "saas": "repurchase", "buy": "repurchase", "cots": "repurchase",
            "purchase": "repurchase", "subscribe": "repurchase", "repurchase saas": "repurchase",
            "lift and shift": "rehost", "move to cloud": "rehost", "migrate": "rehost",
            "rewrite": "refactor", "re architect": "refactor", "rearchitect": "refactor",
            "modernize code": "refactor", "decommission": "retire", "eliminate": "retire",
            "sunset": "retire", "keep": "retain", "tolerate": "retain", "maintain": "retain",
            "upgrade": "replatform", "re platform": "replatform", "new system": "replace",
            "rebuild": "replace", "digitise": "digitize", "automate": "digitize",
            "online form": "digitize", "e form": "digitize", "paperless": "digitize",
            "replace with saas": "repurchase", "buy saas": "repurchase",
            "move to saas": "repurchase", "replace with cots": "repurchase",
            "buy cots": "repurchase", "re purchase": "repurchase",
            "move to the cloud": "rehost", "migrate to cloud": "rehost",
            "cloud migration": "rehost", "re host": "rehost", "lift & shift": "rehost",
            "re factor": "refactor", "re write": "refactor", "re engineer": "refactor",
            "decommissioned": "retire", "retire system": "retire",
            "keep as is": "retain", "no change": "retain", "upgrade in place": "replatform",
            "version upgrade": "replatform", "go paperless": "digitize",
            "online forms": "digitize", "digital form": "digitize", "move online": "digitize",
            "go digital": "digitize", "digitization": "digitize",
        }


class Direction(_AliasEnum):
    """Whether more of a criterion is better (max) or worse (min)."""

    MAX = "max"
    MIN = "min"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {
            "+": "max", "maximize": "max", "maximise": "max", "higher is better": "max",
            "higher": "max", "benefit": "max", "more is better": "max", "up": "max",
            "-": "min", "minimize": "min", "minimise": "min", "lower is better": "min",
            "lower": "min", "cost": "min", "less is better": "min", "down": "min",
        }


class Severity(_AliasEnum):
    """How serious an import problem is: errors keep the row out of the portfolio."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {"err": "error", "warn": "warning", "note": "info", "information": "info"}
