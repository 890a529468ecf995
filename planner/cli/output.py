"""Helpers shared by the subcommands: printing JSON and tables."""

from __future__ import annotations

import json
import sys
from typing import Any

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
