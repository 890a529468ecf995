"""Input files kept byte for byte with their hashes, once per workspace."""

from __future__ import annotations

import hashlib

import pytest

from planner.store.audit import AuditFilter
from planner.store.errors import StoreError
from planner.store.inputs import set_digest
from planner.store.store import Store

FILES = [("Systems.csv", b"ID,Name\nS1,Permits\n"), ("Budget.csv", b"Fund,FY2027\nGF,100\n")]


def test_files_come_back_byte_for_byte_with_their_hashes(store: Store) -> None:
    store.open_workspace("Town FY2027", user="ana")
    saved = store.save_inputs("Town FY2027", FILES, user="ana")
    assert saved.files[0].content is None  # the bytes are read only when asked for
    again = store.inputs(saved.id)
    assert again.sources() == FILES
    assert [f.sha256 for f in again.files] == [hashlib.sha256(b).hexdigest() for _, b in FILES]
    assert again.digest == set_digest(FILES)


def test_the_same_upload_is_stored_once_and_recorded_once(store: Store) -> None:
    store.open_workspace("Town FY2027", user="ana")
    first = store.save_inputs("Town FY2027", FILES, user="ana")
    second = store.save_inputs("Town FY2027", list(FILES), user="bob")
    assert first.id == second.id
    imports = store.audit(AuditFilter(action="inputs-imported"))
    assert [(e.user, e.what) for e in imports] == [("ana", "Imported Systems.csv, Budget.csv")]


def test_names_and_order_are_part_of_an_upload() -> None:
    assert set_digest(FILES) != set_digest(FILES[::-1])
    assert set_digest(FILES) != set_digest([("systems.csv", FILES[0][1]), FILES[1]])


def test_an_empty_upload_is_refused(store: Store) -> None:
    store.open_workspace("Town FY2027", user="ana")
    with pytest.raises(StoreError, match="none were given"):
        store.save_inputs("Town FY2027", [], user="ana")
