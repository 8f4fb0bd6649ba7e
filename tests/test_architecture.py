"""The package's shape: no import cycles, layers that only import downwards, no private
names across packages, and heavy libraries kept out of start-up."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import harness

PACKAGE = Path(harness.__file__).resolve().parent

#: The layers of the package, lowest first, each a set of *folders*: a subpackage
#: (``harness.data``) or a module at the top of the package (``harness.runner``).
#: A folder imports folders of its own layer or below; the one import that runs back
#: up is ``UPWARD_IMPORTS``. A new folder is placed here, or the test fails.
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(layer)
    for layer in (
        # core data and utilities: records, errors, seeds, files, options, registries,
        # what the machine provides, the on-disk caches
        {
            "harness",
            "harness.builtins",
            "harness.cache",
            "harness.core",
            "harness.errors",
            "harness.files",
            "harness.labels",
            "harness.nltk_data",
            "harness.options",
            "harness.registry",
            "harness.resources",
            "harness.seeding",
        },
        # what goes into a model: examples from data sources, typed requests
        {"harness.data", "harness.requests"},
        # models, and tasks (with their prompting) that turn examples into requests
        {"harness.models", "harness.tasks"},
        # made examples (generators, transforms: they may use a model's encoder and a
        # task's text tools), and the predictor that asks a model (batches, cache, executors)
        {"harness.generators", "harness.transforms", "harness.predictor"},
        # aggregation: metrics over items, and what kinds and analyses return
        {
            "harness.execution",
            "harness.metrics",
        },
        # the suite: schema, loading, checks before a run, resources it needs
        {"harness.suite"},
        # what runs a test or reads across tests
        {
            "harness.analyses",
            "harness.attack",
            "harness.bias",
            "harness.coherence",
            "harness.explain",
            "harness.findings",
            "harness.kinds",
        },
        # the run record: results.json and items.jsonl, written by the runner, read above
        {"harness.results"},
        # what reads runs: the gate, and the pages (which show the gate's verdicts)
        {"harness.gate", "harness.report"},
        # the one place that does a run's I/O (it writes the report of what it ran), and
        # the repeats that measure a run's noise floor by running it again
        {"harness.runner", "harness.noise_floor"},
        # the loop: augment from a suite's tests, fine-tune, run before and after, gate
        {"harness.loop"},
        # entry points
        {"harness.__main__", "harness.cli", "harness.pytest_plugin", "harness.testing"},
    )
)

#: Imports that run back up the layers, each with its reason.
UPWARD_IMPORTS = {
    # A suite's ``gate:`` section is validated at load time by the gate's own schema,
    # so a misspelt tolerance is an error with its line before any run.
    ("harness.suite", "harness.gate"),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def folder_of(module: str) -> str:
    """``harness.data.sources`` -> ``harness.data``; ``harness.runner`` -> itself."""
    return ".".join(module.split(".")[:2])


def imported_names(path: Path, modules: set[str]) -> Iterator[tuple[str, str | None, int]]:
    """``(module, name, line)`` for each harness import in ``path``, anywhere in the file.

    Imports inside functions count: a lazy import still makes the two modules depend
    on each other, and a cycle of them is one refactoring away from a crash at import
    time. Imports under ``if TYPE_CHECKING:`` count too. ``from a import b`` is an
    import of module ``a.b`` when that is a module, else of name ``b`` from ``a``.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules:
                    yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                if candidate in modules:
                    yield candidate, None, node.lineno
                elif base in modules:
                    yield base, alias.name, node.lineno


def package_modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def harness_imports(path: Path, modules: set[str]) -> set[str]:
    """The harness modules ``path`` imports, anywhere in the file."""
    return {module for module, _, _ in imported_names(path, modules)}


def import_graph() -> dict[str, set[str]]:
    paths = package_modules()
    modules = set(paths)
    graph = {}
    for name, path in paths.items():
        edges = harness_imports(path, modules)
        # Importing a.b.c imports its packages a and a.b first; those are not cycles of a.b.c.
        graph[name] = {edge for edge in edges if not name.startswith(edge + ".")}
    return graph


def folder_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The module graph seen from above: an edge between folders for any module edge."""
    folders: dict[str, set[str]] = {}
    for module, edges in graph.items():
        source = folder_of(module)
        folders.setdefault(source, set()).update(
            folder_of(edge) for edge in edges if folder_of(edge) != source
        )
    return folders


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


def layer_of(folder: str) -> int:
    for index, layer in enumerate(LAYERS):
        if folder in layer:
            return index
    raise KeyError(folder)


def upward_imports(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    """Folder pairs ``(importer, imported)`` where the imported folder is in a higher layer."""
    return {
        (source, target)
        for source, targets in folder_graph(graph).items()
        for target in targets
        if layer_of(target) > layer_of(source)
    }


def private_imports_across_folders() -> list[str]:
    """Imports of a ``_private`` name or module from another folder, as ``file:line name``."""
    paths = package_modules()
    modules = set(paths)
    found = []
    for name, path in sorted(paths.items()):
        for module, imported, line in imported_names(path, modules):
            if folder_of(module) == folder_of(name):
                continue
            parts = [*module.split(".")[1:], *([imported] if imported else [])]
            if any(part.startswith("_") and not part.startswith("__") for part in parts):
                where = path.relative_to(PACKAGE.parent)
                found.append(f"{where}:{line} {module}" + (f".{imported}" if imported else ""))
    return found


def test_the_package_has_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_no_folder_imports_a_folder_that_imports_it_back() -> None:
    cycle = find_cycle(folder_graph(import_graph()))
    assert cycle is None, " -> ".join(cycle or [])


def test_every_folder_has_a_layer() -> None:
    folders = {folder_of(module) for module in package_modules()}
    unplaced = sorted(folder for folder in folders if not any(folder in layer for layer in LAYERS))
    assert not unplaced, f"place these in LAYERS: {unplaced}"


def test_imports_run_down_the_layers() -> None:
    found = upward_imports(import_graph())
    assert found <= UPWARD_IMPORTS, sorted(found - UPWARD_IMPORTS)
    assert len(UPWARD_IMPORTS) <= 1


def test_no_private_name_is_imported_across_folders() -> None:
    assert private_imports_across_folders() == []


def test_the_cycle_finder_finds_a_planted_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_layer_check_sees_a_planted_upward_import() -> None:
    graph = {"harness.data.sources": {"harness.runner"}, "harness.runner": {"harness.data"}}
    assert folder_graph(graph) == {
        "harness.data": {"harness.runner"},
        "harness.runner": {"harness.data"},
    }
    assert upward_imports(graph) == {("harness.data", "harness.runner")}


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
