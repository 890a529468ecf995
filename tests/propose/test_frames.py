"""Proposals as an editable table: applied back unchanged, edits kept, bad edits by row."""

from __future__ import annotations

from planner.core.models import Candidate
from planner.propose.frames import frame_with_estimates
from planner.propose.proposals import (
    ESTIMATED_COLUMN,
    apply_proposals_frame,
    proposals_frame,
)
from tests.propose.support import sample_proposals


def test_the_proposals_table_applies_back_unchanged() -> None:
    portfolio, candidates, proposals = sample_proposals()
    frame = proposals_frame(proposals)
    assert ESTIMATED_COLUMN in frame.columns
    applied, log = apply_proposals_frame(portfolio, frame, proposals)
    assert not log.has_errors
    assert applied.candidates == {c.candidate_id: c for c in candidates}


def test_an_edited_value_is_no_longer_an_estimate() -> None:
    portfolio, _, proposals = sample_proposals()
    frame = proposals_frame(proposals)
    frame.loc[frame["candidate_id"] == "PR-S1-rehost", "one_time_cost"] = 123_456
    frame = frame[frame["candidate_id"] != "PR-S1-replace"]
    applied, log = apply_proposals_frame(portfolio, frame, proposals)
    assert not log.has_errors
    rehost = applied.candidates["PR-S1-rehost"]
    assert rehost.one_time_cost == 123_456
    assert "one_time_cost" not in rehost.estimated and "annual_savings" in rehost.estimated
    assert "PR-S1-replace" not in applied.candidates


def test_a_bad_edit_is_reported_with_its_row() -> None:
    portfolio, _, proposals = sample_proposals()
    frame = proposals_frame(proposals).astype(object)
    frame.loc[1, "one_time_cost"] = "lots"
    applied, log = apply_proposals_frame(portfolio, frame, proposals)
    errors = [i for i in log.items if i.severity == "error"]
    assert [(e.row, e.column) for e in errors] == [(2, "one_time_cost")]
    assert frame.loc[1, "candidate_id"] not in applied.candidates


def test_the_table_lists_each_candidates_estimated_fields() -> None:
    _, candidates, _ = sample_proposals()
    frame = frame_with_estimates(candidates)
    assert frame["candidate_id"].tolist() == [c.candidate_id for c in candidates]
    first = frame.iloc[0]
    assert first["estimated"] == "; ".join(sorted(candidates[0].estimated))
    assert "one_time_cost" in first["estimated"].split("; ")
    assert first["one_time_cost"] == candidates[0].one_time_cost


def test_a_candidate_without_estimates_has_a_blank_estimated_cell() -> None:
    plain = Candidate(candidate_id="C-1", name="Fix", one_time_cost=10.0)
    assert frame_with_estimates([plain])["estimated"].tolist() == [None]
