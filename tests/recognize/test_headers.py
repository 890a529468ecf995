"""Header words: the same words for every way a city writes one header."""

from __future__ import annotations

import pytest

from planner.recognize.headers import header_words


@pytest.mark.parametrize("header, words", [
    ("Est. One-Time Cost", "estimated one time cost"),
    ("Project Life Cycle Cost ($M)", "project life cycle cost"),
    ("Staff Min. per Transaction", "staff minute transaction"),
    ("Printing & Postage ($/yr)", "printing and postage"),
    ("Avg Turnaround (days)", "average turnaround"),
    ("Transactions / Year", "transaction year"),
    ("businessCriticality", "business criticality"),
    ("DATASET_NAME", "dataset name"),
    ("u_go_live_year", "go live year"),
    ("Annual O&M Cost", "annual operation and maintenance cost"),
    ("# of Users", "number user"),
    ("Project No.", "project number"),
    ("Dept.", "department"),
    ("IT Staff (FTEs)", "it staff"),
    ("Mandatory (Yes/No)", "mandatory"),
    ("Criticality 1-5", "criticality"),
    ("Cost in millions", "cost"),
    ("FY 2029", "fy 2029"),
    ("  Vendor's Name:  ", "vendor name"),
])
def test_header_words(header: str, words: str) -> None:
    assert header_words(header) == words


def test_a_header_and_its_plain_spelling_give_the_same_words() -> None:
    assert header_words("Est. Annual Savings") == header_words("estimated annual savings")
    assert header_words("Yr Implemented") == header_words("year implemented")
    assert header_words("Process #") == header_words("process number")
