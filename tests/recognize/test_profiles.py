"""Saved mapping profiles: reading next year's file the same way, and refusing bad profiles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.errors import UnreadableFileError
from planner.recognize.profiles import load_profile
from planner.service import load_files
from tests.factories import workbook_bytes

INVENTORY = {
    "Apps 2026": [
        ["Riverton apps"],
        ["Ref", "What it is", "Upkeep", "Vendor"],
        ["S1", "Billing", "$10k", "Acme"],
        ["S2", "Permits", "$20k", "Acme"],
    ],
}


def test_a_saved_profile_reads_next_years_file_without_clicks(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture
                                                            ) -> None:
    profile = {"sheets": {"Apps 2026": {"table": "Systems", "header_row": 2, "columns": {
        "Ref": "system_id", "What it is": "name", "Upkeep": "annual_om_cost", "Vendor": None}}}}
    validated = load_files([("apps.xlsx", workbook_bytes(INVENTORY))], mapping=profile)
    assert validated.counts == {"Systems": 2}
    assert validated.portfolio.systems["S2"].annual_om_cost == 20_000
    assert validated.portfolio.systems["S2"].vendor is None
    assert validated.portfolio.systems["S2"].extra == {}

    book = tmp_path / "apps.xlsx"
    book.write_bytes(workbook_bytes(INVENTORY))
    saved = tmp_path / "profile.json"
    saved.write_text(json.dumps(profile))
    again = tmp_path / "again.json"
    code = main(["validate", str(book), "--mapping", str(saved), "--save-mapping", str(again),
                 "--format", "json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["mapping"]["Systems"] == {"Ref": "system_id", "What it is": "name",
                                            "Upkeep": "annual_om_cost"}
    assert load_profile(again) == load_profile(profile)


def test_without_a_profile_the_same_file_lacks_its_name_column() -> None:
    validated = load_files([("apps.xlsx", workbook_bytes(INVENTORY))])
    assert validated.mapping["Systems"] == {"Ref": "system_id", "Vendor": "vendor"}
    [issue] = [i for i in validated.log.items if i.code.value == "missing-column"]
    assert issue.severity.value == "error" and "'name'" in issue.message
    assert validated.portfolio.systems == {}


def test_save_mapping_round_trips_the_automatic_mapping(tmp_path: Path) -> None:
    data = workbook_bytes({"App Inventory": [
        ["Inventory"], ["App ID", "App Name", "O&M Cost", "Notes"], ["S1", "One", 5, "hi"]]})
    path = tmp_path / "in.xlsx"
    path.write_bytes(data)
    profile_path = tmp_path / "p.json"
    assert main(["validate", str(path), "--save-mapping", str(profile_path)]) == 0
    profile = load_profile(profile_path)
    entry = profile.for_title("app inventory")
    assert entry is not None and entry.table == "Systems" and entry.header_row == 2
    assert entry.columns == {"App ID": "system_id", "App Name": "name",
                             "O&M Cost": "annual_om_cost", "Notes": "notes"}
    first = load_files([("in.xlsx", data)])
    second = load_files([("in.xlsx", data)], mapping=profile_path)
    assert first.portfolio == second.portfolio


def test_custom_keeps_a_column_under_its_own_header_even_when_it_names_a_standard_one() -> None:
    profile = {"version": 2, "sheets": {"Apps 2026": {"table": "Systems", "columns": {
        "Ref": "system_id", "What it is": "name", "Upkeep": "custom", "Vendor": "custom"}}}}
    validated = load_files([("apps.xlsx", workbook_bytes(INVENTORY))], mapping=profile)
    billing = validated.portfolio.systems["S1"]
    assert billing.vendor is None and billing.annual_om_cost is None
    assert billing.extra == {"Upkeep": 10_000, "Vendor": "Acme"}
    entry = load_profile(profile).for_title("apps 2026")
    assert entry.kept == {"Upkeep", "Vendor"} and entry.ignored == frozenset()
    assert entry.overrides == {"Ref": "system_id", "What it is": "name", "Upkeep": None,
                               "Vendor": None}


def test_a_version_1_profile_loads_and_null_still_ignores() -> None:
    profile = load_profile({"format": "planner-mapping", "version": 1, "sheets": {
        "Apps 2026": {"table": "Systems", "columns": {"Vendor": None}}}})
    assert profile.version == 1 and profile.for_title("Apps 2026").ignored == {"Vendor"}
    assert json.loads(profile.to_json())["version"] == 1


@pytest.mark.parametrize("content, phrase", [
    (b'{"version": 3}', "version"),

    (b"{not json", "not valid JSON"),
    (b'{"sheets": {"X": {"table": "Nope"}}}', "not a table"),
    (b'{"sheets": {"X": {"table": "Systems", "columns": {"A": "colour"}}}}',
     "not a Systems column"),
    (b'{"format": "something-else"}', "not a valid mapping profile"),
])
def test_a_bad_profile_is_an_unreadable_file(tmp_path: Path, content: bytes, phrase: str,
                                             capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=phrase):
        load_profile(path)
    book = tmp_path / "in.xlsx"
    book.write_bytes(workbook_bytes(INVENTORY))
    assert main(["validate", str(book), "--mapping", str(path)]) == 2
    assert phrase in capsys.readouterr().err


def test_a_profile_still_works_when_the_header_moved_down() -> None:
    profile = {"sheets": {"Apps 2026": {"table": "Systems", "header_row": 2, "columns": {
        "Ref": "system_id", "What it is": "name"}}}}
    moved = {"Apps 2026": [["Riverton apps"], ["updated June"], *INVENTORY["Apps 2026"][1:]]}
    validated = load_files([("apps.xlsx", workbook_bytes(moved))], mapping=profile)
    assert validated.counts == {"Systems": 2}
    assert validated.rows[("Systems", "S1")] == 4
