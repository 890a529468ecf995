"""Page runs take turns: at most TURNS sessions of this process run their page at once.

Drawing a page is Python and holds the interpreter lock, so twenty page runs at once do not
finish sooner than twenty in turn: they share the interpreter in slices of a few
milliseconds, every one of them finishes last, and the event loop that sends every page to
its browser gets one slice in twenty-one. In turn, the first pages are out after a few tens of
milliseconds and the event loop keeps up.

A run gives its turn back while it waits without the interpreter for long (a solve,
`paused`), and goes on without one after. A run waits at most TURN_WAIT_S for its turn, so
one that holds it for long (a Robustness run) delays the others by that much at worst. Turns
change when results arrive, never what they are.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

TURNS = 2  # page runs at once: one drawing while another waits for the store or a cache
TURN_WAIT_S = 3.0
_TURNS = threading.BoundedSemaphore(TURNS)
_HELD = threading.local()  # .turn: True while this thread's run holds a turn


def holds_turn() -> bool:
    """True when the run on this thread holds a turn."""
    return bool(getattr(_HELD, "turn", False))


@contextlib.contextmanager
def turn() -> Iterator[None]:
    """Run the page in its turn (or after TURN_WAIT_S without one)."""
    _HELD.turn = _TURNS.acquire(timeout=TURN_WAIT_S)
    try:
        yield
    finally:
        if holds_turn():
            _HELD.turn = False
            _TURNS.release()


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Give this run's turn to the next one while it waits without the interpreter (a solve,
    a worker process); the run goes on without a turn after."""
    if holds_turn():
        _HELD.turn = False
        _TURNS.release()
    yield
