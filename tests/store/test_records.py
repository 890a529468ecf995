"""Records handed back by the store: UTC times and plain documents."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.store.records import StoredFile, StoredInputs, utc, when


def test_a_time_without_a_zone_is_read_as_utc() -> None:
    naive = dt.datetime(2027, 1, 12, 10, 30, 5, 123)
    assert utc(naive).tzinfo is dt.UTC and utc(naive).hour == 10
    eastern = dt.datetime(2027, 1, 12, 5, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert when(eastern) == "2027-01-12T10:30:00+00:00"


def test_inputs_give_their_files_as_name_and_bytes_in_order() -> None:
    inputs = StoredInputs(1, "d", (StoredFile("b.csv", "h1", 2, b"b1"),
                                   StoredFile("a.csv", "h2", 2, b"a1")))
    assert inputs.sources() == [("b.csv", b"b1"), ("a.csv", b"a1")]
    assert inputs.as_dict() == {"digest": "d", "files": [
        {"name": "b.csv", "sha256": "h1", "size": 2}, {"name": "a.csv", "sha256": "h2", "size": 2}]}


def test_inputs_read_without_bytes_refuse_to_give_them() -> None:
    with pytest.raises(ValueError, match="without their bytes"):
        StoredInputs(1, "d", (StoredFile("a.csv", "h", 1),)).sources()
