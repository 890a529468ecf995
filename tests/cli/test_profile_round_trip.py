"""A profile saved with `validate --save-mapping` reads the same file into the same portfolio:
mapped, guessed, custom and ignored columns alike, run in process and through the installed
`planner` script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import main
from planner.recognize.profiles import load_profile
from planner.service import load_paths
from tests.cli.console import run_planner
from tests.factories import workbook_bytes

CITY = {
    "App Inventory": [
        ["Riverton applications, June 2026"],
        ["App ID", "App Name", "Criticalty", "Anual O&M cost", "Ward", "Internal memo", "Vendor"],
        ["S1", "Billing", 1, 120_000, "Ward 3", "call Bob", "Acme"],
        ["S2", "Permits", 4, 30_000, "Ward 1", None, "Tyler"],
    ],
    "Project Requests": [
        ["candidate_id", "name", "targets", "one_time_cost", "Sponsor", "Council vote"],
        ["R1", "New billing", "S1", 100_000, "Finance", "yes 5-2"],
        ["R2", "Permits online", "S2", 50_000, "Building", "pending"],
    ],
    "Budget": [["fiscal_year", "fund", "capital_budget"], [2027, "General", 500_000]],
}
# The analyst's first profile names only what the automatic reading cannot know: a column to
# leave out, and a rating that runs the other way.
START = {"sheets": {"App Inventory": {"table": "Systems", "columns": {"Internal memo": None},
                                      "reversed_scales": ["Criticalty"]}}}


@pytest.fixture()
def city(tmp_path: Path) -> tuple[Path, Path]:
    book = tmp_path / "city.xlsx"
    book.write_bytes(workbook_bytes(CITY))
    start = tmp_path / "start.json"
    start.write_text(json.dumps(START), encoding="utf-8")
    return book, start


def kinds_of_columns(saved: Path) -> dict[str, str]:
    """Each header of the inventory sheet: the column it was saved as, 'custom' or 'ignored'."""
    entry = load_profile(saved).for_title("App Inventory")
    assert entry is not None
    return {h: ("ignored" if c is None else c) for h, c in entry.columns.items()}


def assert_same_import(first, again) -> None:
    assert again.portfolio == first.portfolio
    assert again.counts == first.counts and again.mapping == first.mapping
    billing = again.portfolio.systems["S1"]
    assert billing.extra == {"Ward": "Ward 3"} and billing.vendor == "Acme"
    assert again.portfolio.candidates["R1"].extra == {"Sponsor": "Finance",
                                                      "Council vote": "yes 5-2"}


def test_a_saved_profile_gives_the_same_portfolio_in_process(city, tmp_path: Path,
                                                              capsys) -> None:
    book, start = city
    saved = tmp_path / "saved.json"
    assert main(["validate", str(book), "--mapping", str(start), "--save-mapping", str(saved),
                 "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    guessed = {i["column"] for i in report["issues"] if i["code"] == "guessed-column"}
    assert "Criticalty" in guessed  # a guess the saved profile must keep
    kinds = kinds_of_columns(saved)
    assert kinds["Ward"] == "custom" and kinds["Internal memo"] == "ignored"
    assert kinds["Criticalty"] == "criticality"
    assert load_profile(saved).for_title("App Inventory").reversed_scales == ["Criticalty"]
    first = load_paths([book], mapping=start)
    again = load_paths([book], mapping=saved)
    assert_same_import(first, again)
    assert "Internal memo" not in again.portfolio.systems["S1"].extra
    assert not [i for i in again.log.items if i.code.value == "guessed-column"]


def test_a_saved_profile_gives_the_same_portfolio_through_the_console_script(
        city, tmp_path: Path) -> None:
    book, start = city
    saved = tmp_path / "saved.json"
    first = run_planner("validate", book, "--mapping", start, "--save-mapping", saved,
                        "--format", "json")
    assert first.code == 0, first.stderr
    assert first.stderr == f"Mapping saved to {saved}\n"
    again = run_planner("validate", book, "--mapping", saved, "--format", "json")
    assert again.code == 0, again.stderr
    assert again.document()["mapping"] == first.document()["mapping"]
    assert again.document()["counts"] == first.document()["counts"] == {
        "Systems": 2, "Candidates": 2, "Budget": 1}
    # Each import's portfolio, written by `propose -o` and read back: the same, custom
    # columns included.
    outputs = []
    for name, profile in (("first", start), ("again", saved)):
        out = tmp_path / f"{name}.xlsx"
        done = run_planner("propose", book, "--mapping", profile, "-o", out, "--format", "json")
        assert done.code == 0, done.stderr
        outputs.append(load_paths([out]))
    assert_same_import(*outputs)


def test_a_version_1_profile_still_ignores_the_columns_it_maps_to_null(city) -> None:
    book, _ = city
    old = {"format": "planner-mapping", "version": 1, "sheets": {"App Inventory": {
        "table": "Systems", "header_row": 2, "columns": {
            "App ID": "system_id", "App Name": "name", "Ward": None, "Internal memo": None}}}}
    loaded = load_paths([book], mapping=old)
    billing = loaded.portfolio.systems["S1"]
    assert "Ward" not in billing.extra and "Internal memo" not in billing.extra
    assert billing.vendor == "Acme"  # a header the profile does not name is read as usual
