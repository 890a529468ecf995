"""How a fuzz input is laid out: one byte choosing the upload's file name, then its bytes."""

from __future__ import annotations

SUFFIXES = (".xlsx", ".csv", ".zip")


def encode(name: str, data: bytes) -> bytes:
    """The fuzz input for an upload named `name` (its suffix is what the byte keeps)."""
    lower = name.lower()
    kind = next((i for i, s in enumerate(SUFFIXES) if lower.endswith(s)), 0)
    return bytes([kind]) + data


def decode(blob: bytes) -> tuple[str, bytes]:
    """The (file name, bytes) an input stands for; an empty input is an empty workbook."""
    if not blob:
        return "upload.xlsx", b""
    return "upload" + SUFFIXES[blob[0] % len(SUFFIXES)], blob[1:]
