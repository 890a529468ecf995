"""The Settings sheet: every value read as its kind and checked on the row the user sees."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main
from planner.core.issues import Issue
from planner.core.models import Settings, Severity
from planner.core.settings import SETTING_KEYS_BY_NAME
from planner.score.criteria import PRESETS
from planner.score.methods import METHOD_KEYS
from planner.service import load_files
from planner.validate.canonical import settings_frame
from planner.validate.settings import allowed_values
from tests.factories import SAMPLE, workbook_bytes

METHOD = SETTING_KEYS_BY_NAME["method"]
PRESET = SETTING_KEYS_BY_NAME["preset"]


def _read(rows: list[list[object]], header: tuple[str, str] = ("key", "value")):
    """Import a workbook holding only a Settings sheet of the given rows."""
    return load_files([("s.xlsx", workbook_bytes({"Settings": [list(header), *rows]}))])


def _settings_issues(validated) -> list[Issue]:
    return [i for i in validated.log.items if i.sheet == "Settings"]


def test_the_allowed_values_are_the_registries_keys() -> None:
    assert allowed_values(METHOD) == METHOD_KEYS
    assert allowed_values(PRESET) == tuple(PRESETS)
    assert allowed_values(SETTING_KEYS_BY_NAME["horizon_years"]) == ()


def test_an_unknown_method_is_an_error_on_its_row_and_the_default_is_used() -> None:
    validated = _read([["city_name", "Riverton"], ["method", "electre"]],
                      header=("Setting", "Value"))
    [issue] = _settings_issues(validated)
    assert (issue.row, issue.column, issue.value) == (3, "Value", "electre")
    assert issue.code.value == "invalid-choice" and issue.severity is Severity.ERROR
    assert "'electre'" in issue.message and "wsm, wpm, topsis, vikor" in issue.message
    assert validated.portfolio.settings.method == METHOD.default
    assert validated.portfolio.settings.city_name == "Riverton"


def test_an_unknown_preset_is_an_error_on_its_row_listing_the_presets() -> None:
    validated = _read([["method", "topsis"], ["first_fiscal_year", 2027],
                       ["preset", "cheapest_first"]])
    [issue] = _settings_issues(validated)
    assert (issue.row, issue.column, issue.value) == (4, "value", "cheapest_first")
    assert issue.code.value == "invalid-choice" and issue.severity is Severity.ERROR
    assert ", ".join(PRESETS) in issue.message
    settings = validated.portfolio.settings
    assert (settings.preset, settings.method, settings.first_fiscal_year) == (
        PRESET.default, "topsis", 2027)


@pytest.mark.parametrize(("key", "written"), [
    ("method", "TOPSIS"), ("method", "Weighted Sum"), ("method", "saw"),
    ("preset", "Legacy risk first (GAO)"), ("preset", "Fiscal Stewardship"),
])
def test_the_spellings_scoring_accepts_import_without_an_issue(key: str, written: str) -> None:
    validated = _read([[key, written]])
    assert _settings_issues(validated) == []
    assert getattr(validated.portfolio.settings, key) == written


def test_values_outside_their_bounds_are_reported_and_their_default_kept() -> None:
    validated = _read([["horizon_years", 0], ["mip_gap", 2], ["fiscal_year_start_month", 13],
                       ["staff_hourly_cost", 52]])
    found = {(i.row, i.code.value, i.severity) for i in _settings_issues(validated)}
    assert found == {(2, "type-error", Severity.ERROR), (3, "type-error", Severity.ERROR),
                     (4, "type-error", Severity.ERROR)}
    settings = validated.portfolio.settings
    assert (settings.horizon_years, settings.mip_gap, settings.fiscal_year_start_month) == (
        5, 0.001, 7)
    assert settings.staff_hourly_cost == 52


def test_booleans_read_natural_words_and_report_the_rest() -> None:
    validated = _read([["time_weighting", "on"], ["carry_over", "off"],
                       ["propose_candidates", "maybe"]])
    [issue] = _settings_issues(validated)
    assert (issue.row, issue.code.value, issue.value) == (4, "type-error", "maybe")
    assert "yes or no" in issue.message
    settings = validated.portfolio.settings
    assert (settings.time_weighting, settings.carry_over, settings.propose_candidates) == (
        True, False, False)


def test_unknown_keys_are_noted_and_kept_and_assumptions_pass_through() -> None:
    validated = _read([["colour", "blue"], ["assume_staff_rate", 50]])
    [issue] = _settings_issues(validated)
    assert (issue.row, issue.code.value, issue.severity) == (2, "unknown-setting", Severity.INFO)
    assert validated.portfolio.settings.extras == {"colour": "blue", "assume_staff_rate": "50"}


def test_the_sample_citys_settings_come_back_unchanged_after_a_round_trip() -> None:
    first = load_files([("sample_city.xlsx", SAMPLE.read_bytes())])
    assert _settings_issues(first) == []
    frame = settings_frame(first.portfolio.settings)
    again = _read([list(row) for row in frame.itertuples(index=False)])
    assert _settings_issues(again) == []
    assert again.portfolio.settings == first.portfolio.settings
    assert settings_frame(again.portfolio.settings).equals(frame)
    assert first.portfolio.settings != Settings()


def test_planner_validate_reports_an_unknown_method_with_its_row(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "city.xlsx"
    path.write_bytes(workbook_bytes({
        "Candidates": [["candidate_id", "name", "one_time_cost"], ["C1", "Permits", 100]],
        "Settings": [["key", "value"], ["scenario_name", "Try ELECTRE"],
                     ["method", "electre"]],
    }))
    assert main(["validate", str(path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    [issue] = [i for i in report["issues"] if i["severity"] == "error"]
    assert (issue["sheet"], issue["row"], issue["column"]) == ("Settings", 3, "value")
    assert (issue["code"], issue["value"]) == ("invalid-choice", "electre")
    assert "wsm, wpm, topsis, vikor" in issue["message"]


def test_reading_settings_loads_no_scoring_library() -> None:
    code = ("import sys, planner.validate.settings; "
            "print(sorted({'skcriteria', 'scipy'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    assert out.strip() == "[]"
