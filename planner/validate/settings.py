"""The Settings sheet: key/value rows to Settings, every value checked on the row it came from."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from planner.core.issues import IssueCode, IssueLog
from planner.core.models import Portfolio
from planner.core.plans import Overrides
from planner.core.schema import Kind
from planner.core.settings import (
    METHODS_REGISTRY,
    OVERRIDE_KEYS,
    PRESETS_REGISTRY,
    SETTING_KEYS_BY_NAME,
    WEIGHTINGS_REGISTRY,
    SettingKey,
    Settings,
)
from planner.errors import InputError, ScoringError
from planner.recognize.tables import RawTable
from planner.score.criteria import PRESETS, preset_for
from planner.score.methods import METHOD_KEYS, method_key  # loads no scoring library
from planner.score.weighting import WEIGHTING_KEYS, weighting_key
from planner.values.parse import CellError, clean_text, is_missing, parse_cell


def allowed_values(spec: SettingKey) -> tuple[str, ...]:
    """The values a setting with a registry of choices accepts, in the registry's order."""
    if spec.choices == METHODS_REGISTRY:
        return METHOD_KEYS
    if spec.choices == PRESETS_REGISTRY:
        return tuple(PRESETS)
    if spec.choices == WEIGHTINGS_REGISTRY:
        return WEIGHTING_KEYS
    return ()


def is_allowed(spec: SettingKey, value: str) -> bool:
    """True when the registry reads `value` as one of its choices (scoring's own spellings)."""
    try:
        if spec.choices == METHODS_REGISTRY:
            method_key(value)
        elif spec.choices == PRESETS_REGISTRY:
            preset_for(value)
        elif spec.choices == WEIGHTINGS_REGISTRY:
            weighting_key(value)
    except ScoringError:
        return False
    return True


def settings_rows(table: RawTable) -> Iterator[tuple[int, str, Any]]:
    """(row number, normalized key, raw value) of each Settings row with a key and a value."""
    key_header, value_header = settings_headers(table)
    for row in table.rows:
        key = clean_text(row.cells.get(key_header, "")).lower().replace(" ", "_")
        raw = row.cells.get(value_header) if value_header else None
        if key and not is_missing(raw):
            yield row.number, key, raw


def settings_headers(table: RawTable) -> tuple[str | None, str | None]:
    """The user's headers of the key and the value columns (None when unmapped)."""
    return tuple(next((h for h, c in table.mapping.items() if c == part), None)
                 for part in ("key", "value"))


def _value(key: str, raw: Any) -> Any:
    """One setting's value read as its kind, checked against its bounds; raises when bad."""
    spec = SETTING_KEYS_BY_NAME.get(key)
    kind = spec.kind if spec else Kind.TEXT
    value = clean_text(raw) if kind is Kind.TEXT else parse_cell(kind, raw).value
    Settings(**{key: value})
    if key in OVERRIDE_KEYS:
        Overrides.from_text(**{key: value})
    return value


def _choice_message(spec: SettingKey, value: str) -> str:
    choices = ", ".join(allowed_values(spec))
    return (f"Setting {spec.name}: '{value}' is not one of the {spec.choices} offered "
            f"({choices}); the default ({spec.default}) is used.")


def read_settings(table: RawTable | None, log: IssueLog) -> Settings:
    """Key/value rows to Settings; a bad value is reported on its row and its default kept."""
    if table is None:
        return Settings()
    values: dict[str, Any] = {}
    key_header, value_header = settings_headers(table)
    for number, key, raw in settings_rows(table):
        try:
            value = _value(key, raw)
        except (CellError, ValidationError, InputError) as exc:
            message = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            log.error(table.title, number, value_header, IssueCode.TYPE_ERROR,
                      f"Setting {key}: {message}; the default is used.", raw)
            continue
        spec = SETTING_KEYS_BY_NAME.get(key)
        if spec is not None and spec.choices and not is_allowed(spec, value):
            log.error(table.title, number, value_header, IssueCode.INVALID_CHOICE,
                      _choice_message(spec, value), raw)
            continue
        # assume_* keys are the proposal assumptions; planner.propose.assumptions reads and
        # checks them.
        if spec is None and not key.startswith("assume_"):
            log.info(table.title, number, key_header, IssueCode.UNKNOWN_SETTING,
                     f"Setting '{key}' is not used by this version; it is kept in the "
                     "decision record.", raw)
        values[key] = value
    return Settings(**values)


def known_overrides(portfolio: Portfolio, table: RawTable | None, log: IssueLog) -> Portfolio:
    """Overrides in Settings that name no candidate are reported on their row and dropped."""
    given = Overrides.from_settings(portfolio.settings)
    if table is None or given.empty:
        return portfolio
    value_header = settings_headers(table)[1]
    known = set(portfolio.candidates)
    for number, key, raw in settings_rows(table):
        if key not in OVERRIDE_KEYS:
            continue
        try:
            named = Overrides.from_text(**{key: clean_text(raw)})
        except InputError:
            continue  # reported when the settings were read
        unknown = sorted((named.force_in | named.force_out | set(named.pin_start)) - known)
        if unknown:
            log.warning(table.title, number, value_header, IssueCode.UNKNOWN_REFERENCE,
                        f"Setting {key} names {', '.join(unknown)}, which are not candidates; "
                        "they are ignored.", ", ".join(unknown))
    kept = Overrides(given.force_in & known, given.force_out & known,
                     {c: y for c, y in given.pin_start.items() if c in known})
    return portfolio.replace(settings=portfolio.settings.model_copy(update=kept.as_settings()))
