"""Helpers shared by the subcommands: printing JSON and tables, and telling the user things."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.errors import UnwritableFileError

if TYPE_CHECKING:
    import pandas as pd


def print_json(data: Any) -> None:
    """Print data as indented JSON (dates and other values as strings)."""
    json.dump(data, sys.stdout, indent=2, default=str, ensure_ascii=False)
    sys.stdout.write("\n")


def print_table(frame: pd.DataFrame, title: str | None = None) -> None:
    """Print a table as plain text."""
    if title:
        print(title)
    if frame.empty:
        print("  (none)")
        return
    print(frame.to_string(index=False, max_colwidth=70))


def note(message: str) -> None:
    """A note, warning or progress line: always on stderr, never mixed into the output."""
    print(message, file=sys.stderr)


def clean_figure(value: float, digits: int = 9) -> float:
    """A figure with the floating-point noise of sums and differences removed (-0.0 and
    7.1e-15 become 0.0)."""
    if not math.isfinite(value):
        return value
    rounded = round(value, digits)
    return 0.0 if rounded == 0 else rounded


def write_output(path: str | Path, content: bytes | str) -> None:
    """Write an output file; UnwritableFileError (exit 2) with the reason when it cannot be."""
    target = Path(path)
    try:
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UnwritableFileError(f"{target}: cannot be written ({reason}).") from None
