"""House rules of the app: pages use only the public API and the app's helpers; no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_PAGES = ROOT / "app_pages"
MAX_LINES = 210  # about 200: a helper that grows past it is split by topic


def imports_of(path: Path) -> list[str]:
    """Every module a file imports, at the top or inside a function, by its full name.

    `from app_pages import _session` counts as `app_pages._session`, and `from planner import
    Plan` as `planner` (a name of the public API, not a module).
    """
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "app_pages":
                found += [f"app_pages.{alias.name}" for alias in node.names]
            else:
                found.append(node.module)
    return found


def pages() -> list[Path]:
    """The page modules (no leading underscore)."""
    return sorted(APP_PAGES.glob("[!_]*.py"))


def helpers() -> list[Path]:
    """The helper modules the pages share (a leading underscore)."""
    return sorted(p for p in APP_PAGES.glob("_*.py") if p.name != "__init__.py")


def layer_breaks(path: Path) -> list[str]:
    """Imports of planner submodules, or of app_pages modules that are not helpers."""
    bad = []
    for module in imports_of(path):
        parts = module.split(".")
        submodule = parts[0] == "planner" and len(parts) > 1
        not_helper = parts[0] == "app_pages" and not (len(parts) == 2
                                                      and parts[1].startswith("_"))
        if submodule or not_helper:
            bad.append(module)
    return bad


def test_pages_import_only_the_public_api_and_the_app_helpers() -> None:
    assert pages(), "app_pages/ has no pages"
    offenders = {p.name: layer_breaks(p) for p in [ROOT / "app.py", *pages()] if layer_breaks(p)}
    assert offenders == {}


def test_helpers_reach_the_engine_only_through_the_public_api() -> None:
    offenders = {p.name: layer_breaks(p) for p in helpers() if layer_breaks(p)}
    assert offenders == {}


def test_the_check_sees_a_submodule_import_and_a_page_importing_a_page(tmp_path: Path) -> None:
    sample = tmp_path / "page.py"
    sample.write_text("from planner import Plan\nfrom app_pages import _ui, roadmap\n"
                      "def f():\n    from planner.views.plans import gantt_frame\n")
    assert layer_breaks(sample) == ["app_pages.roadmap", "planner.views.plans"]


def helper_graph() -> dict[str, set[str]]:
    """Which app_pages modules each app_pages module imports."""
    graph = {}
    for path in sorted(APP_PAGES.glob("*.py")):
        name = f"app_pages.{path.stem}"
        graph[name] = {m for m in imports_of(path) if m.startswith("app_pages.")}
    return graph


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of the graph as a path that returns to its start, or []."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str]:
        if node in path:
            return path[path.index(node):] + [node]
        if node in done:
            return []
        for target in sorted(graph.get(node, ())):
            found = visit(target, [*path, node])
            if found:
                return found
        done.add(node)
        return []

    for start in sorted(graph):
        found = visit(start, [])
        if found:
            return found
    return []


def test_app_pages_has_no_import_cycle() -> None:
    assert cycle_in(helper_graph()) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert cycle_in(graph) == ["a", "b", "c", "a"]


def test_session_state_keys_import_nothing_from_the_app() -> None:
    assert helper_graph()["app_pages._state"] == set()


def test_no_app_module_grows_past_about_two_hundred_lines() -> None:
    long = {p.name: n for p in APP_PAGES.glob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
