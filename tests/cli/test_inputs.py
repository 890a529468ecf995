"""The input arguments every subcommand shares, and what the loaded files let a command do."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from planner.cli.inputs import (
    add_format_argument,
    add_input_arguments,
    add_scoring_arguments,
    blocked,
    input_errors,
    load_inputs,
    load_portfolio,
    method_name,
    preset_name,
    require_plannable,
    warn_left_out,
)
from planner.errors import InputError

CANDIDATES = "candidate_id,name,one_time_cost\nC1,Fix,100\nC2,,oops\n"


def parser() -> argparse.ArgumentParser:
    """A subcommand parser with the shared arguments."""
    made = argparse.ArgumentParser()
    add_input_arguments(made)
    add_format_argument(made, "csv")
    add_scoring_arguments(made)
    return made


def write(tmp_path: Path, name: str, text: str) -> str:
    """A small input file; its path as the command line gives it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_files_mapping_format_and_scoring_are_parsed() -> None:
    args = parser().parse_args(["a.xlsx", "b.csv", "--mapping", "m.json", "--format", "csv",
                                "--method", " TOPSIS "])
    assert (args.files, args.mapping, args.format, args.method) == (
        ["a.xlsx", "b.csv"], "m.json", "csv", "topsis")
    assert parser().parse_args(["a.xlsx"]).format == "text"


def test_an_unknown_method_or_preset_lists_the_choices() -> None:
    assert method_name("wsm") == "wsm"
    assert method_name("Weighted Sum") == "wsm"  # any spelling the registry accepts
    with pytest.raises(argparse.ArgumentTypeError,
                       match="no scoring method called 'electre'. Choose one of: wsm, wpm"):
        method_name("electre")
    with pytest.raises(argparse.ArgumentTypeError, match="unknown preset 'fancy'; choose from"):
        preset_name("fancy")


def test_errors_in_the_input_travel_with_the_blocking_error(tmp_path: Path) -> None:
    loaded = load_inputs(parser().parse_args([write(tmp_path, "candidates.csv", CANDIDATES)]))
    errors = input_errors(loaded)
    assert errors and {e["severity"] for e in errors} == {"error"}
    assert {e["row"] for e in errors} == {3}
    error = blocked(loaded, "Nothing to plan.")
    assert isinstance(error, InputError) and error.issues == errors


def test_planning_needs_candidates_and_a_budget(tmp_path: Path, capsys) -> None:
    args = parser().parse_args([write(tmp_path, "candidates.csv", CANDIDATES)])
    loaded, portfolio = load_portfolio(args)
    with pytest.raises(InputError, match="needs a Budget sheet"):
        require_plannable(loaded, portfolio)
    budget = write(tmp_path, "budget.csv", "fiscal_year,fund,capital_budget\n2027,GF,100\n")
    loaded, portfolio = load_portfolio(parser().parse_args([budget]))
    with pytest.raises(InputError, match="no valid candidates"):
        require_plannable(loaded, portfolio)


def test_left_out_rows_are_warned_about_on_stderr(tmp_path: Path, capsys) -> None:
    loaded = load_inputs(parser().parse_args([write(tmp_path, "candidates.csv", CANDIDATES)]))
    warn_left_out(loaded)
    assert capsys.readouterr().err == ("warning: 2 input errors; rows with errors were left "
                                       "out (run `planner validate` for details).\n")


def test_an_inventory_without_candidates_gets_proposals_and_a_note(tmp_path: Path,
                                                                   capsys) -> None:
    systems = write(tmp_path, "systems.csv", "system_id,name,technical_condition,"
                    "functional_fit\nS1,Old ledger,1,1\n")
    _, portfolio = load_portfolio(parser().parse_args([systems]))
    assert portfolio.candidates
    assert "were proposed from the Systems and Processes sheets" in capsys.readouterr().err
