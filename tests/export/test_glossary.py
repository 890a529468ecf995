"""The Glossary sheet: the council's terms and the input sheets' column names, explained."""

from __future__ import annotations

import re

import pytest

from planner.core.schema import SHEETS_BY_NAME
from planner.export.glossary import GLOSSARY_SHEET, glossary_terms, write_glossary
from tests.export.exported import (
    INPUT_SHEETS,
    blank_sheet,
    exported_workbook,
    small_context,
    texts,
)


@pytest.fixture(scope="module")
def exported() -> tuple:
    return exported_workbook()


def test_the_glossary_sheet_follows_the_report_and_has_a_header_on_every_page(exported) -> None:
    workbook = exported[0]
    names = workbook.sheetnames
    assert names.index(GLOSSARY_SHEET) == names.index("Robustness") + 1
    sheet = workbook[GLOSSARY_SHEET]
    header = [c.value for c in sheet[sheet.tables["Glossary"].ref][0]]
    assert header == ["Term", "Where you see it", "Meaning"]
    assert sheet.print_title_rows


def test_every_column_name_left_on_an_input_sheet_is_explained(exported) -> None:
    workbook = exported[0]
    explained = {row[0] for row in glossary_terms(small_context())}
    for title in INPUT_SHEETS:
        sheet = workbook[title]
        for cell in sheet[1]:
            name = str(cell.value)
            if re.fullmatch(r"cost_FY\d{4}", name) or title == "Settings":
                continue  # spend columns are one entry; Settings keys are rows, below
            assert name in explained, (title, name)
    keys = {row[0] for row in workbook["Settings"].iter_rows(min_row=2, values_only=True)}
    assert keys - {"city_name"} <= explained | {"city_name"}


def test_the_terms_of_the_plan_and_the_approaches_have_meanings() -> None:
    ws = blank_sheet(GLOSSARY_SHEET)
    write_glossary(ws, small_context(), set())
    values = texts(ws)
    for term in ("Value (points)", "Rank and cut", "Carry-over", "Restricted fund",
                 "Either/or group", "repurchase", "digitize", "WSM"):
        assert term in values, term
    meanings = {row[0]: row[2] for row in glossary_terms(small_context())}
    assert meanings["Value (points)"].startswith("Value is counted in points")
    assert all(len(meaning) > 5 for meaning in meanings.values())
    assert set(SHEETS_BY_NAME["Systems"].column_index) <= set(meanings)
