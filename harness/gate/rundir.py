"""Loading a run directory (results.json + items.jsonl, docs/results-schema.md) into records.

Only what a comparison needs is kept; everything is plain, frozen data. Any problem
with the directory is one ``RunDirectoryError`` line naming the file (and line).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.errors import RunDirectoryError
from harness.records import ItemRecord
from harness.results import ITEMS_FILE, RESULTS_FILE, load_numbered_items, load_results

SUITE_COPY = "suite.yaml"

__all__ = ["ItemRecord", "RunRecord", "TestRecord", "load_run_dir"]


@dataclass(frozen=True)
class TestRecord:
    """One test of a run: its summary from results.json and its items, in file order."""

    __test__ = False  # not a pytest test class, despite the name

    name: str
    kind: str
    labels: tuple[str, ...]
    metrics: Mapping[str, Any]
    slice_fields: tuple[str, ...]
    cluster_by: str | None
    items: Mapping[str, ItemRecord] = field(repr=False)
    summary: Mapping[str, Any] = field(repr=False, default_factory=dict)


@dataclass(frozen=True)
class RunRecord:
    """A loaded run directory."""

    path: Path
    schema_version: int
    suite: Mapping[str, Any]
    model: Mapping[str, Any]
    tests: Mapping[str, TestRecord]
    results: Mapping[str, Any] = field(repr=False)

    @property
    def suite_hash(self) -> str | None:
        value = self.suite.get("hash")
        return None if value is None else str(value)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.suite.get("labels") or ())

    @property
    def seed(self) -> Any:
        return self.suite.get("seed")

    @property
    def model_name(self) -> str:
        return str(self.model.get("spec") or self.model.get("name") or "?")

    def infra_error_share(self) -> tuple[int, int]:
        """(items with an infrastructure error, all items) over every test of the run."""
        items = [item for test in self.tests.values() for item in test.items.values()]
        return sum(1 for item in items if item.infra_error is not None), len(items)

    @property
    def suite_copy(self) -> Path:
        """The copy of the suite file that the runner writes into the run directory."""
        return self.path / SUITE_COPY


def _read_items(path: Path) -> dict[str, dict[str, ItemRecord]]:
    items_path = path / ITEMS_FILE
    by_test: dict[str, dict[str, ItemRecord]] = {}
    for number, item in load_numbered_items(path, required=True):
        test_items = by_test.setdefault(item.test, {})
        if item.id in test_items:
            raise RunDirectoryError(
                f"{items_path}:{number}: duplicate item id '{item.id}' in test '{item.test}'"
            )
        test_items[item.id] = item
    return by_test


def _suite_test_options(path: Path) -> dict[str, dict[str, Any]]:
    """Test options from the run's suite copy (for ``cluster_by``), best effort."""
    copy = path / SUITE_COPY
    if not copy.is_file():
        return {}
    import yaml

    try:
        document = yaml.safe_load(copy.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    tests = document.get("tests") if isinstance(document, dict) else None
    if not isinstance(tests, list):
        return {}
    return {str(test["name"]): test for test in tests if isinstance(test, dict) and "name" in test}


def load_run_dir(path: str | Path) -> RunRecord:
    """Load a run directory; raises ``RunDirectoryError`` (one line) when it cannot."""
    path = Path(path)
    results = load_results(path)
    items = _read_items(path)
    suite_tests = _suite_test_options(path)
    tests: dict[str, TestRecord] = {}
    for index, summary in enumerate(results["tests"]):
        if not isinstance(summary, dict) or not isinstance(summary.get("name"), str):
            raise RunDirectoryError(f"{path / RESULTS_FILE}: tests[{index}] has no name")
        name = summary["name"]
        slice_fields: list[str] = []
        for slice_ in summary.get("slices") or []:
            field_name = slice_.get("field") if isinstance(slice_, dict) else None
            if isinstance(field_name, str) and field_name not in slice_fields:
                slice_fields.append(field_name)
        cluster_by = summary.get("cluster_by") or suite_tests.get(name, {}).get("cluster_by")
        tests[name] = TestRecord(
            name=name,
            kind=str(summary.get("kind", "evaluate")),
            labels=tuple(summary.get("labels") or results["suite"].get("labels") or ()),
            metrics=summary.get("metrics") or {},
            slice_fields=tuple(slice_fields),
            cluster_by=str(cluster_by) if cluster_by else None,
            items=items.get(name, {}),
            summary=summary,
        )
    unknown = sorted(set(items) - set(tests))
    if unknown:
        raise RunDirectoryError(
            f"{path / ITEMS_FILE}: items of test '{unknown[0]}', which results.json does not list"
        )
    return RunRecord(
        path=path,
        schema_version=int(results["schema_version"]),
        suite=results["suite"],
        model=results.get("model") or {},
        tests=tests,
        results=results,
    )
