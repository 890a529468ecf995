"""The MCDA method registry: one module per method in this package, found at import time.

A method module defines `SPEC`, a MethodSpec whose key is the module's name; adding a method
means adding its module (and its test). Each method is its own numpy code, so scoring loads
neither scikit-criteria nor scipy; the tests check that code against scikit-criteria.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from types import MappingProxyType

from planner.errors import ScoringError
from planner.score.methods._spec import MethodSpec

__all__ = ["DEFAULT_METHOD", "METHOD_KEYS", "METHOD_LABELS", "NORMALIZATIONS", "MethodSpec",
           "method", "method_key", "normalization_owner"]

DEFAULT_METHOD = "wsm"


def _discover() -> dict[str, MethodSpec]:
    """Every method module's SPEC, in list order (position, then key)."""
    specs = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        spec = importlib.import_module(f"{__name__}.{info.name}").SPEC
        if spec.key != info.name:
            raise ImportError(f"planner.score.methods.{info.name} declares the method "
                              f"'{spec.key}'; a method's key must be its module's name.")
        specs.append(spec)
    return {spec.key: spec for spec in sorted(specs, key=lambda s: (s.position, s.key))}


_SPECS = _discover()
METHOD_KEYS: tuple[str, ...] = tuple(_SPECS)
METHOD_LABELS: Mapping[str, str] = MappingProxyType({k: s.label for k, s in _SPECS.items()})
_OWNERS = {norm: spec for spec in _SPECS.values() for norm in spec.normalizations}
if len(_OWNERS) < sum(len(spec.normalizations) for spec in _SPECS.values()):
    # scale_descriptions finds a method by its normalization: the keys must not repeat.
    raise ImportError("Two methods declare the same normalization key.")
NORMALIZATIONS: Mapping[str, str] = MappingProxyType(
    {norm: spec.normalizations[norm] for norm, spec in _OWNERS.items()})
_ALIASES = {alias: spec.key for spec in _SPECS.values() for alias in spec.aliases}


def method_key(name: str | None) -> str:
    """The short method name for `name` (case and spacing ignored); ScoringError otherwise."""
    key = (name or DEFAULT_METHOD).strip().lower().replace(" ", "").replace("-", "")
    key = _ALIASES.get(key, key)
    if key not in _SPECS:
        raise ScoringError(f"There is no scoring method called '{name}'. Choose one of: "
                           f"{', '.join(METHOD_KEYS)}.")
    return key


def method(name: str | None) -> MethodSpec:
    """The spec of a method, by key or any spelling `method_key` accepts."""
    return _SPECS[method_key(name)]


def normalization_owner(normalization: str) -> MethodSpec:
    """The method that declares a normalization key; ScoringError for an unknown key."""
    if normalization not in _OWNERS:
        raise ScoringError(f"There is no normalization called '{normalization}'. Choose one "
                           f"of: {', '.join(NORMALIZATIONS)}.")
    return _OWNERS[normalization]
