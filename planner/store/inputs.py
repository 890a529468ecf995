"""Imported input files, kept byte for byte with their SHA-256, once per workspace.

A scenario is re-planned from exactly the files it was planned from, read again by the same
importer (`planner.load_files`), so a later importer fix or a new mapping applies to old
scenarios the same way it applies to a new upload, and the hashes prove which files a
council decision rested on. A set's digest is the SHA-256 of its files' names and hashes in
upload order; the same upload saved twice is stored once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from planner.store.audit import append_entry
from planner.store.errors import NotFoundError, StoreError
from planner.store.records import StoredFile, StoredInputs, now
from planner.store.tables import input_files, input_sets

MAX_FILES = 50


def file_hash(content: bytes) -> str:
    """A file's SHA-256, hex."""
    return hashlib.sha256(content).hexdigest()


def set_digest(files: Sequence[tuple[str, bytes]]) -> str:
    """The digest of an upload: its file names and hashes, in order."""
    outer = hashlib.sha256()
    for name, content in files:
        outer.update(f"{name}\0{file_hash(content)}\n".encode())
    return outer.hexdigest()


def _checked(files: Sequence[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    if not files:
        raise StoreError("A scenario needs the input files it was planned from; none were "
                         "given.")
    if len(files) > MAX_FILES:
        raise StoreError(f"A scenario keeps at most {MAX_FILES} input files; "
                         f"{len(files)} were given.")
    return [(str(name), bytes(content)) for name, content in files]


def save_inputs(connection: Connection, workspace_id: int, files: Sequence[tuple[str, bytes]],
                *, user: str) -> StoredInputs:
    """The stored set for these files, storing it (and recording the import) when new."""
    files = _checked(files)
    digest = set_digest(files)
    found = _set_id(connection, workspace_id, digest)
    if found is None:
        try:
            with connection.begin_nested():
                found = _insert(connection, workspace_id, digest, files, user)
        except IntegrityError:  # the same upload stored at the same moment elsewhere
            found = _set_id(connection, workspace_id, digest)
            if found is None:
                raise
    return read_inputs(connection, found, with_content=False)


def _set_id(connection: Connection, workspace_id: int, digest: str) -> int | None:
    return connection.execute(select(input_sets.c.id).where(
        input_sets.c.workspace_id == workspace_id, input_sets.c.digest == digest)).scalar()


def _insert(connection: Connection, workspace_id: int, digest: str,
            files: list[tuple[str, bytes]], user: str) -> int:
    set_id = connection.execute(insert(input_sets).values(
        workspace_id=workspace_id, digest=digest, created_by=user, created_at=now())
        .returning(input_sets.c.id)).scalar_one()
    rows = [{"input_set_id": set_id, "position": i, "name": name, "sha256": file_hash(content),
             "size": len(content), "content": content}
            for i, (name, content) in enumerate(files)]
    connection.execute(insert(input_files), rows)
    described = [{"name": r["name"], "sha256": r["sha256"], "size": r["size"]} for r in rows]
    names = ", ".join(r["name"] for r in rows)
    append_entry(connection, workspace_id, user=user, action="inputs-imported",
                 subject=digest[:12], what=f"Imported {names}",
                 after={"digest": digest, "files": described})
    return set_id


def read_inputs(connection: Connection, set_id: int, *, with_content: bool = True
                ) -> StoredInputs:
    """A stored set, its files in upload order (their bytes too unless told not to)."""
    digest = connection.execute(select(input_sets.c.digest).where(
        input_sets.c.id == set_id)).scalar()
    if digest is None:
        raise NotFoundError(f"No stored inputs have the id {set_id}.")
    columns = [input_files.c.name, input_files.c.sha256, input_files.c.size]
    if with_content:
        columns.append(input_files.c.content)
    rows = connection.execute(select(*columns).where(input_files.c.input_set_id == set_id)
                              .order_by(input_files.c.position))
    files = tuple(StoredFile(name=r.name, sha256=r.sha256, size=r.size,
                             content=bytes(r.content) if with_content else None) for r in rows)
    return StoredInputs(id=set_id, digest=digest, files=files)
