"""A property of the whole workspace: any sequence of edits equals a plain dict of cells.

Random sequences of cell edits (in the full grid and in filtered views), row deletes and
adds, undos and redos, on every table of a workbook whose budget is long, wide (funds as
rows) or transposed (fiscal years as rows), must always leave the workspace equal to a
reference model, a dict keyed by (sheet, row, column): so no edit ever changes a cell the
sequence did not touch. After each step the importer re-reads the budget, and its lines are
the ones the model's cells say.
"""

from __future__ import annotations

import functools
from typing import Any

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from planner.recognize.budget_layout import header_fiscal_year
from planner.views import workspace as W
from planner.views.cells import plain
from planner.views.editing import edit_sheet
from planner.views.history import History
from tests.views.workbooks import long_budget_book, transposed_budget_book, wide_budget_book

BOOKS = {"long": long_budget_book, "wide": wide_budget_book,
         "transposed": transposed_budget_book}
FUNDS = ("General Fund", "Federal Grant", "Bond", "Water Fund")
VALUES = st.one_of(st.none(), st.integers(0, 2_000_000),
                   st.sampled_from(["-", *FUNDS, "abc", "FY2030"]))
Cells = dict[tuple[str, int, str], Any]


@functools.cache
def workspace(form: str) -> W.Workspace:
    """Each form read once (a workspace is never changed in place)."""
    return W.read_workspace([(f"{form}.xlsx", BOOKS[form]())])


def cells_of(ws: W.Workspace) -> Cells:
    """Every cell of every table, by (sheet, row number, header)."""
    return {(sheet, int(row), str(column)): plain(value)
            for sheet, frame in ws.frames.items()
            for row, values in frame.astype(object).iterrows()
            for column, value in values.items()}


def same(a: Any, b: Any) -> bool:
    """The model's equality: blanks alike, numbers by value, text by text."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return type(a) is type(b) and a == b


def _amount(raw: Any, *, blank_ok: bool) -> tuple[bool, float | None]:
    """(clean, amount) of a budget cell as the importer reads it."""
    if raw is None:
        return blank_ok, None
    if raw == "-":
        return True, 0.0
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return True, float(raw)
    if isinstance(raw, str) and raw.isdigit():  # a column of numbers and dashes is text
        return True, float(raw)
    return False, None


def expected_budget(form: str, cells: Cells) -> dict[tuple[int, str], float] | None:
    """The budget lines the model's cells hold, or None when they hold something this
    simple reading does not decide (text amounts, blank or doubled funds and years)."""
    rows: dict[int, dict[str, Any]] = {}
    for (sheet, row, column), value in cells.items():
        if sheet == "Budget":
            rows.setdefault(row, {})[column] = value
    lines: dict[tuple[int, str], float] = {}
    for row in rows.values():
        for key, raw in _budget_cells(form, row):
            if key is None:
                return None
            clean, amount = _amount(raw, blank_ok=form != "long")
            if not clean or key in lines:
                return None
            if amount is not None:
                lines[key] = amount
    return lines


def _budget_cells(form: str, row: dict[str, Any]) -> list[tuple[Any, Any]]:
    if form == "long":
        year, fund = row["fiscal_year"], row["fund"]
        # a year such as 0 or 29 is read the way people write years (2000, 2029): not decided
        ok = isinstance(year, int) and 1990 <= year <= 2100 and fund in (*FUNDS, "Grants")
        return [((year, fund) if ok else None, row["capital_budget"])]
    first = "Fund" if form == "wide" else "Fiscal year"
    label = row[first]
    if form == "wide":
        ok = label in FUNDS
        return [((header_fiscal_year(c), label) if ok else None, v)
                for c, v in row.items() if c != first]
    year = header_fiscal_year(label) if isinstance(label, str) else None
    return [((year, c) if year else None, v) for c, v in row.items() if c != first]


class WorkspaceEdits(RuleBasedStateMachine):
    """The workspace under random edits, beside a dict of cells."""

    @initialize(form=st.sampled_from(sorted(BOOKS)))
    def read(self, form: str) -> None:
        self.form = form
        self.ws = workspace(form)
        self.model: Cells = cells_of(self.ws)
        self.history = History.start(self.ws)
        self.models = [dict(self.model)]  # the model after each step of the history

    def _rows(self, sheet: str) -> list[int]:
        return [int(r) for r in self.ws.frames[sheet].index]

    def _apply(self, sheet: str, delta: dict[str, Any], labels: list[int],
               expected: Cells) -> None:
        new, said = edit_sheet(self.ws, sheet, delta, labels)
        changed = expected.keys() != self.model.keys() or any(
            not same(expected[k], self.model[k]) for k in expected)
        assert (said is not None) == changed, (said, delta)
        if said is None:
            assert new is self.ws
            return
        self.ws, self.model = new, expected
        self.history.push(new, said)
        del self.models[self.history.position:]
        self.models.append(dict(expected))

    @rule(data=st.data(), value=VALUES, filtered=st.booleans())
    def edit_a_cell(self, data: st.DataObject, value: Any, filtered: bool) -> None:
        sheet = data.draw(st.sampled_from(sorted(self.ws.frames)))
        rows = self._rows(sheet)
        shown = (data.draw(st.lists(st.sampled_from(rows), unique=True)) if filtered and rows
                 else rows)
        shown = [r for r in rows if r in shown]  # a filtered view keeps the table's order
        if not shown:
            return
        position = data.draw(st.integers(0, len(shown) - 1))
        column = data.draw(st.sampled_from([str(c) for c in self.ws.frames[sheet].columns]))
        expected = dict(self.model)
        key = (sheet, shown[position], column)
        if not same(expected[key], value):
            expected[key] = value
        self._apply(sheet, {"edited_rows": {str(position): {column: value}}}, shown, expected)

    @rule(data=st.data(), value=st.one_of(st.none(), st.just("-"), st.integers(0, 2_000_000)))
    def edit_a_budget_amount(self, data: st.DataObject, value: Any) -> None:
        rows = self._rows("Budget")
        if not rows:
            return
        position = data.draw(st.integers(0, len(rows) - 1))
        columns = [str(c) for c in self.ws.frames["Budget"].columns]
        amounts = ["capital_budget"] if self.form == "long" else columns[1:]
        column = data.draw(st.sampled_from(amounts))
        expected = dict(self.model)
        if not same(expected[("Budget", rows[position], column)], value):
            expected[("Budget", rows[position], column)] = value
        self._apply("Budget", {"edited_rows": {str(position): {column: value}}}, rows,
                    expected)

    @rule(data=st.data())
    def delete_a_row(self, data: st.DataObject) -> None:
        sheet = data.draw(st.sampled_from(sorted(self.ws.frames)))
        rows = self._rows(sheet)
        if not rows:
            return
        position = data.draw(st.integers(0, len(rows) - 1))
        expected = {k: v for k, v in self.model.items()
                    if not (k[0] == sheet and k[1] == rows[position])}
        self._apply(sheet, {"deleted_rows": [position]}, rows, expected)

    @rule(data=st.data())
    def add_a_row(self, data: st.DataObject) -> None:
        sheet = data.draw(st.sampled_from(sorted(self.ws.frames)))
        columns = [str(c) for c in self.ws.frames[sheet].columns]
        values = data.draw(st.fixed_dictionaries(
            self._budget_row(columns) if sheet == "Budget" and data.draw(st.booleans())
            else {c: VALUES for c in columns}))
        rows = self._rows(sheet)
        expected = dict(self.model)
        if any(v is not None for v in values.values()):
            number = max([*rows, 1]) + 1  # rows continue after the last, as in the file
            expected.update({(sheet, number, c): v for c, v in values.items()})
        self._apply(sheet, {"added_rows": [values]}, rows, expected)

    def _budget_row(self, columns: list[str]) -> dict[str, st.SearchStrategy]:
        """A budget row the importer reads plainly: a fund or year, then amounts."""
        amount = st.one_of(st.just("-"), st.integers(0, 2_000_000))
        if self.form == "long":
            return {"fiscal_year": st.integers(2027, 2031), "fund": st.sampled_from(FUNDS),
                    "capital_budget": amount}
        first = (st.sampled_from(FUNDS) if self.form == "wide"
                 else st.sampled_from([f"FY{y}" for y in range(2032, 2036)]))
        return {columns[0]: first, **{c: st.one_of(st.none(), amount) for c in columns[1:]}}

    @precondition(lambda self: self.history.can_undo)
    @rule()
    def undo(self) -> None:
        self.history.undo()
        self.ws, self.model = self.history.current, dict(self.models[self.history.position])

    @precondition(lambda self: self.history.can_redo)
    @rule()
    def redo(self) -> None:
        self.history.redo()
        self.ws, self.model = self.history.current, dict(self.models[self.history.position])

    @invariant()
    def every_cell_is_the_models(self) -> None:
        actual = cells_of(self.ws)
        assert actual.keys() == self.model.keys()
        wrong = {k: (actual[k], self.model[k]) for k in actual if not same(actual[k],
                                                                          self.model[k])}
        assert wrong == {}
        assert all(frame.index.is_unique for frame in self.ws.frames.values())

    @invariant()
    def the_importer_reads_the_budget_the_cells_hold(self) -> None:
        expected = expected_budget(self.form, self.model)
        if expected is None:
            return
        lines = {(b.fiscal_year, b.fund): b.capital_budget
                 for b in W.validate_workspace(self.ws).portfolio.budget}
        assert lines == expected


def test_any_sequence_of_edits_equals_the_reference_model() -> None:
    run_state_machine_as_test(WorkspaceEdits, settings=settings(
        max_examples=60, stateful_step_count=15, deadline=None,
        suppress_health_check=[HealthCheck.too_slow]))
