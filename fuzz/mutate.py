"""Mutations that reach past the zip layer: unpack, change one part's text, pack again.

libFuzzer's byte mutations of a compressed workbook nearly always just break a checksum;
mutating the unpacked XML or CSV lets the fuzzer explore the readers behind the zip.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable

import atheris

from fuzz.inputs import SUFFIXES

# Parts worth more mutations: where cells, strings, merges and sheet lists live.
FAVOURED = ("xl/worksheets/", "xl/sharedStrings.xml", "xl/workbook.xml", ".csv",
            "xl/_rels/", "[Content_Types].xml", "docProps/")


ByteMutator = Callable[[bytes, int], bytes]


def mutate(blob: bytes, max_size: int, seed: int,
           byte_mutator: ByteMutator | None = None) -> bytes:
    """A libFuzzer custom mutator: inside the zip most of the time, raw bytes otherwise.

    `byte_mutator(data, max_size)` changes bytes; libFuzzer's own (atheris.Mutate) by default.
    """
    change = byte_mutator or atheris.Mutate
    chance = random.Random(seed)
    body = blob[1:]
    if body.startswith(b"PK") and chance.random() < 0.85:
        mutated = _mutate_member(body, chance, max_size, change)
        if mutated is not None and len(mutated) < max_size:
            return _kind(blob, chance) + mutated
    return change(blob, max_size)


def _kind(blob: bytes, chance: random.Random) -> bytes:
    """Usually the same file name; now and then another suffix for the same bytes."""
    if blob and chance.random() > 0.03:
        return blob[:1]
    return bytes([chance.randrange(len(SUFFIXES))])


def _pick(infos: list[zipfile.ZipInfo], chance: random.Random) -> zipfile.ZipInfo:
    favoured = [i for i in infos if any(mark in i.filename for mark in FAVOURED)]
    return chance.choice(favoured if favoured and chance.random() < 0.9 else infos)


def _mutate_member(body: bytes, chance: random.Random, max_size: int,
                   change: ByteMutator) -> bytes | None:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            infos = archive.infolist()
            if not infos:
                return None
            target = _pick(infos, chance)
            parts = [(i.filename, archive.read(i)) for i in infos]
    except Exception:  # a mutant that is no longer a readable zip: mutate its bytes instead
        return None
    roll = chance.random()
    if roll < 0.03 and len(parts) > 1:  # drop a part
        parts = [p for p in parts if p[0] != target.filename]
    elif roll < 0.06:  # copy a part under another part's name
        other = chance.choice(parts)
        parts = [(n, other[1]) if n == target.filename else (n, c) for n, c in parts]
    else:
        parts = [(n, change(c, min(max_size, 2 * len(c) + 256))
                  if n == target.filename else c) for n, c in parts]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, content in parts:
            archive.writestr(name, content)
    return out.getvalue()
