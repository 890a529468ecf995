"""The session's history of changes: undo, redo, the redo branch, the bound, the wording."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.views.history import (
    BLANK,
    History,
    change_words,
    grid_changes,
    joined,
    pin_changes,
    set_changes,
    value_words,
    weight_changes,
)


def test_undo_gives_back_the_state_before_the_change_and_redo_the_one_after() -> None:
    history = History.start({"weights": None})
    history.push({"weights": {"a": 1}}, "Weight of a: preset → 100%")
    assert history.can_undo and not history.can_redo
    step = history.undo()
    assert step is not None and step.change == "Weight of a: preset → 100%"
    assert history.current == {"weights": None}
    assert history.can_redo and not history.can_undo
    assert history.redo().state == {"weights": {"a": 1}}
    assert history.current == {"weights": {"a": 1}}


def test_nothing_to_undo_or_redo_says_none_and_keeps_the_state() -> None:
    history = History.start("start")
    assert history.undo() is None and history.redo() is None
    assert history.current == "start" and history.changes() == []
    assert history.next_undo is None and history.next_redo is None


def test_a_change_after_an_undo_drops_the_undone_changes() -> None:
    history = History.start(0)
    history.push(1, "one")
    history.push(2, "two")
    history.undo()
    history.push(3, "three")
    assert history.changes() == ["three", "one"]
    assert not history.can_redo and history.undone() == []
    history.undo()
    history.undo()
    assert history.current == 0
    assert history.undone() == ["one", "three"]
    assert history.next_redo == "one"


def test_the_list_of_changes_is_newest_first_and_leaves_out_undone_ones() -> None:
    history = History.start("a")
    for n, word in enumerate(["first", "second", "third"]):
        history.push(n, word)
    history.undo()
    assert history.changes() == ["second", "first"]
    assert history.next_undo == "second"
    assert history.undone() == ["third"]


def test_past_the_limit_the_oldest_change_is_forgotten() -> None:
    history = History.start("s0", limit=2)
    history.push("s1", "c1")
    history.push("s2", "c2")
    history.push("s3", "c3")
    assert history.changes() == ["c3", "c2"]
    assert history.undo() and history.undo()
    assert history.current == "s1"  # the state after the forgotten change is the start
    assert history.undo() is None


def test_amending_replaces_the_current_state_and_keeps_the_changes() -> None:
    history = History.start("s0")
    history.push("s1", "c1")
    history.amend("s1 with derived values")
    assert history.changes() == ["c1"] and history.current == "s1 with derived values"
    history.undo()
    history.redo()
    assert history.current == "s1 with derived values"


def test_a_history_keeps_at_least_one_change() -> None:
    with pytest.raises(ValueError):
        History.start("s", limit=0)


# --- any sequence equals a list-and-index model -------------------------------------------
OPERATIONS = st.lists(st.one_of(st.tuples(st.just("push"), st.integers(0, 1000)),
                                st.tuples(st.just("amend"), st.integers(0, 1000)),
                                st.just(("undo", None)), st.just(("redo", None))),
                      max_size=60)


@settings(max_examples=300, deadline=None)
@given(OPERATIONS, st.integers(1, 8))
def test_any_sequence_of_pushes_amends_undos_and_redos_equals_the_reference_model(
        operations, limit) -> None:
    history = History.start(-1, limit=limit)
    states, changes, index = [-1], [""], 0  # the model: a list and an index into it
    for op, value in operations:
        if op == "push":
            states, changes = states[:index + 1] + [value], changes[:index + 1] + [f"set {value}"]
            index += 1
            if len(states) - 1 > limit:  # forget the oldest change
                cut = len(states) - 1 - limit
                states, changes = states[cut:], [""] + changes[cut + 1:]
                index -= cut
            history.push(value, f"set {value}")
        elif op == "amend":
            states[index] = value
            history.amend(value)
        elif op == "undo":
            step = history.undo()
            assert (step is None) == (index == 0)
            if index > 0:
                assert step.change == changes[index]
                index -= 1
        else:
            step = history.redo()
            assert (step is None) == (index == len(states) - 1)
            if index < len(states) - 1:
                index += 1
                assert step.state == states[index]
        assert history.current == states[index]
        assert history.changes() == changes[1:index + 1][::-1]
        assert history.undone() == changes[index + 1:]
        assert history.can_undo == (index > 0)
        assert history.can_redo == (index < len(states) - 1)
        assert len(history.changes()) <= limit


# --- wording ------------------------------------------------------------------------------
def test_a_blank_reads_as_a_dash_and_money_in_the_council_form() -> None:
    assert change_words("FY2029 Federal Grant", None, 0, as_money=True) == \
        f"FY2029 Federal Grant: {BLANK} → $0"
    assert change_words("One-time cost", 1_200_000, 1_500_000, as_money=True) == \
        "One-time cost: $1.2M → $1.5M"
    assert change_words("Carry-over", False, True) == "Carry-over: no → yes"
    assert value_words(3.0) == "3" and value_words(2.5) == "2.5" and value_words("") == BLANK


def test_weights_are_worded_as_shares_of_the_total() -> None:
    before = {"Legacy risk": 20.0, "Resident impact": 80.0}
    after = {"Legacy risk": 30.0, "Resident impact": 70.0}
    assert weight_changes(before, after) == \
        "Weight of Legacy risk: 20% → 30%; Resident impact: 80% → 70%"
    assert weight_changes(before, {"Legacy risk": 2.0, "Resident impact": 8.0}) == \
        "Weights rescaled (the same proportions)"
    assert weight_changes(None, {"Legacy risk": 1.0}) == "Weight of Legacy risk: preset → 100%"


def test_overrides_and_pins_name_each_project_that_changed() -> None:
    assert set_changes("Always fund", ["C-010"], ["C-004"]) == "Always fund: + C-004, − C-010"
    assert pin_changes({}, {"C-004": 2028}) == f"Start of C-004: {BLANK} → FY2028"
    assert pin_changes({"C-004": 2028}, {"C-004": 2028}) == "Pinned starts unchanged"


def test_every_changed_cell_of_a_budget_grid_is_named_by_year_and_column() -> None:
    before = {"2029": {"Federal Grant": None, "General Fund": 500_000.0}}
    after = {"2029": {"Federal Grant": 0.0, "General Fund": 500_000.0}}
    assert grid_changes(before, after, ["Federal Grant", "General Fund"]) == \
        [f"FY2029 Federal Grant: {BLANK} → $0"]
    lines = [f"line {n}" for n in range(5)]
    assert joined(lines) == "line 0; line 1; line 2; and 2 more"
    assert joined(lines[:2]) == "line 0; line 1"
