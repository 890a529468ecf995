"""Messy cell values: money, numbers, percentages, dates, fiscal years, booleans, ids."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.models import Approach
from planner.core.schema import Kind
from planner.values.parse import (
    CellError,
    Parsed,
    parse_cell,
)


@pytest.mark.parametrize("raw", ["#REF!", "#DIV/0!", "#VALUE!", "#NAME?"])
def test_excel_errors_are_reported_as_broken_formulas(raw: str) -> None:
    with pytest.raises(CellError, match="Excel error"):
        parse_cell(Kind.MONEY, raw)


@pytest.mark.parametrize("raw, expected", [
    ("yes", True), ("Y", True), ("x", True), ("X", True), ("true", True), ("TRUE", True),
    (1, True), (1.0, True), (True, True), ("✓", True), ("no", False), ("N", False),
    ("false", False), (0, False), (False, False), ("No.", False),
])
def test_booleans(raw: object, expected: bool) -> None:
    assert parse_cell(Kind.BOOLEAN, raw).value is expected


def test_boolean_with_a_comment_is_read_with_a_note() -> None:
    parsed = parse_cell(Kind.BOOLEAN, "Yes (state law)")
    assert parsed.value is True and parsed.note


@pytest.mark.parametrize("raw", ["maybe", 2, "sometimes"])
def test_bad_booleans_are_invalid_choices(raw: object) -> None:
    with pytest.raises(CellError) as caught:
        parse_cell(Kind.BOOLEAN, raw)
    assert caught.value.code == "invalid-choice"


@pytest.mark.parametrize("raw, expected", [
    ("S-001", "S-001"), (101, "101"), (101.0, "101"), (" S-1\u00a0", "S-1"), ("0012", "0012"),
])
def test_ids_given_as_numbers_or_text(raw: object, expected: str) -> None:
    assert parse_cell(Kind.ID, raw).value == expected


def test_lists_split_on_commas_semicolons_and_new_lines() -> None:
    assert parse_cell(Kind.LIST, "S-1, S-2;S-3\nS-1").value == ("S-1", "S-2", "S-3")
    assert parse_cell(Kind.LIST, 101.0).value == ("101",)


def test_approach_aliases_are_noted() -> None:
    assert parse_cell(Kind.APPROACH, "Replace") == Parsed(Approach.REPLACE)
    parsed = parse_cell(Kind.APPROACH, "SaaS")
    assert parsed.value is Approach.REPURCHASE and parsed.note


def test_cache_keeps_types_apart() -> None:
    assert parse_cell(Kind.TEXT, True).value == "True"
    assert parse_cell(Kind.TEXT, 1).value == "1"
    assert parse_cell(Kind.TEXT, 1.5).value == "1.5"


@given(st.text(max_size=30))
def test_no_text_crashes_the_parsers(text: str) -> None:
    for kind in Kind:
        try:
            parsed = parse_cell(kind, text)
        except CellError:
            continue
        if isinstance(parsed.value, float):
            assert math.isfinite(parsed.value)


@pytest.mark.parametrize("raw, expected", [
    ("Required", True), ("Not required", False), ("Mandated", True), ("not-mandated", False),
    ("Optional", False), ("Yes - state law", True), ("✓", True), ("X", True), ("TRUE", True),
    ("Y", True),
])
def test_yes_no_variants(raw: str, expected: bool) -> None:
    assert parse_cell(Kind.BOOLEAN, raw).value is expected


@pytest.mark.parametrize("raw, approach", [
    ("Replace with SaaS", "repurchase"), ("Buy SaaS", "repurchase"), ("Move to cloud", "rehost"),
    ("Lift and shift", "rehost"), ("Upgrade", "replatform"), ("Decommission", "retire"),
    ("Sunset", "retire"), ("Rewrite", "refactor"), ("Re-architect", "refactor"),
    ("Keep", "retain"), ("Maintain", "retain"), ("Go paperless", "digitize"),
    ("Online form", "digitize"),
])
def test_approach_phrases(raw: str, approach: str) -> None:
    assert parse_cell(Kind.APPROACH, raw).value == Approach(approach)
