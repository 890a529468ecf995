"""The Settings keys table drives the model, the template and the canonical writer."""

from __future__ import annotations

import io
import pickle

import pytest
from openpyxl import load_workbook
from pydantic import ValidationError

from planner.core import models
from planner.core.schema import Kind
from planner.core.settings import SETTING_KEYS, SETTING_KEYS_BY_NAME, Settings
from planner.export.template import template_bytes
from planner.validate.canonical import settings_frame
from planner.validate.settings import allowed_values


def _as_cell(value: object) -> object:
    """A default as a Settings sheet shows it: yes/no for booleans, blank for nothing."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return None if value in (None, "") else value


def test_every_key_is_a_model_field_with_the_tables_default_in_the_tables_order() -> None:
    assert list(Settings.model_fields) == [spec.name for spec in SETTING_KEYS]
    defaults = Settings()
    for spec in SETTING_KEYS:
        assert Settings.model_fields[spec.name].default == spec.default
        assert getattr(defaults, spec.name) == spec.default


def test_the_model_in_core_models_is_the_one_defined_beside_its_keys() -> None:
    assert models.Settings is Settings
    assert models.Portfolio.build().settings == Settings()


@pytest.mark.parametrize("spec", [s for s in SETTING_KEYS if s.bounds], ids=lambda s: s.name)
def test_each_bound_in_the_table_is_enforced_by_the_model(spec) -> None:
    for name, bound in spec.bounds.items():
        outside = bound - 1 if name in ("ge", "gt") else bound + 1
        with pytest.raises(ValidationError):
            Settings(**{spec.name: outside})
        inside = bound if name in ("ge", "le") else bound + 0.5
        assert getattr(Settings(**{spec.name: inside}), spec.name) == inside


def test_value_types_follow_the_kind_and_optional_keys_accept_none() -> None:
    assert SETTING_KEYS_BY_NAME["time_weighting"].annotation is bool
    assert SETTING_KEYS_BY_NAME["horizon_years"].annotation is int
    assert SETTING_KEYS_BY_NAME["first_fiscal_year"].annotation == int | None
    assert Settings(first_fiscal_year=None).first_fiscal_year is None


def test_settings_stay_frozen_keep_unknown_keys_and_survive_pickling() -> None:
    settings = Settings(method="topsis", note="kept")
    assert settings.extras == {"note": "kept"}
    with pytest.raises(ValidationError):
        settings.method = "wpm"
    assert pickle.loads(pickle.dumps(settings)) == settings


def test_the_template_lists_every_key_with_its_default_and_help() -> None:
    sheet = load_workbook(io.BytesIO(template_bytes()))["Settings"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [spec.name for spec in SETTING_KEYS]
    for (_, value, help_text), spec in zip(rows, SETTING_KEYS, strict=True):
        assert value == _as_cell(spec.default), spec.name
        assert help_text.startswith(spec.help), spec.name


def test_the_template_offers_each_keys_allowed_values_in_a_dropdown() -> None:
    sheet = load_workbook(io.BytesIO(template_bytes()))["Settings"]
    row_of = {spec.name: number for number, spec in enumerate(SETTING_KEYS, start=2)}
    dropdowns = {str(cell): dv.formula1 for dv in sheet.data_validations.dataValidation
                 for cell in str(dv.sqref).split()}
    for spec in SETTING_KEYS:
        cell = f"B{row_of[spec.name]}"
        if spec.choices:
            choices = allowed_values(spec)
            assert dropdowns[cell] == '"' + ",".join(choices) + '"'
            assert sheet[f"C{row_of[spec.name]}"].value.endswith(f"{', '.join(choices)}.")
        elif spec.kind is Kind.BOOLEAN:
            assert dropdowns[cell] == '"yes,no"'
        else:
            assert cell not in dropdowns


def test_the_canonical_writer_writes_every_key_that_has_a_value_with_its_default() -> None:
    written = dict(settings_frame(Settings()).itertuples(index=False))
    expected = {spec.name: _as_cell(spec.default) for spec in SETTING_KEYS
                if _as_cell(spec.default) is not None}
    assert written == expected


def test_the_canonical_writer_writes_every_key_once_given_and_unknown_keys_after() -> None:
    given = Settings(city_name="Springfield", weighting="direct", first_fiscal_year=2027,
                     force_in="C-1", force_out="C-2", pin_start="C-3=2028", note="kept")
    keys = list(settings_frame(given)["key"])
    assert keys == [spec.name for spec in SETTING_KEYS] + ["note"]


def test_the_city_is_named_by_its_setting_and_our_city_only_as_a_last_resort() -> None:
    from planner.core.settings import UNNAMED_CITY

    assert SETTING_KEYS_BY_NAME["city_name"].default == ""
    assert Settings().city_name == "" and Settings().city == UNNAMED_CITY == "Our City"
    assert Settings(city_name="  City of   Springfield ").city == "City of Springfield"
    assert Settings(city_name="   ").city == "Our City"
