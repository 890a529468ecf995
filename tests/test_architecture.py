"""House rules that keep the engine independent of the user interface."""

from __future__ import annotations

import ast
from pathlib import Path

PLANNER = Path(__file__).resolve().parents[1] / "planner"


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module a file imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_under_planner_imports_streamlit() -> None:
    offenders = [str(p.relative_to(PLANNER.parent)) for p in PLANNER.rglob("*.py")
                 if "streamlit" in imported_modules(p)]
    assert list(PLANNER.rglob("*.py")), "planner/ has no modules"
    assert offenders == []


def test_the_check_itself_sees_a_streamlit_import(tmp_path: Path) -> None:
    sample = tmp_path / "page.py"
    sample.write_text("import os\nfrom streamlit import session_state\n")
    assert "streamlit" in imported_modules(sample)
