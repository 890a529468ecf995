"""Candidates proposed from the inventory: dispositions, options, estimates, mixing, tables."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.cli import main
from planner.core.issues import IssueLog
from planner.core.models import (
    Approach,
    Candidate,
    Settings,
    System,
)
from planner.propose.assumptions import Assumptions, read_assumptions
from planner.propose.proposals import (
    NOTE_PREFIX,
    ProposalShare,
    ensure_candidates,
    proposal_share,
    propose_candidates,
    restore_estimates,
)
from planner.service import load_files, load_paths
from planner.validate.crosscheck import check_references
from tests.factories import SAMPLE, make_portfolio, sample_inventory_bytes
from tests.propose.support import city, process, system


def user_candidate(cid: str, *targets: str) -> Candidate:
    return Candidate(candidate_id=cid, name=f"Project {cid}", targets=targets,
                     one_time_cost=100_000)


def by_target(proposals_list: list[Candidate]) -> dict[str, list[Candidate]]:
    found: dict[str, list[Candidate]] = {}
    for cand in proposals_list:
        found.setdefault(cand.targets[0], []).append(cand)
    return found


# Dispositions -------------------------------------------------------------------------------

def test_every_process_gets_a_digitize_candidate() -> None:
    portfolio = make_portfolio(n=40, seed=1).replace(candidates={})
    found = by_target(propose_candidates(portfolio).candidates)
    for pid in portfolio.processes:
        assert [c.approach for c in found[pid]] == [Approach.DIGITIZE]


def test_an_unsupported_critical_system_gets_one_mandatory_candidate() -> None:
    old = system(criticality=5, technical_condition=1, functional_fit=2,
                 end_of_support=dt.date(2020, 12, 31))
    proposals = propose_candidates(city(old))
    (cand,) = proposals.candidates
    assert cand.mandatory
    assert cand.alternative_group is None
    assert "unsupported since 2020" in proposals.reasons[cand.candidate_id]
    assert "mandatory" in proposals.reasons[cand.candidate_id]
    row = proposals.dispositions.set_index("system_id").loc["S1"]
    assert row["mandatory"] and row["status"] == "proposed"


def test_the_mandatory_candidate_is_the_lower_cost_option() -> None:
    old = system(criticality=5, technical_condition=1, functional_fit=1,
                 end_of_support=dt.date(2026, 12, 31))
    (cand,) = propose_candidates(city(old)).candidates
    assert cand.approach is Approach.REPURCHASE  # cheaper than replace at the defaults


def test_support_ending_soon_counts_from_the_first_fiscal_year_not_the_clock() -> None:
    ending = system(criticality=5, technical_condition=2, functional_fit=4,
                    end_of_support=dt.date(2029, 12, 31))
    early = propose_candidates(city(ending).replace(
        settings=Settings(first_fiscal_year=2029))).candidates
    late = propose_candidates(city(ending).replace(
        settings=Settings(first_fiscal_year=2022))).candidates
    assert [c.mandatory for c in early] == [True]
    assert not any(c.mandatory for c in late)


def test_a_healthy_well_fitting_system_gets_no_candidate_and_is_retained() -> None:
    healthy = system(technical_condition=5, functional_fit=4, criticality=5)
    proposals = propose_candidates(city(healthy))
    assert proposals.candidates == []
    retained = proposals.retained.set_index("system_id")
    assert "retain" in retained.loc["S1", "reason"]
    assert "supported until 2035" in retained.loc["S1", "reason"]


def test_a_good_fit_on_poor_technology_offers_rehost_now_or_replace() -> None:
    proposals = propose_candidates(city(system(technical_condition=2, functional_fit=4)))
    approaches = {c.approach for c in proposals.candidates}
    assert approaches == {Approach.REHOST, Approach.REPLACE}
    groups = {c.alternative_group for c in proposals.candidates}
    assert len(groups) == 1 and None not in groups
    assert "rehost now or replace" in proposals.reasons[proposals.candidates[0].candidate_id]


def test_a_low_value_low_criticality_system_may_be_retired() -> None:
    proposals = propose_candidates(city(system(technical_condition=1, functional_fit=1,
                                               criticality=1)))
    retire = next(c for c in proposals.candidates if c.approach is Approach.RETIRE)
    assert retire.annual_operating_cost == 0
    assert retire.annual_savings == 100_000


def test_missing_ratings_use_neutral_defaults_and_say_so() -> None:
    bare = System(system_id="S9", name="Unrated")
    proposals = propose_candidates(city(bare))
    row = proposals.dispositions.set_index("system_id").loc["S9"]
    assert row["status"] == "retained"
    assert "not rated (3 assumed" in row["reason"]
    assert "end of support not given" in row["reason"]


# Estimates ----------------------------------------------------------------------------------


def test_every_proposed_value_is_marked_as_an_estimate() -> None:
    for cand in propose_candidates(make_portfolio(n=30, seed=4)).candidates:
        assert cand.notes.startswith(NOTE_PREFIX)
        assert {"one_time_cost", "duration_months", "annual_operating_cost",
                "annual_savings"} <= cand.estimated


# Mixing -------------------------------------------------------------------------------------

def test_without_candidates_the_planner_proposes() -> None:
    portfolio, proposals = ensure_candidates(city(system(technical_condition=2), process()))
    assert proposals is not None
    assert set(portfolio.candidates) == {c.candidate_id for c in proposals.candidates}
    assert portfolio.settings.extras["assume_replace_cost_multiple"] == 5.0


def test_with_candidates_nothing_is_proposed_unless_asked() -> None:
    portfolio = city(system("S1", technical_condition=2), system("S2", technical_condition=2),
                     process("P1"), process("P2"),
                     candidates=(user_candidate("C1", "S1", "P1"),))
    same, proposals = ensure_candidates(portfolio)
    assert proposals is None and set(same.candidates) == {"C1"}
    mixed, proposals = ensure_candidates(portfolio, propose=True)
    assert proposals is not None
    assert {c.targets[0] for c in proposals.candidates} == {"S2", "P2"}
    assert "C1" in mixed.candidates


def test_the_settings_switch_asks_for_proposals_too() -> None:
    portfolio = city(system("S2", technical_condition=2),
                     candidates=(user_candidate("C1"),), propose_candidates=True)
    _, proposals = ensure_candidates(portfolio)
    assert proposals is not None and proposals.candidates
    _, none = ensure_candidates(portfolio, propose=False)
    assert none is None


def test_a_targeted_system_is_reported_with_the_candidates_that_target_it() -> None:
    portfolio = city(system("S1", technical_condition=2),
                     candidates=(user_candidate("C1", "S1"),))
    proposals = propose_candidates(portfolio)
    row = proposals.dispositions.set_index("system_id").loc["S1"]
    assert row["status"] == "has candidates" and "C1" in row["reason"]
    everything = propose_candidates(portfolio, only_untargeted=False)
    assert everything.candidates


def test_proposed_ids_never_clash_with_the_file() -> None:
    portfolio = city(system("S1", technical_condition=2, functional_fit=4),
                     candidates=(user_candidate("PR-S1-rehost"),))
    ids = [c.candidate_id for c in propose_candidates(portfolio).candidates]
    assert "PR-S1-rehost" not in ids and len(ids) == 2


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 60), keep=st.booleans(),
       ends=st.lists(st.integers(2010, 2040), min_size=1, max_size=20))
def test_proposals_always_validate(seed: int, n: int, keep: bool, ends: list[int]) -> None:
    portfolio = make_portfolio(n=n, seed=seed, with_mandatory=n >= 10)
    systems = {sid: s.model_copy(update={"end_of_support": dt.date(ends[i % len(ends)], 12, 31)})
               for i, (sid, s) in enumerate(portfolio.systems.items())}
    portfolio = portfolio.replace(systems=systems, candidates=portfolio.candidates if keep else {})
    merged, proposals = ensure_candidates(portfolio, propose=True)
    assert proposals is not None
    ids = [c.candidate_id for c in proposals.candidates]
    assert len(ids) == len(set(ids))
    assert not set(ids) & set(portfolio.candidates)
    for members in merged.alternative_groups.values():
        assert sum(merged.candidates[m].mandatory for m in members) <= 1
    known = set(merged.systems) | set(merged.processes)
    assert all(set(c.targets) <= known for c in proposals.candidates)
    log = IssueLog()
    checked = check_references(merged, {}, "Candidates", log)
    assert not log.has_errors
    assert set(checked.candidates) == set(merged.candidates)


def test_mandatory_items_stay_within_the_budget_share() -> None:
    old = [system(f"S{i}", criticality=5, technical_condition=1, functional_fit=1,
                  annual_om_cost=200_000.0, end_of_support=dt.date(2020, 12, 31))
           for i in range(6)]
    proposals = propose_candidates(city(*old, budget=4_000_000))
    kept = [c for c in proposals.candidates if c.mandatory]
    assert sum(c.one_time_cost for c in kept) <= 0.5 * 4_000_000
    assert 0 < len(kept) < 6
    left = proposals.dispositions[~proposals.dispositions["mandatory"]]
    assert left["reason"].str.contains("left to the optimizer").all()


# Command line -------------------------------------------------------------------------------

def inventory_only(tmp_path: Path) -> Path:
    """The sample city workbook with its Candidates sheet removed."""
    path = tmp_path / "inventory.xlsx"
    path.write_bytes(sample_inventory_bytes())
    return path


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample city workbook not generated")
def test_propose_json_and_workbook_round_trip(tmp_path: Path,
                                             capsys: pytest.CaptureFixture) -> None:
    source = inventory_only(tmp_path)
    out = tmp_path / "proposals.xlsx"
    assert main(["propose", str(source), "-o", str(out), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {"candidates", "retained", "assumptions"}
    first = report["candidates"][0]
    assert {"id", "targets", "approach", "reason", "mandatory", "alternative_group",
            "one_time_cost", "estimated"} <= set(first)
    assert report["retained"] and report["assumptions"]["assume_replace_cost_multiple"] == 5.0

    result = load_files([(out.name, out.read_bytes())])
    assert not result.log.has_errors
    portfolio = restore_estimates(result.portfolio)
    direct = propose_candidates(load_paths([source]).portfolio)
    assert portfolio.candidates == {c.candidate_id: c for c in direct.candidates}
    assert read_assumptions(portfolio.settings) == (Assumptions(), [])
    assert portfolio.settings.city_name == "City of Riverton"


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample city workbook not generated")
def test_propose_text_shows_candidates_reasons_and_retained(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["propose", str(inventory_only(tmp_path))]) == 0
    text = capsys.readouterr().out
    assert "PR-P-001-digitize" in text and "Retained" in text and "Why:" in text


def test_propose_without_systems_or_processes_is_an_input_error(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "budget.csv"
    path.write_text("fiscal_year,fund,capital_budget\n2027,General,100\n", encoding="utf-8")
    assert main(["propose", str(path)]) == 1
    assert "Nothing to propose" in capsys.readouterr().err


# Integration --------------------------------------------------------------------------------

@pytest.mark.skipif(not SAMPLE.exists(), reason="sample city workbook not generated")
def test_the_sample_city_without_its_candidates_still_plans(tmp_path: Path) -> None:
    scoring = pytest.importorskip("planner.score.scoring")
    roadmap = pytest.importorskip("planner.service")
    loaded = load_paths([inventory_only(tmp_path)])
    assert not loaded.portfolio.candidates
    portfolio, proposals = ensure_candidates(loaded.portfolio)
    assert proposals is not None and len(portfolio.candidates) > 50
    values = scoring.score_portfolio(portfolio).values
    result = roadmap.run_plan(portfolio, values, explain=False, frontier=False)
    plan = result.optimized
    assert plan.status.value in ("optimal", "feasible", "time_limit"), plan.message
    funded = set(plan.funded_ids)
    assert {c.candidate_id for c in proposals.candidates if c.mandatory} <= funded
    assert any(cid.endswith("-digitize") for cid in funded)
    assert isinstance(proposals.dispositions, pd.DataFrame)


# How much of a plan rests on estimates -------------------------------------------------------

def test_the_share_of_proposals_counts_estimated_candidates_and_funded_ones() -> None:
    portfolio = city(system("S1", technical_condition=2), system("S2", technical_condition=2),
                     candidates=(user_candidate("C1", "S1"),), propose_candidates=True)
    mixed, proposals = ensure_candidates(portfolio)
    made = [c.candidate_id for c in proposals.candidates]
    share = proposal_share(mixed, funded=["C1", made[0]])
    assert share == ProposalShare(len(made), len(made) + 1, 1)
    assert share.rests_on_estimates
    assert share.sentence() == (f"{len(made)} of the {len(made) + 1} projects considered are "
                                "the planner's proposals, with estimated figures; 1 of them "
                                "is funded.")
    assert proposal_share(portfolio) == ProposalShare(0, 1)
    assert proposal_share(portfolio).sentence() == ""
    assert proposal_share(portfolio).as_dict() == {"proposed": 0, "considered": 1,
                                                   "funded": None, "message": None}


@pytest.mark.parametrize("share, words", [
    (ProposalShare(12, 30, 5), "12 of the 30 projects considered are the planner's proposals, "
                               "with estimated figures; 5 of them are funded."),
    (ProposalShare(26, 26), "All 26 projects considered are the planner's proposals, with "
                            "estimated figures."),
    (ProposalShare(1, 1, 0), "The only project considered is the planner's proposal, with "
                             "estimated figures; it is not funded."),
    (ProposalShare(1, 9, 1), "1 of the 9 projects considered is the planner's proposal, with "
                             "estimated figures; it is funded."),
])
def test_the_share_of_proposals_in_words(share: ProposalShare, words: str) -> None:
    assert share.sentence() == words


def test_proposals_past_the_candidate_limit_are_refused_naming_the_limit(monkeypatch) -> None:
    from planner.errors import UnreadableFileError

    portfolio = city(*(system(f"S{i}", technical_condition=1, security_risk=5,
                              end_of_support=dt.date(2026, 6, 30)) for i in range(12)))
    monkeypatch.setenv("PLANNER_MAX_CANDIDATES", "100")
    proposed, _ = ensure_candidates(portfolio)
    assert len(proposed.candidates) >= 12
    monkeypatch.setenv("PLANNER_MAX_CANDIDATES", str(len(proposed.candidates) - 1))
    with pytest.raises(UnreadableFileError, match="PLANNER_MAX_CANDIDATES") as refused:
        ensure_candidates(portfolio)
    assert f"make {len(proposed.candidates):,}" in str(refused.value)
