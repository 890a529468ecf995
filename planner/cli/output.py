"""Helpers shared by the subcommands: printing JSON and tables, and telling the user things.

Nothing a file holds reaches the terminal raw: while a command runs, stdout and stderr pass
through `TerminalSafe`, which writes control characters (ESC, BEL, CR, DEL, the C1 range)
and text-direction controls (U+202A-U+202E, U+2066-U+2069) as visible escapes: ESC as
`\\x1b`, U+202E as `\\u202e`. JSON output stays exact JSON: the JSON writer already escapes
C0 controls, and the other characters, which can only stand inside a JSON string, become
`\\u` escapes that a JSON reader turns back into the same text.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

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


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    # C0 controls and DEL never stand raw in JSON output (the writer escapes them); C1 and
    # text-direction controls may stand inside a JSON string, where \\u0085 means the same.
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """Text with control and text-direction characters written as visible escapes (tab and
    line feed kept)."""
    return _UNSAFE.sub(_escape, text)


class TerminalSafe:
    """A text stream that escapes what `terminal_text` escapes before writing it on."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write `text` with its unsafe characters escaped."""
        self._stream.write(terminal_text(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding ...
        return getattr(self._stream, name)


@contextlib.contextmanager
def terminal_safe_streams() -> Iterator[None]:
    """Pass stdout and stderr through `TerminalSafe` for the duration of a command."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalSafe(out), TerminalSafe(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
