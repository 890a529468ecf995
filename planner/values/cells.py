"""What every cell reader shares: the parsed-value type, errors, options, blanks and spaces."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

MISSING_TOKENS = frozenset(
    {"", "n/a", "na", "n.a.", "n.a", "n\\a", "none", "null", "nan", "tbd", "tbd.", "tba", "tbc",
     "unknown", "unk", "not known", "-", "--", "---", "—", "–", "?", "??", "not applicable",
     "#n/a"}
)
TRUE_TOKENS = frozenset({"yes", "y", "true", "t", "1", "x", "✓", "✔", "on", "mandatory"})
FALSE_TOKENS = frozenset({"no", "n", "false", "f", "0", "off", ""})
EXCEL_ERRORS = frozenset(
    {"#div/0!", "#ref!", "#value!", "#name?", "#num!", "#null!", "#spill!", "#calc!",
     "#getting_data", "#field!", "#blocked!", "#connect!", "#busy!", "#unknown!"}
)
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u200b": "",
                         "\ufeff": ""})


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; `code` is an IssueCode value."""

    def __init__(self, message: str, code: str = "type-error") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Parsed:
    """A typed value, with a note when reading it changed its meaning (reported as a warning)."""

    value: Any
    note: str | None = None


@dataclass(frozen=True)
class ReadOptions:
    """How the source file writes numbers and dates."""

    decimal_comma: bool = False  # 1.234,56
    date1904: bool = False  # Excel serial dates counted from 1904 (old Mac workbooks)
    text_file: bool = False  # every cell arrives as text (CSV), so text is not a change of type


MISSING = Parsed(None)
DEFAULT = ReadOptions()


def clean_text(raw: Any) -> str:
    """Text of a cell with non-breaking spaces and surrounding whitespace removed."""
    return str(raw).translate(_SPACES).strip()


def is_missing(raw: Any) -> bool:
    """True for blank cells and placeholders such as N/A, TBD or a dash."""
    if raw is None:
        return True
    if isinstance(raw, float):
        return math.isnan(raw)
    return isinstance(raw, str) and clean_text(raw).lower() in MISSING_TOKENS


_OPTIONS = {(d, e, t): ReadOptions(d, e, t)
            for d in (False, True) for e in (False, True) for t in (False, True)}


def read_options(decimal_comma: bool = False, date1904: bool = False,
                 text_file: bool = False) -> ReadOptions:
    """The shared ReadOptions for these settings."""
    return _OPTIONS[bool(decimal_comma), bool(date1904), bool(text_file)]
