"""The package's shape: no import cycles, and heavy libraries stay out of start-up."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import harness

PACKAGE = Path(harness.__file__).resolve().parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def harness_imports(path: Path, modules: set[str]) -> set[str]:
    """The harness modules ``path`` imports, anywhere in the file.

    Imports inside functions count: a lazy import still makes the two modules depend
    on each other, and a cycle of them is one refactoring away from a crash at import
    time. Imports under ``if TYPE_CHECKING:`` count too. ``from a import b`` counts as
    importing ``a.b`` when that is a module, else ``a``.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in modules else base)
    return {module for module in found if module in modules}


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    modules = set(paths)
    graph = {}
    for name, path in paths.items():
        edges = harness_imports(path, modules)
        # Importing a.b.c imports its packages a and a.b first; those are not cycles of a.b.c.
        graph[name] = {edge for edge in edges if not name.startswith(edge + ".")}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    visiting: list[str] = []
    done: set[str] = set()

    def walk(node: str) -> list[str] | None:
        if node in visiting:
            return [*visiting[visiting.index(node) :], node]
        if node in done:
            return None
        visiting.append(node)
        for edge in sorted(graph.get(node, ())):
            cycle = walk(edge)
            if cycle:
                return cycle
        visiting.pop()
        done.add(node)
        return None

    for node in sorted(graph):
        cycle = walk(node)
        if cycle:
            return cycle
    return None


def test_the_package_has_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_planted_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_graph_sees_relative_and_from_imports(tmp_path: Path) -> None:
    graph = import_graph()
    assert "harness.requests" in graph["harness.predictor.request_runner"]
    assert "harness.core" in graph["harness.tasks.base"]


def test_validate_and_report_start_without_heavy_libraries() -> None:
    code = (
        "import sys, harness.cli, harness.suite, harness.report, harness.gate;"
        "heavy = [m for m in ('torch', 'transformers', 'textattack', 'datasets', 'sklearn')"
        " if m in sys.modules]; print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_building_the_command_line_loads_no_statistics() -> None:
    """``harness --help`` and a warm re-run build the parser first: the gate's
    subcommands register there, and loading scipy and the gate's modules with them
    cost about a second before any work."""
    code = (
        "import sys, harness.cli as cli; cli.build_parser(); "
        "print(sorted(m for m in ('scipy.stats', 'harness.gate.compare', 'harness.findings') "
        "if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"
    # The package's names still load on first use.
    from harness.gate import compare_dirs
    from harness.gate.compare import compare_dirs as direct

    assert compare_dirs is direct
