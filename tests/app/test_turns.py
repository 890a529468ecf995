"""Page runs take turns (app_pages/_turns.py): at most TURNS at once, a paused run lets the
next one in, a run that waits too long goes on without a turn, and a turn is always given
back, whatever ends the run."""

from __future__ import annotations

import threading

import pytest

from app_pages import _turns


def _hold_turns(count: int, release: threading.Event) -> list[threading.Thread]:
    """`count` runs that take a turn and keep it until `release` is set."""
    entered = threading.Barrier(count + 1)

    def run() -> None:
        with _turns.turn():
            assert _turns.holds_turn()
            entered.wait()
            release.wait()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    entered.wait()
    return threads


def test_no_more_than_turns_runs_hold_a_turn_and_a_paused_one_lets_the_next_in(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_turns, "TURN_WAIT_S", 60.0)
    release = threading.Event()
    holders = _hold_turns(_turns.TURNS - 1, release)
    seen: dict[str, bool] = {}
    solving, waiting_done = threading.Event(), threading.Event()

    def solver() -> None:
        with _turns.turn():
            seen["solver before"] = _turns.holds_turn()
            with _turns.paused():
                seen["solver while paused"] = _turns.holds_turn()
                solving.set()
                waiting_done.wait()
            seen["solver after"] = _turns.holds_turn()

    def newcomer() -> None:
        with _turns.turn():
            seen["newcomer"] = _turns.holds_turn()  # the solver's turn, given back
        waiting_done.set()

    first = threading.Thread(target=solver)
    first.start()
    solving.wait()
    second = threading.Thread(target=newcomer)
    second.start()
    second.join(timeout=30)
    first.join(timeout=30)
    release.set()
    for thread in holders:
        thread.join()
    assert seen == {"solver before": True, "solver while paused": False,
                    "newcomer": True, "solver after": False}


def test_a_run_that_finds_every_turn_taken_goes_on_without_one_after_its_wait(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_turns, "TURN_WAIT_S", 0.05)
    release = threading.Event()
    holders = _hold_turns(_turns.TURNS, release)
    ran = []
    with _turns.turn():
        ran.append(_turns.holds_turn())
    release.set()
    for thread in holders:
        thread.join()
    assert ran == [False]
    with _turns.turn():  # every turn came back
        assert _turns.holds_turn()


def test_a_turn_is_given_back_when_the_run_stops_or_reruns() -> None:
    for _ in range(_turns.TURNS + 1):
        with pytest.raises(RuntimeError), _turns.turn():  # st.stop and st.rerun raise too
            raise RuntimeError("the page stopped")
    assert not _turns.holds_turn()
    with _turns.turn():
        assert _turns.holds_turn()


def test_a_first_page_waiting_for_a_turn_goes_before_another_run_waiting_longer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_turns, "TURN_WAIT_S", 60.0)
    release = threading.Event()
    holders = _hold_turns(_turns.TURNS, release)
    order: list[str] = []
    done = {name: threading.Event() for name in ("weight change", "first page")}

    def run(name: str, first: bool) -> None:
        with _turns.turn(first=first):
            order.append(name)
            done[name].wait()

    later = threading.Thread(target=run, args=("weight change", False))
    later.start()
    while not _turns._TURNS._waiters:  # the weight change waits for a turn
        threading.Event().wait(0.01)
    newcomer = threading.Thread(target=run, args=("first page", True))
    newcomer.start()
    while _turns._STATE["first_waiting"] == 0:
        threading.Event().wait(0.01)
    release.set()  # every turn comes free at once: the first page takes one, then the other
    for thread in holders:
        thread.join()
    done["first page"].set()
    newcomer.join(timeout=30)
    done["weight change"].set()
    later.join(timeout=30)
    assert order == ["first page", "weight change"]
