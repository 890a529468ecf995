"""Computed plans kept by the hash of their inputs, so that a second replica, or the app after
a restart, reads a plan instead of solving it again.

A plan is a pure function of its inputs and of the engine's code: the solve stops at a fixed
amount of work, not at a time, so the same inputs give the same plan on a busy machine. The
key (`plan_digest`) is therefore the SHA-256 of the caller's description of the inputs (the
app's content-hash key of the portfolio, weights and overrides, and the solve's options)
together with a fingerprint of the engine's source, so a changed engine never serves a plan
an older one computed.

Plans are stored pickled and compressed. They are read back by an unpickler that builds
only the planner's own plan types and plain Python values, so a row written by anyone else
cannot run code; anything else is treated as not found. The table is a cache: rows can be
deleted at any time (`prune` keeps the newest), and two processes storing the same plan at
once is harmless (the second finds it there).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import pickle
import zlib
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from planner.core.plans import PlanResult
from planner.store.engine import reading, writing
from planner.store.records import now
from planner.store.tables import computed_plans

FORMAT = 1  # raise when the stored form of a plan changes
KEEP = 2000  # rows `prune` keeps by default: a few hundred sessions' recent plans
MAX_BYTES = 8 * 1024 * 1024  # a plan larger than this is not worth keeping
ENGINE_ROOT = Path(__file__).resolve().parents[1]
SAFE_MODULES = ("planner.core.",)
SAFE_BUILTINS = frozenset({"frozenset", "set", "tuple", "list", "dict", "complex", "range",
                           "slice", "bytearray"})


@functools.lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """A hash of the planner package's source: changes whenever the engine's code does."""
    hasher = hashlib.sha256()
    for path in sorted(ENGINE_ROOT.rglob("*.py")):
        hasher.update(str(path.relative_to(ENGINE_ROOT)).encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def plan_digest(**inputs: Any) -> str:
    """The key of the plan computed from `inputs` (JSON values) by this engine."""
    text = json.dumps({"format": FORMAT, "engine": engine_fingerprint(), "inputs": inputs},
                      sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class _PlanUnpickler(pickle.Unpickler):
    """Builds the planner's core types and plain values only."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in SAFE_BUILTINS:
            return super().find_class(module, name)
        if module.startswith(SAFE_MODULES) and "." not in name:
            found = super().find_class(module, name)
            # a class defined there, never a function or a module it imported (os, ...)
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"a stored plan may not hold {module}.{name}")


def pack(result: PlanResult) -> bytes:
    """A plan as the bytes the table holds."""
    return zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 6)


def unpack(payload: bytes) -> PlanResult | None:
    """The plan from stored bytes, or None when they do not hold one the planner built."""
    try:
        value = _PlanUnpickler(io.BytesIO(zlib.decompress(payload))).load()
    except (pickle.UnpicklingError, zlib.error, EOFError, AttributeError, ImportError,
            TypeError, ValueError, IndexError, KeyError):
        return None
    return value if isinstance(value, PlanResult) else None


class ComputedPlans:
    """The store's table of computed plans (`has`, `get`, `put`, `prune`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, digest: str) -> PlanResult | None:
        """The plan stored under `digest`, or None."""
        with reading(self.engine) as connection:
            payload = connection.execute(select(computed_plans.c.payload)
                                         .where(computed_plans.c.digest == digest)).scalar()
        return None if payload is None else unpack(payload)

    def has(self, digest: str) -> bool:
        """True when a plan is stored under `digest` (without reading it)."""
        with reading(self.engine) as connection:
            return connection.execute(select(computed_plans.c.digest).where(
                computed_plans.c.digest == digest)).first() is not None

    def put(self, digest: str, result: PlanResult) -> bool:
        """Keep a plan under `digest`; False when it was there already or is too large."""
        payload = pack(result)
        if len(payload) > MAX_BYTES:
            return False
        try:
            with writing(self.engine) as connection:
                if connection.execute(select(computed_plans.c.digest).where(
                        computed_plans.c.digest == digest)).first() is not None:
                    return False
                connection.execute(insert(computed_plans).values(
                    digest=digest, payload=payload, size=len(payload), created_at=now()))
        except IntegrityError:  # stored at the same moment by another process
            return False
        return True

    def count(self) -> int:
        """How many plans the table holds."""
        with reading(self.engine) as connection:
            return connection.execute(select(func.count()).select_from(computed_plans)
                                      ).scalar_one()

    def prune(self, keep: int = KEEP) -> int:
        """Delete all but the `keep` newest plans; how many were deleted."""
        with writing(self.engine) as connection:
            newest = (select(computed_plans.c.digest)
                      .order_by(computed_plans.c.created_at.desc(),
                                computed_plans.c.digest).limit(keep))
            kept = {row.digest for row in connection.execute(newest)}
            old = [d for d in connection.execute(select(computed_plans.c.digest)).scalars()
                   if d not in kept]
            for start in range(0, len(old), 500):
                connection.execute(delete(computed_plans).where(
                    computed_plans.c.digest.in_(old[start:start + 500])))
        return len(old)
