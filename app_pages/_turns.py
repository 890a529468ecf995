"""Page runs take turns: at most TURNS sessions of this process run their page at once, and a
session's first page (someone just opened the app) goes before the others' next ones.

Drawing a page is Python and holds the interpreter lock, so twenty page runs at once do not
finish sooner than twenty in turn: they share the interpreter in slices of a few
milliseconds, every one of them finishes last, and the event loop that sends every page to
its browser gets one slice in twenty-one. In turn, the first pages are out after a few tens of
milliseconds and the event loop keeps up. A first page costs a few tens of milliseconds once
the sample city is planned, a weight change or a save far more, so newcomers go first.

A run gives its turn back while it waits without the interpreter for long (a solve,
`paused`), and goes on without one after. A run waits at most TURN_WAIT_S for its turn, so
one that holds it for long (a Robustness run) delays the others by that much at worst. Turns
change when results arrive, never what they are.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import streamlit as st

from app_pages import _state as S

TURNS = 2  # page runs at once: one drawing while another waits for the store or a cache
TURN_WAIT_S = 3.0
_TURNS = threading.Condition()
_STATE = {"free": TURNS, "first_waiting": 0}  # turns free; first pages waiting for one
_HELD = threading.local()  # .turn: True while this thread's run holds a turn


def holds_turn() -> bool:
    """True when the run on this thread holds a turn."""
    return bool(getattr(_HELD, "turn", False))


def _take(first: bool) -> bool:
    """Take a turn within TURN_WAIT_S (a first page before any other run); False if none."""
    deadline = time.monotonic() + TURN_WAIT_S
    with _TURNS:
        _STATE["first_waiting"] += first
        try:
            while _STATE["free"] == 0 or (not first and _STATE["first_waiting"]):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                _TURNS.wait(left)
            _STATE["free"] -= 1
            return True
        finally:
            _STATE["first_waiting"] -= first
            _TURNS.notify_all()  # a run may go now that no first page waits


def _give_back() -> None:
    if holds_turn():
        _HELD.turn = False
        with _TURNS:
            _STATE["free"] += 1
            _TURNS.notify_all()


def first_page() -> bool:
    """True on a session's first run: someone has just opened the app."""
    return S.WORKSPACE not in st.session_state


@contextlib.contextmanager
def turn(first: bool = False) -> Iterator[None]:
    """Run the page in its turn (or after TURN_WAIT_S without one); `first` for the first
    page of a session."""
    _HELD.turn = _take(first)
    try:
        yield
    finally:
        _give_back()


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Give this run's turn to the next one while it waits without the interpreter (a solve,
    a worker process); the run goes on without a turn after."""
    _give_back()
    yield
