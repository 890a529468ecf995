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


# A module may import only from packages to its left (samples/ sits beside and may import
# anything). score comes before validate so that validation can check a Settings `method`
# against the method registry.
LAYERS = ("errors", "core", "values", "ingest", "recognize", "score", "validate", "propose",
          "plan", "explain", "export", "brief", "service", "store", "views", "cli")


def planner_imports(path: Path) -> set[str]:
    """The planner packages (first name below `planner`) a file imports, lazily or not."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] == "planner":
                found.update([parts[1]] if len(parts) > 1 else [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names
                         if a.name.startswith("planner."))
    return found


def layer_of(path: Path) -> str:
    """The package a planner file belongs to (a top-level module is its own layer)."""
    return path.relative_to(PLANNER).parts[0].removesuffix(".py")


def upward_imports() -> list[str]:
    """Every import that points to a package later in LAYERS than its importer's."""
    rank = {name: i for i, name in enumerate(LAYERS)}
    bad = []
    for path in sorted(PLANNER.rglob("*.py")):
        me = layer_of(path)
        if me not in rank:
            continue
        bad += [f"{path.relative_to(PLANNER)} imports planner.{target}"
                for target in sorted(planner_imports(path))
                if target in rank and rank[target] > rank[me]]
    return bad


def test_every_planner_package_has_a_place_in_the_import_order() -> None:
    places = {layer_of(p) for p in PLANNER.rglob("*.py")} - {"__init__", "__main__", "samples"}
    assert places <= set(LAYERS), places - set(LAYERS)


def test_imports_point_only_down_the_pipeline() -> None:
    assert upward_imports() == []


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("def f():\n    from planner.export.workbook import export_workbook\n")
    assert planner_imports(sample) == {"export"}



def test_no_module_under_planner_exceeds_350_lines() -> None:
    long = {str(p.relative_to(PLANNER)): n for p in PLANNER.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 350}
    assert long == {}


def public_api_imports(path: Path) -> set[str]:
    """Names a file takes from the `planner` package itself (its lazy public API)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "planner" and node.level == 0:
            names.update(a.name for a in node.names)
    return names


def test_only_the_command_line_uses_the_public_api_inside_the_engine() -> None:
    # The public API re-exports every layer, so a lower layer importing from it would point
    # upwards unseen; the version string is the one exception.
    users = {str(p.relative_to(PLANNER)): sorted(public_api_imports(p) - {"__version__"})
             for p in PLANNER.rglob("*.py") if layer_of(p) != "cli"}
    assert {k: v for k, v in users.items() if v} == {}


def module_imports() -> dict[str, set[str]]:
    """Each planner module's module-level imports of other planner modules."""
    names = {".".join(p.relative_to(PLANNER.parent).with_suffix("").parts).removesuffix(
        ".__init__"): p for p in PLANNER.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        found: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.update({node.module, *(f"{node.module}.{a.name}" for a in node.names)})
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        graph[name] = {m for m in found if m in names and m != name}
    return graph


def test_no_import_cycle_between_planner_modules() -> None:
    graph, state, cycles = module_imports(), {}, []

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                cycles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []
