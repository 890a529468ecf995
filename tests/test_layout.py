"""Tests mirror the package: every engine module has its own test file, and every test file tests.

The check-testdir idea: `planner/<pkg>/<mod>.py` is tested in `tests/<pkg>/test_<mod>.py`
(deeper packages mirror their whole path), `planner/<mod>.py` in `tests/test_<mod>.py`.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANNER = ROOT / "planner"
TESTS = ROOT / "tests"
NOT_MODULES = {"__init__", "__main__"}


def engine_modules(planner: Path = PLANNER) -> list[Path]:
    """Every module of the engine that holds code of its own."""
    return [p for p in sorted(planner.rglob("*.py"))
            if p.stem not in NOT_MODULES and "__pycache__" not in p.parts]


def expected_test_file(module: Path, planner: Path = PLANNER, tests: Path = TESTS) -> Path:
    """Where the tests of one planner module live (a private `_name.py` in `test_name.py`)."""
    relative = module.relative_to(planner)
    return tests.joinpath(*relative.parts[:-1], f"test_{relative.stem.lstrip('_')}.py")


def modules_without_tests(planner: Path = PLANNER, tests: Path = TESTS) -> list[str]:
    """Planner modules (relative to the package) that have no test file of their own."""
    return [str(m.relative_to(planner)) for m in engine_modules(planner)
            if not expected_test_file(m, planner, tests).is_file()]


def defined_tests(path: Path) -> list[str]:
    """Names of the test functions and test methods a file defines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [node.name for node in tree.body
             if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
             and node.name.startswith("test")]
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            found += [item.name for item in node.body
                      if isinstance(item, ast.FunctionDef) and item.name.startswith("test")]
    return found


def collected_test_files() -> list[Path]:
    """Every file pytest collects as tests."""
    return [p for p in sorted(TESTS.rglob("test_*.py")) if "__pycache__" not in p.parts]


def test_every_planner_module_has_its_own_test_file() -> None:
    assert modules_without_tests() == []


def test_every_test_file_holds_at_least_one_test() -> None:
    empty = [str(p.relative_to(ROOT)) for p in collected_test_files() if not defined_tests(p)]
    assert empty == []


def test_every_test_package_has_an_init_file() -> None:
    packages = {expected_test_file(m).parent for m in engine_modules()}
    packages |= {p.parent for p in collected_test_files()}
    missing = [str(p.relative_to(ROOT)) for p in sorted(packages - {TESTS})
               if not (p / "__init__.py").is_file()]
    assert missing == []


def test_the_layout_check_names_a_module_without_tests(tmp_path: Path) -> None:
    package = tmp_path / "planner" / "export"
    package.mkdir(parents=True)
    for name in ("__init__.py", "charts.py", "untested.py"):
        (package / name).write_text("X = 1\n")
    (tmp_path / "planner" / "__main__.py").write_text("X = 1\n")
    (tmp_path / "tests" / "export").mkdir(parents=True)
    (tmp_path / "tests" / "export" / "test_charts.py").write_text("def test_x(): pass\n")
    found = modules_without_tests(tmp_path / "planner", tmp_path / "tests")
    assert found == ["export/untested.py"]


def test_a_helper_file_without_tests_is_seen_as_empty(tmp_path: Path) -> None:
    helper = tmp_path / "test_helpers.py"
    helper.write_text("def make_thing():\n    return 1\n\n\nclass TestKind:\n"
                      "    def test_kind(self):\n        assert True\n")
    assert defined_tests(helper) == ["test_kind"]
    helper.write_text("def make_thing():\n    return 1\n")
    assert defined_tests(helper) == []
