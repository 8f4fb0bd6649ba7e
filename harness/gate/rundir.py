"""Loading a run directory (results.json + items.jsonl, docs/results-schema.md) for the gate.

Only what a comparison needs is kept: results.json whole (it is small), and each test's
items as compact columns read as a stream (``harness.results.item_file``), so memory grows
by tens of bytes per item. Any problem with the directory is one ``RunDirectoryError``
line naming the file (and line).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from harness.errors import RunDirectoryError
from harness.metrics.columns import ItemColumns
from harness.results import ITEMS_FILE, RESULTS_FILE, check_item_counts, load_results
from harness.results.item_file import read_back, read_item_columns
from harness.results.manifest import RunManifest
from harness.results.records import ItemRecord

SUITE_COPY = "suite.yaml"

__all__ = ["ItemRecord", "RunRecord", "TestRecord", "load_run_dir"]


@dataclass(frozen=True)
class TestRecord:
    """One test of a run: its summary from results.json and its items as columns."""

    __test__ = False  # not a pytest test class, despite the name

    name: str
    kind: str
    labels: tuple[str, ...]
    metrics: Mapping[str, Any]
    slice_fields: tuple[str, ...]
    cluster_by: str | None
    columns: ItemColumns = field(repr=False)
    summary: Mapping[str, Any] = field(repr=False, default_factory=dict)

    @property
    def items(self) -> dict[str, ItemRecord]:
        """Every item by id, in file order, read back whole (memory grows with the test)."""
        (records,) = read_back([(self.columns, np.arange(len(self.columns)))])
        return {record.id: record for record in records}


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
    def manifest(self) -> RunManifest | None:
        """What decided the run's numbers; None for a run written before manifests."""
        value = self.results.get("manifest")
        return None if value is None else RunManifest.model_validate(value)

    @property
    def model_name(self) -> str:
        return str(self.model.get("spec") or self.model.get("name") or "?")

    def infra_error_share(self) -> tuple[int, int]:
        """(items with an infrastructure error, all items) over every test of the run."""
        columns = [test.columns for test in self.tests.values()]
        return sum(int(c.infra_error.sum()) for c in columns), sum(len(c) for c in columns)

    @property
    def suite_copy(self) -> Path:
        """The copy of the suite file that the runner writes into the run directory."""
        return self.path / SUITE_COPY


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
    for index, summary in enumerate(results["tests"]):
        if not isinstance(summary, dict) or not isinstance(summary.get("name"), str):
            raise RunDirectoryError(f"{path / RESULTS_FILE}: tests[{index}] has no name")
    labels = {
        summary["name"]: tuple(summary.get("labels") or results["suite"].get("labels") or ())
        for summary in results["tests"]
    }
    items = read_item_columns(path, labels)
    suite_tests = _suite_test_options(path)
    tests: dict[str, TestRecord] = {}
    for summary in results["tests"]:
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
            labels=labels[name],
            metrics=summary.get("metrics") or {},
            slice_fields=tuple(slice_fields),
            cluster_by=str(cluster_by) if cluster_by else None,
            columns=items.get(name) or ItemColumns.from_items((), labels[name]),
            summary=summary,
        )
    unknown = sorted(set(items) - set(tests))
    if unknown:
        raise RunDirectoryError(
            f"{path / ITEMS_FILE}: items of test '{unknown[0]}', which results.json does not list"
        )
    # A copy cut at a line boundary parses; only the counts give it away.
    check_item_counts(
        path / ITEMS_FILE,
        {summary["name"]: int(summary.get("n") or 0) for summary in results["tests"]},
        {name: len(record.columns) for name, record in tests.items()},
    )
    return RunRecord(
        path=path,
        schema_version=int(results["schema_version"]),
        suite=results["suite"],
        model=results.get("model") or {},
        tests=tests,
        results=results,
    )
