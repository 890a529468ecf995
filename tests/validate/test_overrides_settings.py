"""Overrides (force in, force out, pinned starts) recorded in Settings and read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.cli import main
from planner.core.models import Settings, Severity
from planner.core.plans import Overrides
from planner.errors import InputError
from planner.service import load_files
from tests.factories import workbook_bytes

IDS = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-_.", min_size=1, max_size=8)


@given(st.frozensets(IDS, max_size=4), st.frozensets(IDS, max_size=4),
       st.dictionaries(IDS, st.integers(2020, 2060), max_size=4))
def test_overrides_survive_their_settings_text(force_in, force_out, pins) -> None:
    overrides = Overrides(force_in, force_out, pins)
    assert Overrides.from_settings(Settings(**overrides.as_settings())) == overrides


def test_the_text_forms_people_write_are_read() -> None:
    read = Overrides.from_text(" C-1; C-2 ,", "", "C-3 = FY2028; C-4=2030")
    assert read == Overrides(frozenset({"C-1", "C-2"}), frozenset(), {"C-3": 2028, "C-4": 2030})
    assert Overrides.from_text().empty
    with pytest.raises(InputError, match="ID=YEAR"):
        Overrides.from_text(pin_start="C-3 in 2028")


def test_later_overrides_win_on_a_pinned_start() -> None:
    merged = Overrides(frozenset({"A"}), pin_start={"B": 2028}).merged(
        Overrides(force_out=frozenset({"C"}), pin_start={"B": 2030}))
    assert merged == Overrides(frozenset({"A"}), frozenset({"C"}), {"B": 2030})


def _book(settings_rows: list[list[object]]) -> bytes:
    return workbook_bytes({
        "Candidates": [["candidate_id", "name", "one_time_cost", "duration_months",
                        "strategic_alignment", "delivery_risk", "annual_savings"],
                       ["C1", "Permits online", 400_000, 12, 4, 2, 50_000],
                       ["C2", "New ERP", 900_000, 12, 5, 4, 120_000],
                       ["C3", "Records portal", 300_000, 12, 3, 1, 20_000]],
        "Budget": [["fiscal_year", "fund", "capital_budget"], [2027, "General", 1_000_000],
                   [2028, "General", 1_000_000]],
        "Settings": [["key", "value"], *settings_rows],
    })


def test_unknown_ids_and_unreadable_pins_are_reported_on_their_rows() -> None:
    validated = load_files([("city.xlsx", _book([
        ["force_in", "C1, C9"], ["pin_start", "C2 next year"], ["force_out", "C3"]]))])
    found = {(i.row, i.code.value, i.severity) for i in validated.log.items
             if i.sheet == "Settings"}
    assert found == {(2, "unknown-reference", Severity.WARNING),
                     (3, "type-error", Severity.ERROR)}
    recorded = Overrides.from_settings(validated.portfolio.settings)
    assert recorded == Overrides(frozenset({"C1"}), frozenset({"C3"}), {})


def test_plan_and_export_apply_the_overrides_a_workbook_records(tmp_path: Path, capsys) -> None:
    path = tmp_path / "city.xlsx"
    path.write_bytes(_book([["force_out", "C2"], ["pin_start", "C3=2028"]]))
    assert main(["plan", str(path), "--format", "json", "--no-frontier"]) == 0
    plan = json.loads(capsys.readouterr().out)
    starts = {item["id"]: item["start_year"] for item in plan["funded"]}
    assert "C2" not in starts and starts["C3"] == 2028
    # A flag on the command line adds to what the workbook records.
    assert main(["plan", str(path), "--format", "json", "--no-frontier",
                 "--force-out", "C1"]) == 0
    assert {i["id"] for i in json.loads(capsys.readouterr().out)["funded"]} == {"C3"}
    out = tmp_path / "roadmap.xlsx"
    assert main(["export", str(path), "-o", str(out), "--no-frontier"]) == 0
    again = load_files([("roadmap.xlsx", out.read_bytes())])
    assert Overrides.from_settings(again.portfolio.settings) == Overrides(
        force_out=frozenset({"C2"}), pin_start={"C3": 2028})
